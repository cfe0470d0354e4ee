"""Reference models: lmms-eval model classes whose answers on modbias_synth follow from a definition.

They are registered with lmms-eval through the ``lmms_eval.models`` entry point
(:mod:`mb_tasks.models.manifests`), as ``modbias_oracle``, ``modbias_blind``,
``modbias_text_follower`` and ``modbias_leaky``.
"""
