"""install() / uninstall(): instance and global, sync, async and pro, camelCase aliases, idempotence, exact restoration."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import ccxt
import ccxt.async_support
import ccxt.pro
import pytest

import ccxt_cancel
from ccxt_cancel import patching, plugins
from tests.support.helpers import MODULES, RequestLog

NAMES = patching.ATTRIBUTES  # cancel_order, cancelOrder, cancel_orders, ..., cancelAllOrders
CANCELS = ("cancel_order", "cancel_orders", "cancel_all_orders")
CAMEL = {"cancel_order": "cancelOrder", "cancel_orders": "cancelOrders", "cancel_all_orders": "cancelAllOrders"}


def snapshot() -> dict[tuple[type, str], Any]:
    return {(cls, name): cls.__dict__.get(name, patching.MISSING) for cls in patching.exchange_classes() for name in NAMES}


def is_routed(function: Any) -> bool:
    return patching.original(getattr(function, "__func__", function)) is not getattr(function, "__func__", function)


class Asked:
    """A plugin that answers every cancel it is asked about with a ccxt error (so nothing reaches the network) and records it."""

    def __init__(self, exchanges: frozenset[str] | None) -> None:
        if exchanges is not None:
            self.CCXT_CANCEL_EXCHANGES = exchanges
        self.asked: list[str] = []

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, exchange: Any, id: Any) -> None:
        self.asked.append(exchange.id)
        raise ccxt.InvalidOrder(f"asked about {id}")


def assert_asked(plugin: Asked, cancel: Any) -> None:
    """``cancel("7", "BTC/USD")`` (a sync cancel method) reached ``plugin``, and only it was asked, once."""
    with pytest.raises(ccxt.InvalidOrder, match="asked about 7"):
        cancel("7", "BTC/USD")
    assert plugin.asked == [cancel.__self__.id]


def served_classes() -> set[type]:
    served = plugins.served_ids(plugins.plugin_manager())
    assert served is not None
    return set(patching.exchange_classes(served))


def test_global_install_wraps_the_classes_a_plugin_serves_and_leaves_the_others_as_ccxt_wrote_them() -> None:
    wrapped = served_classes()
    assert {ccxt.binance, ccxt.bitopro, ccxt.async_support.okx, ccxt.pro.bybit} <= wrapped
    before = snapshot()
    ccxt_cancel.install()
    try:
        for cls in patching.exchange_classes():
            for method in CANCELS:
                if cls in wrapped:
                    assert is_routed(getattr(cls, method)), (cls, method)
                    assert getattr(cls, CAMEL[method]) is getattr(cls, method)
                elif not wrapped.intersection(cls.__mro__):
                    # no plugin serves it, nor a parent: ccxt's own objects, untouched
                    assert not is_routed(getattr(cls, method)), (cls, method)
                    assert all(cls.__dict__.get(name, patching.MISSING) is before[cls, name] for name in NAMES), cls
        assert ccxt.kraken.cancel_order is before[ccxt.kraken, "cancel_order"]
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("exchanges", [None, frozenset({"mykraken"})], ids=["declares-nothing", "declares-an-id-ccxt-does-not-list"])
def test_a_plugin_that_may_serve_any_class_gets_every_class_wrapped(exchanges: frozenset[str] | None, plugin_manager: Any) -> None:
    """Declaring nothing routes every id; an id ccxt does not list may be a bot's subclass's: both wrap every class."""
    plugin = Asked(exchanges)
    plugin_manager.register(plugin, name="asked")
    ccxt_cancel.install()
    try:
        for module in (ccxt, ccxt.async_support, ccxt.pro):
            assert module.exchanges
            for name in module.exchanges:
                cls = getattr(module, name)
                for method in CANCELS:
                    assert is_routed(getattr(cls, method)), (module.__name__, name, method)
                    assert getattr(cls, CAMEL[method]) is getattr(cls, method)

        class MyKraken(ccxt.kraken):  # type: ignore[misc]
            def describe(self) -> Any:
                return self.deep_extend(super().describe(), {"id": "mykraken"})

        assert_asked(plugin, MyKraken().cancel_order)  # asked about "mykraken", the instance's own id
    finally:
        ccxt_cancel.uninstall()
        plugin_manager.unregister(name="asked")


def test_a_plugin_registered_after_install_gets_its_classes_wrapped_and_uninstall_restores_them(plugin_manager: Any) -> None:
    before = snapshot()
    ccxt_cancel.install()
    try:
        assert not is_routed(ccxt.kraken.cancel_order)
        plugin = Asked(frozenset({"kraken"}))
        plugin_manager.register(plugin, name="asked")
        for cls in (ccxt.kraken, ccxt.async_support.kraken, ccxt.pro.kraken):
            assert all(is_routed(getattr(cls, method)) for method in CANCELS), cls
        assert_asked(plugin, ccxt.kraken().cancelOrder)
        plugin_manager.unregister(name="asked")
        assert not is_routed(ccxt.kraken.cancel_order.__wrapped__)  # still wrapped (no route left): the call is ccxt's
    finally:
        ccxt_cancel.uninstall()
    assert all(key[0].__dict__.get(key[1], patching.MISSING) is value for key, value in before.items())


def test_a_manager_swapped_in_after_install_gets_its_classes_wrapped() -> None:
    pm = plugins.build_manager(environ={plugins.DISABLE_AUTOLOAD_ENV: "1"})
    plugin = Asked(frozenset({"kraken"}))
    pm.register(plugin, name="asked")
    ccxt_cancel.install()
    previous = plugins.set_plugin_manager(pm)
    try:
        assert_asked(plugin, ccxt.kraken().cancel_order)
    finally:
        plugins.set_plugin_manager(previous)
        ccxt_cancel.uninstall()


def test_a_manager_built_on_first_use_after_install_gets_its_classes_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """set_plugin_manager(None) leaves nothing to ask; the manager built on next use says what is served, and is heeded."""
    plugin = Asked(frozenset({"kraken"}))
    build_manager = plugins.build_manager

    def build() -> Any:
        pm = build_manager(environ={plugins.DISABLE_AUTOLOAD_ENV: "1"})
        pm.register(plugin, name="asked")
        return pm

    ccxt_cancel.install()
    previous = plugins.set_plugin_manager(None)
    monkeypatch.setattr(plugins, "build_manager", build)
    try:
        assert not is_routed(ccxt.kraken.cancel_order)
        plugins.plugin_manager()
        assert_asked(plugin, ccxt.kraken().cancel_order)
    finally:
        plugins.set_plugin_manager(previous)
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_an_instance_no_plugin_serves_keeps_ccxts_methods_until_one_does(flavor: str, plugin_manager: Any) -> None:
    async def scenario() -> None:
        exchange = MODULES[flavor].kraken({})
        before = dict(vars(exchange))
        try:
            assert ccxt_cancel.install(exchange) is exchange
            assert {k: v for k, v in vars(exchange).items() if k != patching.INSTANCE_MARK} == before  # nothing wrapped
            assert not is_routed(exchange.cancel_order)
            plugin = Asked(frozenset({"kraken"}))
            plugin_manager.register(plugin, name="asked")
            try:
                assert all(is_routed(getattr(exchange, name)) for name in NAMES)
                with pytest.raises(ccxt.InvalidOrder, match="asked about 7"):
                    call = exchange.cancel_order("7", "BTC/USD")
                    if flavor == "async":
                        await call
                assert plugin.asked == ["kraken"]
            finally:
                plugin_manager.unregister(name="asked")
            assert ccxt_cancel.uninstall(exchange) is exchange
            assert vars(exchange) == before
        finally:
            if not exchange.synchronous:
                await exchange.close()

    asyncio.run(scenario())


def test_uninstall_restores_every_class_attribute_object() -> None:
    before = snapshot()
    ccxt_cancel.install()
    ccxt_cancel.uninstall()
    assert snapshot() == before
    for key, value in before.items():
        current = key[0].__dict__.get(key[1], patching.MISSING)
        assert current is value, key


def test_restoration_after_instances_were_created_while_installed() -> None:
    """ccxt's __init__ copies cancel_order to cancelOrder on the class at every construction."""
    before = snapshot()
    ccxt_cancel.install()
    try:
        created = [ccxt.binance(), ccxt.bitopro(), ccxt.binancecoinm(), ccxt.async_support.bitopro(), ccxt.pro.binance()]
        for exchange in created:
            assert is_routed(exchange.cancelOrder) and is_routed(exchange.cancel_order)
    finally:
        ccxt_cancel.uninstall()

    async def close() -> None:
        for exchange in created[3:]:
            await exchange.close()

    asyncio.run(close())
    after = snapshot()
    changed = [key for key in before if after[key] is not before[key]]
    assert changed == []
    assert not is_routed(ccxt.binance().cancelOrder)


