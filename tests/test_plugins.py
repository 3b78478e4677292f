"""Plugin manager, discovery, ordering, dispatch and errors that name the plugin."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import ccxt
import ccxt.async_support
import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import Plan, PluginError, Request, plugins
from tests.support.helpers import RequestLog
from tests.support.session import StubSession
from tests.support.sites import broken_site, run_isolated

HERE = Path(__file__).resolve().parent


class Claims:
    """A test plugin that claims cancel_order when params carry its marker, and records what it saw."""

    def __init__(self, marker: str = "claim", answer_path: str = "orders/{id}") -> None:
        self.marker = marker
        self.answer_path = answer_path
        self.seen: list[tuple[Any, Any, dict[str, Any]]] = []

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        self.seen.append((id, symbol, params))
        if not params.get(self.marker):
            return None
        request = Request(self.answer_path, ["public"], "GET", {"id": str(id)})
        return Plan([request], parse=lambda answers: {"id": str(id), "symbol": symbol, "status": "canceled", "info": answers[0], "by": self.marker})


def registered(pm: pluggy.PluginManager, plugin: object, name: str) -> Any:
    pm.register(plugin, name=name)
    return plugin


def test_plugin_manager_is_pluggy_with_builtins(plugin_manager: pluggy.PluginManager) -> None:
    assert isinstance(plugin_manager, pluggy.PluginManager)
    assert plugin_manager.project_name == "ccxt_cancel"
    assert plugin_manager.has_plugin("bitopro_margin") and plugin_manager.has_plugin("binance_coinm")
    assert ccxt_cancel.plugin_manager() is plugin_manager
    for hook in ("ccxt_cancel_order", "ccxt_cancel_orders", "ccxt_cancel_all_orders"):
        assert getattr(plugin_manager.hook, hook).spec.opts["firstresult"] is True


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_claimed_call_goes_through_exchange_request(plugin_manager: pluggy.PluginManager, flavor: str) -> None:
    plugin = Claims()
    plugin_manager.register(plugin, name="claims")
    try:
        module = ccxt if flavor == "sync" else ccxt.async_support
        log = RequestLog(answer={"ok": 1})

        async def run() -> Any:
            exchange = module.bitopro({})
            log.attach(exchange)
            ccxt_cancel.install(exchange)
            try:
                result = exchange.cancel_order("42", "BTC/USDT", params={"claim": True})
                return await result if flavor == "async" else result
            finally:
                ccxt_cancel.uninstall(exchange)
                if flavor == "async":
                    await exchange.close()

        order = asyncio.run(run())
        assert order == {"id": "42", "symbol": "BTC/USDT", "status": "canceled", "info": {"ok": 1}, "by": "claim"}
        assert [(m, u) for m, u, _, _ in log.requests] == [("GET", "https://api.bitopro.com/v3/orders/42")]
        assert plugin.seen == [("42", "BTC/USDT", {"claim": True})]
    finally:
        plugin_manager.unregister(name="claims")


def test_hook_receives_positional_keyword_and_default_arguments(plugin_manager: pluggy.PluginManager) -> None:
    plugin = registered(plugin_manager, Claims(marker="never"), "claims")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro({}))
        assert exchange is not None
        RequestLog(answer={"orderId": "1"}).attach(exchange)
        exchange.markets = {}  # keep ccxt from loading markets
        for call in (
            lambda: exchange.cancel_order("1", "x"),
            lambda: exchange.cancel_order("1", symbol="x"),
            lambda: exchange.cancelOrder(id="1", symbol="x", params={"a": 1}),
        ):
            with pytest.raises(ccxt.BaseError):
                call()  # declined: ccxt's own method runs and rejects the unknown symbol
        assert plugin.seen == [("1", "x", {}), ("1", "x", {}), ("1", "x", {"a": 1})]
    finally:
        plugin_manager.unregister(name="claims")


def test_params_given_to_hooks_are_a_copy(plugin_manager: pluggy.PluginManager) -> None:
    class Mutator:
        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self, params: dict[str, Any]) -> None:
            params["added"] = True

    plugin_manager.register(Mutator(), name="mutator")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro({}))
        RequestLog(answer={}).attach(exchange)
        exchange.markets = {}
        mine: dict[str, Any] = {}
        with pytest.raises(ccxt.BaseError):
            exchange.cancel_order("1", "x", mine)
        assert mine == {}
    finally:
        plugin_manager.unregister(name="mutator")


def test_params_reach_hooks_as_a_fresh_dict_and_non_mappings_stay_ccxts(plugin_manager: pluggy.PluginManager) -> None:
    plugin = registered(plugin_manager, Claims(marker="never"), "claims")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro({}))
        RequestLog(answer={}).attach(exchange)
        exchange.markets = {}
        frozen = types.MappingProxyType({"a": 1})
        for params in (None, frozen):
            with pytest.raises(ccxt.BaseError):
                exchange.cancel_order("1", "x", params)
        assert plugin.seen == [("1", "x", {}), ("1", "x", {"a": 1})]
        assert all(type(p) is dict for _, _, p in plugin.seen)
        plugin.seen.clear()
        with pytest.raises(ccxt.BaseError):
            exchange.cancel_order("1", "x", ["not", "a", "mapping"])  # ccxt's own method decides
        assert plugin.seen == []
    finally:
        plugin_manager.unregister(name="claims")


def test_call_with_bad_arguments_reaches_ccxt_untouched(plugin_manager: pluggy.PluginManager) -> None:
    plugin = registered(plugin_manager, Claims(), "claims")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro({}))
        with pytest.raises(TypeError):
            exchange.cancel_order("1", "BTC/USDT", {}, "extra")
        with pytest.raises(TypeError):
            exchange.cancel_order("1", bogus=1)
        assert plugin.seen == []
    finally:
        plugin_manager.unregister(name="claims")


def test_order_tryfirst_then_latest_registration_then_trylast(plugin_manager: pluggy.PluginManager) -> None:
    calls: list[str] = []

    def make(name: str, claim: bool, **opts: Any) -> object:
        class P:
            @ccxt_cancel.hookimpl(**opts)
            def ccxt_cancel_order(self, id: Any) -> Plan | None:
                calls.append(name)
                return Plan([Request("x", ["public"], "GET")], parse=lambda answers: name) if claim else None

        return P()

    plugin_manager.register(make("last", True, trylast=True), name="last")
    plugin_manager.register(make("early", False), name="early")
    plugin_manager.register(make("late", False), name="late")
    plugin_manager.register(make("first", False, tryfirst=True), name="first")
    try:
        claimed = plugins.claim("ccxt_cancel_order", "bitopro", {"exchange": ccxt.bitopro({}), "id": "1", "symbol": None, "params": {}})
        assert claimed is not None and claimed[1] == "last"
        assert calls[:4] == ["first", "late", "early", calls[3]]
        assert calls[-1] == "last"
    finally:
        for name in ("first", "early", "late", "last"):
            plugin_manager.unregister(name=name)


def test_third_party_plugins_are_asked_before_builtins(plugin_manager: pluggy.PluginManager) -> None:
    order = [impl.plugin_name for impl in reversed(plugin_manager.hook.ccxt_cancel_order.get_hookimpls())]
    plugin_manager.register(Claims(), name="third_party")
    try:
        order_after = [impl.plugin_name for impl in reversed(plugin_manager.hook.ccxt_cancel_order.get_hookimpls())]
        assert order_after[0] == "third_party"
        assert order_after[1:] == order
    finally:
        plugin_manager.unregister(name="third_party")


class Broken:
    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        raise KeyError("boom")


class AsyncHook:
    @ccxt_cancel.hookimpl
    async def ccxt_cancel_order(self, id: Any) -> Any:
        return None


class WrongType:
    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        return {"not": "a plan"}


class BadParse:
    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        return Plan([Request("x", ["public"], "GET")], parse=lambda answers: answers[5])


class BadOnError:
    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        def on_error(answer: Any) -> Any:
            raise RuntimeError("mapper bug")

        return Plan([Request("x", ["public"], "GET")], parse=lambda answers: {}, on_error=on_error)


class CcxtRefusal:
    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        raise ccxt.ArgumentsRequired("bitopro cancelOrder() requires an id")


@pytest.mark.parametrize(
    ("plugin", "words"),
    [
        (Broken(), "raised KeyError"),
        (AsyncHook(), "must be synchronous"),
        (WrongType(), "expected ccxt_cancel.Plan"),
        (BadParse(), "while parsing"),
        (BadOnError(), "on_error"),
    ],
)
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_plugin_failures_name_the_plugin_and_leave_the_exchange_usable(plugin_manager: pluggy.PluginManager, plugin: object, words: str, flavor: str) -> None:
    plugin_manager.register(plugin, name="culprit")
    module = ccxt if flavor == "sync" else ccxt.async_support
    log = RequestLog(answer="")

    async def run() -> None:
        exchange = module.bitopro({})
        exchange.timeout_on_exit = 0
        if isinstance(plugin, BadOnError):
            # The request reaches handle_errors: the stub answers under ccxt's real fetch path.
            StubSession(lambda method, url, body: (500, {})).attach(exchange)
        else:
            log.attach(exchange)
        ccxt_cancel.install(exchange)
        try:
            with pytest.raises(PluginError) as caught:
                result = exchange.cancel_order("1", "BTC/USDT")
                if flavor == "async":
                    await result
            assert caught.value.plugin_name == "culprit"
            assert "'culprit'" in str(caught.value) and words in str(caught.value)
            assert isinstance(caught.value, ccxt.BaseError)
        finally:
            plugin_manager.unregister(name="culprit")
        # afterwards the same exchange still works: the call goes to ccxt again
        exchange.markets = {}
        with pytest.raises(ccxt.BadSymbol):
            result = exchange.cancel_order("1", "NOPE/NOPE")
            if flavor == "async":
                await result
        ccxt_cancel.uninstall(exchange)
        if flavor == "async":
            await exchange.close()

    with_warnings_as_errors(lambda: asyncio.run(run()))


def with_warnings_as_errors(fn: Any) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # e.g. "coroutine ... was never awaited"
        fn()


def test_ccxt_errors_from_hooks_pass_through_unchanged(plugin_manager: pluggy.PluginManager) -> None:
    plugin_manager.register(CcxtRefusal(), name="refuser")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro({}))
        log = RequestLog()
        log.attach(exchange)
        with pytest.raises(ccxt.ArgumentsRequired, match="requires an id"):
            exchange.cancel_order(None, "BTC/USDT")
        assert log.requests == []
    finally:
        plugin_manager.unregister(name="refuser")


def test_blocked_plugin_env_blocks_builtins() -> None:
    pm = plugins.build_manager(environ={plugins.BLOCK_ENV: "bitopro_margin, other", plugins.DISABLE_AUTOLOAD_ENV: "1"})
    assert pm.is_blocked("bitopro_margin") and pm.is_blocked("other")
    assert not pm.has_plugin("bitopro_margin")
    assert pm.has_plugin("binance_coinm")


# --- entry points, through a plugin installed as a real distribution -------------------------


CONSULTED = """
    import json, ccxt, ccxt_cancel
    from ccxt_cancel import probe
    ccxt_cancel.install()
    try:
        pm = ccxt_cancel.plugin_manager()
        exchange = ccxt.bitopro({})
        sent = []

        class Log(probe.Transport):  # the package's stub transport: this script runs outside the test tree
            def record(self, method, url, headers, body):
                sent.append((method, url))

            def respond(self, method, url, headers, body):
                return {"done": True}

        Log().attach(exchange)
        exchange.markets = {}
        try:
            result = exchange.cancel_order('7', 'BTC/USDT', {'sample': True})
        except Exception as e:
            result = type(e).__name__
        print(json.dumps({"plugins": sorted(n for n, p in pm.list_name_plugin() if p is not None), "result": result, "sent": sent}))
    finally:
        ccxt_cancel.uninstall()
