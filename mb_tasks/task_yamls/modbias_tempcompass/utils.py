"""modbias_tempcompass: each task YAML here binds its process_docs to its own settings.

Generated from this folder's YAMLs by ``mb_tasks.suite.bindings`` (the shipped folders: ``python -m
mb_tasks.suite.generate --write``; the tests check them); the shared hooks are the template's
(``../utils.py``).
"""

from mb_tasks.lmms.task import process_docs_for

process_docs_modbias_tempcompass = process_docs_for(__file__, "modbias_tempcompass.yaml")
process_docs_modbias_tempcompass_lite = process_docs_for(__file__, "modbias_tempcompass_lite.yaml")
