"""``modbias serve``: the reference models behind an OpenAI-compatible HTTP API, so that the API path
teams use for real models (lmms-eval's ``openai`` model against vLLM, SGLang or a provider) runs end
to end here, and a response cache that lets a killed run resume without asking anything twice.

Modules: ``messages`` (request -> prompt and images), ``models`` (the served models), ``cache``
(answers on disk), ``backends`` (model here, upstream server, cached), ``server`` (HTTP handler).
"""