"""


def test_entry_point_plugin_is_loaded_and_consulted(sample_site: Path) -> None:
    done = run_isolated(sample_site, CONSULTED)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "sample" in out["plugins"]
    assert out["result"] == {"id": "7", "status": "canceled", "info": {"done": True}}
    assert out["sent"] == [["GET", "https://api.bitopro.com/v3/sample/orders/7"]]


def test_autoload_can_be_disabled(sample_site: Path) -> None:
    done = run_isolated(sample_site, CONSULTED, CCXT_CANCEL_DISABLE_PLUGIN_AUTOLOAD="1")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "sample" not in out["plugins"]
    assert out["result"] == "BadSymbol"  # declined: ccxt's own cancel_order, with no markets


def test_entry_point_plugin_can_be_blocked(sample_site: Path) -> None:
    done = run_isolated(sample_site, CONSULTED, CCXT_CANCEL_BLOCK_PLUGINS="sample")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "sample" not in out["plugins"] and out["sent"] == []


def test_plugin_that_fails_to_import_is_named(tmp_path: Path) -> None:
    done = run_isolated(broken_site(tmp_path), "import ccxt_cancel\nccxt_cancel.install()\n")
    assert done.returncode != 0
    assert "PluginLoadError" in done.stderr
    assert "'broken_one'" in done.stderr and "cannot start" in done.stderr


class AcceptsEverything:
    """A plan whose on_error accepts every answer: 2xx answers skip ccxt's handle_errors, others do not."""

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Any:
        return Plan([Request("x", ["public"], "GET")], parse=lambda answers: {"id": "1", "info": answers[0]}, on_error=lambda answer: ccxt_cancel.ACCEPT)