def test_global_install_is_idempotent() -> None:
    ccxt_cancel.install()
    try:
        first = {name: ccxt.binance.__dict__[name] for name in NAMES}
        ccxt_cancel.install()
        assert {name: ccxt.binance.__dict__[name] for name in NAMES} == first
        # never wrapped twice: the wrapper's original is ccxt's own function
        original = ccxt.binance.cancel_order.__wrapped__
        assert patching.original(original) is original
    finally:
        ccxt_cancel.uninstall()


def test_inherited_methods_share_one_wrapper() -> None:
    ccxt_cancel.install()
    try:
        assert ccxt.binancecoinm.cancel_order is ccxt.binance.cancel_order
        assert ccxt.pro.binance.cancel_order.__wrapped__ is ccxt.async_support.binance.__dict__["cancel_order"].__wrapped__
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_instance_install_leaves_the_class_alone_and_returns_the_instance(flavor: str) -> None:
    cls = MODULES[flavor].bitopro

    async def scenario() -> None:
        exchange = cls({})
        # after construction: ccxt's own __init__ writes the camelCase names on the class
        class_before = {name: cls.__dict__.get(name, patching.MISSING) for name in NAMES}
        try:
            assert ccxt_cancel.install(exchange) is exchange
            assert ccxt_cancel.install(exchange) is exchange  # idempotent
            for method in CANCELS:
                bound = getattr(exchange, method)
                assert is_routed(bound) and bound.__self__ is exchange
                assert getattr(exchange, CAMEL[method]) == bound
                assert inspect.iscoroutinefunction(bound) is (flavor != "sync")
            assert {name: cls.__dict__.get(name, patching.MISSING) for name in NAMES} == class_before
            other = cls({})
            assert not is_routed(other.cancel_order)
            if not other.synchronous:
                await other.close()
            assert ccxt_cancel.uninstall(exchange) is exchange
            for name in NAMES:
                assert name not in vars(exchange)
            assert not is_routed(exchange.cancel_order)
        finally:
            if not exchange.synchronous:
                await exchange.close()

    asyncio.run(scenario())


