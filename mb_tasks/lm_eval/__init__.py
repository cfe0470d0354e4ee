"""The lm-evaluation-harness (lm-eval 0.4.13) glue: what the ``mb_tasks/lm_eval_tasks/`` YAMLs call.
Expansion, requests, records and metric aggregations are the lmms-eval suite's code
(``mb_tasks.lmms``); this package only adapts them to lm-eval's task API: a task's rows are made in
its ``custom_dataset`` (:mod:`mb_tasks.lm_eval.task`), which lm-eval calls with the task's metadata.

Text-only requests: lm-eval's ``hf-multimodal`` answers a run's requests on its image path when the
first request carries images (then every request must carry an image list, or it fails unpacking
them), and on that path a batch without any image reaches the model's processor with an empty image
list, which the Qwen2-VL and LLaVA processors reject (``IndexError``). So in a run with images the
text-only variants cannot be text-only; a task chooses, through the metadata key
``modbias_no_image``:

- ``modbias_<b>`` (default ``gray_image``): every variant in one task and one run, the no-image
  variants shown a uniform gray image (records say ``blind_mode: gray_image``); all metrics in
  lm-eval's table.
- ``modbias_<b>_image`` + ``modbias_<b>_text``: the image variants, and the two no-image variants as
  a task without ``doc_to_image`` (answered on ``hf-multimodal``'s text path), run as two ``lm_eval``
  invocations; ``modbias report`` over both output folders pairs their records by ``pair_id``. Their
  rows are identical to the lmms-eval task's rows of the same variants (same hints, donors, seeds).
"""

from mb_tasks.lm_eval.requests import doc_to_image, doc_to_text
from mb_tasks.lm_eval.task import lmms_task_rows, process_results, synth_rows

__all__ = ["doc_to_image", "doc_to_text", "lmms_task_rows", "process_results", "synth_rows"]
