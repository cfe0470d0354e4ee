"""The ``modbias`` command: one module per subcommand, wired together in :mod:`mb_tasks.cli.main`."""