@pytest.mark.parametrize(("status", "accepted"), [(200, True), (400, False)])
def test_accept_skips_ccxts_handle_errors_for_2xx_only(plugin_manager: pluggy.PluginManager, status: int, accepted: bool) -> None:
    plugin_manager.register(AcceptsEverything(), name="accepts")
    try:
        exchange = ccxt_cancel.install(ccxt.binance({}))
        # binance's handle_errors raises OrderNotFound on this one-item list, whatever the status
        answer = [{"code": -2011, "msg": "Unknown order sent."}]
        StubSession(lambda method, url, body: (status, answer)).attach(exchange)  # ccxt's fetch runs handle_errors
        if accepted:
            assert exchange.cancel_order("1", "BTC/USDT")["info"] == answer
        else:
            with pytest.raises(ccxt.OrderNotFound):
                exchange.cancel_order("1", "BTC/USDT")
        ccxt_cancel.uninstall(exchange)
        exchange.markets = {}
        with pytest.raises(ccxt.BaseError):  # without the plan, ccxt's own handling applies
            exchange.handle_errors(200, "x", "u", "GET", {}, json.dumps(answer), answer, None, None)
    finally:
        plugin_manager.unregister(name="accepts")


# --- load-time checks, routing and logging (issue 10) -------------------------------------------