def test_instance_install_under_global_install_does_not_wrap_twice() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro())
        assert exchange is not None
        original = exchange.cancel_order.__func__.__wrapped__
        assert original is ccxt.bitopro.cancel_order.__wrapped__
        assert patching.original(original) is original
        ccxt_cancel.uninstall(exchange)
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("method", CANCELS)
@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_wrapped_methods_keep_ccxts_signature(method: str, flavor: str) -> None:
    cls = MODULES[flavor].binance
    expected = inspect.signature(getattr(cls, method))
    ccxt_cancel.install()
    try:
        assert inspect.signature(getattr(cls, method)) == expected
        assert getattr(cls, method).__name__ == method
        assert inspect.iscoroutinefunction(getattr(cls, method)) is (flavor != "sync")
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("method", CANCELS)
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_a_wrapper_takes_the_originals_own_parameters_and_defaults(method: str, flavor: str) -> None:
    original = getattr(MODULES[flavor].kraken, method)
    wrapper = patching._cancel_wrapper(method, original)
    # Its own parameter list (not the one __wrapped__ reports): the call is passed on without *args/**kwargs.
    assert inspect.signature(wrapper, follow_wrapped=False).parameters.keys() == inspect.signature(original).parameters.keys()
    assert wrapper.__defaults__ is original.__defaults__  # type: ignore[attr-defined]  # ccxt's own default params object
    with pytest.raises(TypeError) as ours:
        wrapper(object(), 1, 2, 3, 4, 5)
    with pytest.raises(TypeError) as theirs:
        original(object(), 1, 2, 3, 4, 5)
    assert str(ours.value).split("()")[1] == str(theirs.value).split("()")[1]


