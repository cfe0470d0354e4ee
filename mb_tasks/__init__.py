"""modbias: modality-bias scores for multimodal LLMs, as an lmms-eval task suite.

Folders, one concern each:
- ``parsing``  turns raw model answers into normalized answers, scores and validity;
- ``metrics``  computes every bias metric of DESIGN.md from per-sample records, with intervals;
- ``report``   reads records from files and renders them;
- ``cli``      the ``modbias`` command.
"""

__version__ = "0.1.0"