def test_plugin_load_error_is_not_an_exchange_error() -> None:
    # A bot's `except ccxt.ExchangeError` around its start-up must not swallow a broken plugin.
    assert not issubclass(ccxt_cancel.PluginLoadError, ccxt.BaseError)
    assert issubclass(ccxt_cancel.PluginError, ccxt.ExchangeError)


@pytest.mark.parametrize("opts", [{"wrapper": True}, {"hookwrapper": True}])
def test_a_wrapper_hookimpl_is_refused_at_registration_naming_it(plugin_manager: pluggy.PluginManager, opts: dict[str, bool]) -> None:
    class Wraps:
        @ccxt_cancel.hookimpl(**opts)
        def ccxt_cancel_order(self) -> Any:
            yield

    with pytest.raises(ccxt_cancel.PluginLoadError, match=r"'wraps' declares ccxt_cancel_order as a wrapper"):
        plugin_manager.register(Wraps(), name="wraps")
    assert not plugin_manager.has_plugin("wraps")


def test_a_plugin_is_asked_only_about_the_exchanges_it_declares(plugin_manager: pluggy.PluginManager) -> None:
    asked: list[str] = []

    class KrakenOnly:
        CCXT_CANCEL_EXCHANGES = frozenset({"kraken"})

        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self, exchange: Any) -> None:
            asked.append(exchange.id)

    plugin_manager.register(KrakenOnly(), name="kraken_only")
    try:
        for exchange in (ccxt.kraken(), ccxt.bitopro()):
            plugins.claim("ccxt_cancel_order", exchange.id, {"exchange": exchange, "id": "1", "symbol": None, "params": {}})
        assert asked == ["kraken"]
        # Nothing at all is routed to an exchange no plugin declares: the wrapper skips the hooks.
        assert plugins.routes("ccxt_cancel_order", "gemini") == ()
        assert [impl.plugin_name for impl in plugins.routes("ccxt_cancel_order", "kraken")] == ["kraken_only"]
    finally:
        plugin_manager.unregister(name="kraken_only")
    assert plugins.routes("ccxt_cancel_order", "kraken") == ()  # the routing table follows unregistration


