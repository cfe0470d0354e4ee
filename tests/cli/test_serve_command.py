"""``modbias serve``: what it refuses, with one line saying why (serving itself: tests/serve/)."""

from __future__ import annotations

import socket


def test_an_unknown_model_is_refused_with_the_choices(modbias) -> None:
    run = modbias("serve", "gpt4", "--port", "0")
    assert run.returncode == 2
    assert "unknown model 'gpt4'; serve one of oracle, blind, text_follower, leaky" in run.stderr


def test_a_model_or_an_upstream_exactly(modbias) -> None:
    for arguments in ((), ("oracle", "--upstream", "http://127.0.0.1:1/v1")):
        run = modbias("serve", *arguments, "--port", "0")
        assert run.returncode == 2
        assert run.stderr.strip() == (
            "modbias serve: give a MODEL (oracle, blind, text_follower, leaky) or --upstream URL, "
            "not both or neither"
        )


def test_a_port_in_use_is_named(modbias) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        run = modbias("serve", "blind", "--port", str(taken.getsockname()[1]))
    assert run.returncode == 2 and run.stderr.startswith("modbias serve: [Errno 98] Address already in use")
