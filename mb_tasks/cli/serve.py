"""``modbias serve MODEL --port P``: a reference model as an OpenAI-compatible server.

``modbias serve oracle`` (or blind, text_follower, leaky) answers ``/v1/chat/completions`` as
``modbias_<MODEL>``; ``modbias serve --upstream http://host:port/v1`` forwards every request to another
OpenAI-compatible server instead. ``--cache FILE`` keeps every answer on disk before sending it, so
a run killed half-way and started again asks nothing twice (``mb_tasks.serve.cache``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mb_tasks.serve.backends import Backend, Cached, LocalModel, Upstream
from mb_tasks.serve.cache import ResponseCache
from mb_tasks.serve.models import MODELS, served_model, short_name
from mb_tasks.serve.server import CHAT_PATH, STATS_PATH, ModelServer


def build_backend(args: argparse.Namespace) -> tuple[Backend, str]:
    """The backend the arguments describe and a line saying what it serves (ValueError if unclear)."""
    if (args.model is None) == (args.upstream is None):
        raise ValueError(f"give a MODEL ({', '.join(MODELS)}) or --upstream URL, not both or neither")
    if args.model is not None:
        name, policy = served_model(args.model)
        backend: Backend = LocalModel(name, policy)
        what = f"model {name}"
    else:
        backend = Upstream(args.upstream, timeout=args.upstream_timeout)
        what = f"the models of {args.upstream} (a proxy)"
    if args.cache is not None:
        cache = ResponseCache(args.cache)
        backend = Cached(backend, cache)
        what += f", cache {args.cache} ({len(cache)} answers)"
    return backend, what


def run(args: argparse.Namespace) -> int:
    try:
        backend, what = build_backend(args)
        server = ModelServer((args.host, args.port), backend, log=None if args.quiet else sys.stderr)
    except (ValueError, OSError) as error:
        print(f"modbias serve: {error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(
        f"modbias serve: http://{host}:{port}/v1 serves {what} ({CHAT_PATH}; counts at {STATS_PATH})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _model_name(value: str) -> str:
    try:
        short_name(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve a reference model as an OpenAI-compatible endpoint",
        description="Serve a reference model (or proxy another OpenAI-compatible server) at "
        "http://HOST:PORT/v1: POST /v1/chat/completions, GET /v1/models, GET /modbias/stats.",
    )
    parser.add_argument(
        "model", nargs="?", type=_model_name, metavar="MODEL", help=f"one of {', '.join(MODELS)}"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free one; default %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    parser.add_argument("--upstream", metavar="URL", help="forward to this OpenAI-compatible /v1 URL instead")
    parser.add_argument(
        "--upstream-timeout", type=float, default=600.0, metavar="S", help="seconds per upstream request"
    )
    parser.add_argument(
        "--cache", type=Path, metavar="FILE", help="keep answers in FILE (SQLite), reuse them"
    )
    parser.add_argument("--quiet", action="store_true", help="no log line per request")
    parser.set_defaults(func=run)