def test_a_malformed_exchange_declaration_is_a_load_error(plugin_manager: pluggy.PluginManager) -> None:
    class Bad:
        CCXT_CANCEL_EXCHANGES = "kraken"  # a string, not a collection of ids

        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self) -> None:
            return None

    with pytest.raises(ccxt_cancel.PluginLoadError, match="CCXT_CANCEL_EXCHANGES"):
        plugin_manager.register(Bad(), name="bad")


def test_claim_logs_who_declined_and_who_claimed(plugin_manager: pluggy.PluginManager, caplog: pytest.LogCaptureFixture) -> None:
    registered(plugin_manager, Claims(), "claims")
    try:
        with caplog.at_level("DEBUG", logger="ccxt_cancel"):
            exchange = ccxt.bitopro()
            plugins.claim("ccxt_cancel_order", "bitopro", {"exchange": exchange, "id": "1", "symbol": "BTC/USDT", "params": {"claim": True}})
            plugins.claim("ccxt_cancel_order", "bitopro", {"exchange": exchange, "id": "1", "symbol": "BTC/USDT", "params": {}})
        messages = [r.getMessage() for r in caplog.records]
        assert "bitopro ccxt_cancel_order: claimed by claims" in messages
        assert "bitopro ccxt_cancel_order: declined by claims" in messages
        assert "bitopro ccxt_cancel_order: declined by bitopro_margin" in messages
    finally:
        plugin_manager.unregister(name="claims")


def test_version_and_typed_install(tmp_path: Path) -> None:
    import importlib.metadata

    assert ccxt_cancel.__version__ == importlib.metadata.version("ccxt-cancel")
    snippet = tmp_path / "typed.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from typing import assert_type
            import ccxt_cancel

            class Exchange: ...

            assert_type(ccxt_cancel.install(Exchange()), Exchange)
            assert_type(ccxt_cancel.install(), None)
            assert_type(ccxt_cancel.uninstall(Exchange()), Exchange)
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11", "--no-incremental", str(snippet)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_plugin_that_declares_no_exchanges_is_warned_about_once_and_marked_by_doctor(
    plugin_manager: pluggy.PluginManager, caplog: pytest.LogCaptureFixture
) -> None:
    class Everywhere:
        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> None:
            return None

    plugins._warned_undeclared.discard("everywhere")
    with caplog.at_level("WARNING", logger="ccxt_cancel"):
        registered(plugin_manager, Everywhere(), "everywhere")
        plugin_manager.unregister(name="everywhere")
        registered(plugin_manager, Everywhere(), "everywhere")
    try:
        warnings = [r.getMessage() for r in caplog.records if "declares no CCXT_CANCEL_EXCHANGES" in r.getMessage()]
        assert len(warnings) == 1 and warnings[0].startswith("plugin everywhere declares no")
        assert not [r for r in caplog.records if "bitopro_margin" in r.getMessage()]  # built-ins declare theirs
    finally:
        plugin_manager.unregister(name="everywhere")
        plugins._warned_undeclared.discard("everywhere")
