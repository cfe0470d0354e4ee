"""VLind-Bench (Lee et al., NAACL Findings 2025; klee972/VLind-Bench) as the native counterfactual
task ``modbias_vlind``, with the benchmark's pipeline scores.

- :mod:`probes`:   the official evaluation's four tests as probe rows, prompts, and the converter
  from the released ``data.json`` + image folders to a ``datasets`` split;
- :mod:`pipeline`: the pipeline scores (commonsense knowledge, visual perception, commonsense bias,
  language prior) with their gated denominators, as pure functions;
- :mod:`adapter`:  the benchmark adapter.
"""

from mb_tasks.benchmarks.vlind.adapter import VLindAdapter

__all__ = ["VLindAdapter"]
