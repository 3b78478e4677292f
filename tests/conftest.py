"""Test harness: cassettes from the top-level cassettes/ folder, scrubbed, and always fully played."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import ccxt.async_support
import pytest

from ccxt_cancel import patching, plugins, replay
from tests.support.helpers import CASSETTES, secret_values

# ccxt's async close() ends with sleep(timeout_on_exit), 250 ms (ccxt PR 23470, time for its own
# websocket clients to drain). No test exchange opens a websocket, and the suite closes well over a
# thousand async exchanges: that sleep was about half of its wall time. Tests only; ccxt's default
# stays in force for bots.
ccxt.async_support.Exchange.timeout_on_exit = 0

# Fixtures that live in support modules (sample_site: a third-party plugin installed as a real distribution).
pytest_plugins = ["tests.support.sites"]


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    # No record_mode here: it would override --record-mode on the command line.
    return {**replay.vcr_options(), **replay.scrubbers(secret_values())}


@pytest.fixture(scope="session")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture(autouse=True)
def _cassette_fully_played(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every replaying test must use every interaction its cassette holds."""
    cassette = request.getfixturevalue("vcr") if request.node.get_closest_marker("vcr") else None
    yield
    if cassette is not None and request.config.getoption("--record-mode") == "none":
        assert cassette.all_played, f"cassette {cassette._path} was not fully played ({cassette.play_count} of {len(cassette.data)} interactions)"


@pytest.fixture(autouse=True)
def _no_leaked_install() -> Iterator[None]:
    """A test that installs globally must uninstall: the next test starts from plain ccxt."""
    assert not patching.classes_installed(), "a previous test left ccxt_cancel installed"
    yield
    leaked = patching.classes_installed()
    patching.uninstall_classes()
    assert not leaked, "this test left ccxt_cancel.install() in place"


@pytest.fixture(autouse=True)
def _fresh_plugin_manager() -> Iterator[Any]:
    """Each test gets a manager no other test touched: built-ins only, no entry-point autoload."""
    pm = plugins.build_manager(environ={plugins.DISABLE_AUTOLOAD_ENV: "1", **{k: v for k, v in os.environ.items() if k == plugins.BLOCK_ENV}})
    previous = plugins.set_plugin_manager(pm)
    try:
        yield pm
    finally:
        plugins.set_plugin_manager(previous)


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """One loopback test exchange per test module (on 127.0.0.1); a module may set LOOPBACK_OPTIONS."""
    from tests.support.loopback import LoopbackExchange

    with LoopbackExchange(**getattr(request.module, "LOOPBACK_OPTIONS", {})) as loopback:
        yield loopback


@pytest.fixture
def loopback(server: Any) -> Any:
    """The module's loopback exchange, with its request log and pending faults cleared."""
    server.seen.clear()
    server.faults.clear()
    return server


@pytest.fixture
def plugin_manager(_fresh_plugin_manager: Any) -> Any:
    return _fresh_plugin_manager
