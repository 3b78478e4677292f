"""The README's plugin example works as printed, and its commands match what the project ships."""

from __future__ import annotations

import base64
import re
import types
from pathlib import Path
from typing import Any

import ccxt
import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import probe
from tests.support.helpers import RequestLog

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def code_block(starting_with: str) -> str:
    for block in re.findall(r"```(?:python|sh|ini)?\n(.*?)```", README, re.DOTALL):
        if block.startswith(starting_with):
            return str(block)
    raise AssertionError(f"no code block starting with {starting_with!r} in README.md")


def test_plugin_example_claims_and_cancels(plugin_manager: pluggy.PluginManager) -> None:
    module = types.ModuleType("my_plugin")
    exec(compile(code_block("# my_plugin.py"), "README.md", "exec"), module.__dict__)  # noqa: S102  (our own README, to prove it runs)
    plugin_manager.register(module, name="kraken_userref")
    try:
        exchange = ccxt_cancel.install(ccxt.kraken({"apiKey": "FAKE-KEY", "secret": base64.b64encode(b"FAKE-SECRET").decode()}))
        log = RequestLog(answer={"error": [], "result": {"count": 1}})
        log.attach(exchange)
        order = exchange.cancel_order(None, "BTC/USD", {"userref": 42})
        assert order["status"] == "canceled" and order["clientOrderId"] == "42"
        assert [(m, u) for m, u, _, _ in log.requests] == [("POST", "https://api.kraken.com/0/private/CancelOrder")]
        assert "txid=42" in str(log.requests[0][3])
        log.answer = {"error": [], "result": {"count": 0}}
        with pytest.raises(ccxt.OrderNotFound):
            exchange.cancel_order(None, "BTC/USD", {"userref": 43})
        with pytest.raises(ccxt.BadRequest):
            exchange.cancel_order("OABC", "BTC/USD", {"userref": 43})
        # params=None reaches the hook as {} (issue 9, case 5): the example declines instead of
        # failing on `"userref" not in None`, so ccxt's own kraken cancel runs (and itself refuses None).
        exchange.set_markets([probe.market(exchange, id="XXBTZUSD", symbol="BTC/USD", base="BTC", quote="USD", type="spot", spot=True)])
        with pytest.raises(TypeError, match="not a mapping"):
            exchange.cancel_order("OXYZ", "BTC/USD", None)
    finally:
        plugin_manager.unregister(name="kraken_userref")


def test_general_form_example_lists_then_cancels(plugin_manager: pluggy.PluginManager) -> None:
    module = types.ModuleType("kraken_pair")
    exec(compile(code_block("# kraken_pair.py"), "README.md", "exec"), module.__dict__)  # noqa: S102  (our own README, to prove it runs)
    plugin_manager.register(module, name="kraken_pair")
    open_orders = {"OA": {"descr": {"pair": "XBTUSD"}}, "OB": {"descr": {"pair": "ETHUSD"}}, "OC": {"descr": {"pair": "XBTUSD"}}}
    sent: list[str] = []

    def fetch(url: str, method: str = "GET", headers: Any = None, body: Any = None) -> Any:
        sent.append(f"{url.rsplit('/', 1)[1]} {body.split('&nonce')[0] if body else ''}".strip())
        if url.endswith("/OpenOrders"):
            return {"error": [], "result": {"open": open_orders}}
        if "txid=OC" in body:
            raise ccxt.OrderNotFound("kraken EOrder:Unknown order")  # filled meanwhile
        return {"error": [], "result": {"count": 1}}

    try:
        exchange = ccxt_cancel.install(ccxt.kraken({"apiKey": "FAKE-KEY", "secret": base64.b64encode(b"FAKE-SECRET").decode()}))
        exchange.fetch = fetch
        orders = exchange.cancel_all_orders("BTC/USD", {"krakenPair": "XBTUSD"})
        assert [(o["id"], o["status"]) for o in orders] == [("OA", "canceled")]
        assert [s.split()[0] for s in sent] == ["OpenOrders", "CancelOrder", "CancelOrder"]
    finally:
        plugin_manager.unregister(name="kraken_pair")


def test_setup_commands_use_shipped_names() -> None:
    main_job = code_block("python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e . &&")
    cassette = re.search(r"--replay (\S+)", main_job)
    assert cassette is not None and (Path(__file__).resolve().parent.parent / cassette.group(1)).is_file()
    tests = code_block("python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e '.[test]'")
    assert "python -m pytest" in tests
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "python -m pip install -e '.[test]'" in ci and "python -m pytest" in ci


def test_documented_environment_variables_exist() -> None:
    from ccxt_cancel import plugins

    for name in (plugins.DISABLE_AUTOLOAD_ENV, plugins.BLOCK_ENV):
        assert name in README