def test_an_unusual_parameter_list_gets_the_general_wrapper() -> None:
    seen: list[tuple[Any, ...]] = []

    def cancel_order(self: Any, id: Any, symbol: Any = None, params: Any = None, *, extra: Any = None) -> Any:
        seen.append((id, symbol, params, extra))
        return "ccxt's"

    wrapper = patching._cancel_wrapper("cancel_order", cancel_order)
    assert "args" in inspect.signature(wrapper, follow_wrapped=False).parameters
    exchange = ccxt.kraken()  # no plugin serves kraken: the call is ccxt's, keywords and all
    assert wrapper(exchange, "1", "BTC/USD", {"a": 1}, extra=2) == "ccxt's"
    assert seen == [("1", "BTC/USD", {"a": 1}, 2)]


def test_uninstall_without_install_is_harmless() -> None:
    before = snapshot()
    ccxt_cancel.uninstall()
    exchange = ccxt.bitopro()
    assert ccxt_cancel.uninstall(exchange) is exchange
    assert snapshot() == before


def test_import_does_not_import_ccxt() -> None:
    import subprocess
    import sys

    code = "import sys, ccxt_cancel; assert 'ccxt' not in sys.modules, 'ccxt imported'; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- subclasses built before install() (issue 9, case 3) -------------------------------------


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_a_subclass_built_before_install_is_routed_through_camel_case_too(flavor: str) -> None:
    module = MODULES[flavor]
    sub = type("MyBitopro", (module.bitopro,), {})

    before: dict[str, Any] = {}

    async def scenario() -> list[str]:
        exchange = sub({"apiKey": "FAKE-KEY-0000", "secret": "FAKE-SECRET-0000", "login": "fake@example.invalid", "enableRateLimit": False})
        assert sub.__dict__["cancelOrder"] is module.bitopro.cancel_order  # ccxt's __init__ wrote it onto the subclass
        log = RequestLog(answer={"orderId": "5", "action": "BUY", "timestamp": 1, "price": "1", "amount": "1"})
        log.attach(exchange)
        before.update({k: sub.__dict__.get(k) for k in NAMES})
        ccxt_cancel.install()
        try:
            for method in ("cancel_order", "cancelOrder"):
                order = getattr(exchange, method)("5", "BTC/USDT", {"margin": True})
                order = await order if not exchange.synchronous else order
                assert order["status"] == "canceled"
        finally:
            ccxt_cancel.uninstall()
            if not exchange.synchronous:
                await exchange.close()
        return [url for _, url, _, _ in log.requests]

    urls = asyncio.run(scenario())
    assert urls == ["https://api.bitopro.com/v3/margin/orders/btc_usdt/5"] * 2
    assert {k: sub.__dict__.get(k) for k in NAMES} == before  # restored exactly


def test_a_subclass_that_overrides_a_cancel_keeps_its_override_and_reaches_the_hooks_through_super() -> None:
    calls: list[str] = []

    class Logged(ccxt.bitopro):  # type: ignore[misc]
        def cancel_order(self, id: Any, symbol: Any = None, params: Any = None) -> Any:
            calls.append(id)
            return super().cancel_order(id, symbol, params or {})

    exchange = Logged({"apiKey": "FAKE-KEY-0000", "secret": "FAKE-SECRET-0000"})
    log = RequestLog(answer={"orderId": "6", "action": "SELL", "timestamp": 1, "price": "1", "amount": "1"})
    log.attach(exchange)
    ccxt_cancel.install()
    try:
        assert exchange.cancelOrder("6", "BTC/USDT", {"margin": True})["status"] == "canceled"
        assert exchange.cancel_order("6", "BTC/USDT", {"margin": True})["status"] == "canceled"
    finally:
        ccxt_cancel.uninstall()
    assert calls == ["6", "6"] and [url for _, url, _, _ in log.requests] == ["https://api.bitopro.com/v3/margin/orders/btc_usdt/6"] * 2
    assert Logged.__dict__["cancelOrder"] is Logged.__dict__["cancel_order"]
