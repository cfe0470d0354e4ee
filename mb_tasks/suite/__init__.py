"""The suite around the tasks: the lite subset, local dataset copies, the task index and model-call
counts."""
