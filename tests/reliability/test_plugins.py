"""Third-party plugins, end to end on the loopback exchange: failures are named and contained, blocks hold, precedence is pluggy's.

tests/test_plugins.py covers the same contract against stubs; here every
winning plan is really sent, signed and verified, so "the exchange stays
usable" means a real, verified cancel on the same object afterwards.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import ccxt
import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import HttpAnswer, Plan, PluginError, plugins
from ccxt_cancel.builtins.bitopro import plugin as bitopro_margin
from tests.support.loopback import LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

MARGIN = {"margin": True}
BUILTIN = "bitopro_margin"


def margin_plan(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan:
    plan = bitopro_margin.ccxt_cancel_order(exchange, id, symbol, {k: v for k, v in params.items() if k not in ("boom", "stage")})
    assert plan is not None
    return plan


def tagged(plan: Plan, name: str) -> Plan:
    """The built-in margin plan, whose result says which plugin made it."""
    return dataclasses.replace(plan, parse=lambda answers: {**plan.parse(answers), "by": name})


# --- a raising hook is named, and contained ---------------------------------------------------


class Flaky:
    """Claims margin calls that carry ``boom``, and then fails at ``params['stage']``: in the hook, in parse or in on_error."""

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        if not params.get("boom"):
            return None
        stage = params["stage"]
        if stage == "hook":
            raise ZeroDivisionError("hook blew up")
        plan = margin_plan(exchange, id, symbol, params)

        def broken_parse(answers: list[Any]) -> Any:
            raise KeyError("parse blew up")

        def broken_on_error(answer: HttpAnswer) -> Any:
            raise ValueError("on_error blew up")

        if stage == "parse":
            return dataclasses.replace(plan, parse=broken_parse)
        return dataclasses.replace(plan, on_error=broken_on_error)


@pytest.mark.parametrize(("stage", "words", "sent"), [("hook", "raised ZeroDivisionError", 0), ("parse", "while parsing", 1), ("on_error", "on_error", 1)])
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_raising_plugin_is_named_and_the_same_exchange_still_cancels(
    loopback: LoopbackExchange, plugin_manager: pluggy.PluginManager, flavor: str, stage: str, words: str, sent: int
) -> None:
    """PluginError (a ccxt.ExchangeError) names 'flaky' and the stage; then, with flaky still registered, a real verified cancel works."""
    plugin_manager.register(Flaky(), name="flaky")

    async def body() -> None:
        async with installed(loopback, flavor, "bitopro") as exchange:
            with pytest.raises(PluginError) as caught:
                await settle(exchange.cancel_order("1", "BTC/USDT", {**MARGIN, "boom": True, "stage": stage}))
            assert caught.value.plugin_name == "flaky"
            assert "'flaky'" in str(caught.value) and words in str(caught.value)
            assert isinstance(caught.value, ccxt.ExchangeError)
            assert len(loopback.seen) == sent  # the hook fails before any I/O; parse and on_error after the answer
            for _ in range(2):  # twice: nothing was left half-done by the failure
                order = await settle(exchange.cancel_order("2", "BTC/USDT", MARGIN))
                assert (order["id"], order["status"]) == ("2", "canceled")
            orders = await settle(exchange.cancel_orders(["3", "4"], "BTC/USDT", MARGIN))
            assert [o["id"] for o in orders] == ["3", "4"]

    asyncio.run(body())
    assert loopback.reasons()[sent:] == [None, None, None]
    assert loopback.statuses()[sent:] == [200, 200, 200]


# --- a blocked plugin is never called ----------------------------------------------------------


class Spy:
    def __init__(self) -> None:
        self.calls = 0

    @ccxt_cancel.hookimpl(tryfirst=True)
    def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        self.calls += 1
        return tagged(margin_plan(exchange, id, symbol, params), "spy")


def use_manager(environ: dict[str, str]) -> pluggy.PluginManager:
    pm = plugins.build_manager(environ={plugins.DISABLE_AUTOLOAD_ENV: "1", **environ})
    plugins.set_plugin_manager(pm)  # the conftest fixture restores the previous one after the test
    return pm


@pytest.mark.usefixtures("plugin_manager")
@pytest.mark.parametrize("how", ["env", "set_blocked"])
def test_blocked_third_party_plugin_is_never_called(loopback: LoopbackExchange, how: str) -> None:
    """Blocked by CCXT_CANCEL_BLOCK_PLUGINS before it registers, or by set_blocked after: it is never asked, the built-in cancels."""
    spy = Spy()
    pm = use_manager({plugins.BLOCK_ENV: "spy"} if how == "env" else {})
    if how == "env":
        assert pm.register(spy, name="spy") is None
    else:
        pm.register(spy, name="spy")
        pm.set_blocked("spy")
    assert pm.is_blocked("spy") and not pm.has_plugin("spy")

    async def body() -> None:
        async with installed(loopback, "sync", "bitopro") as exchange:
            order = exchange.cancel_order("5", "BTC/USDT", MARGIN)
            assert order["id"] == "5" and "by" not in order  # the built-in's answer, not the spy's

    asyncio.run(body())
    assert spy.calls == 0
    assert [(s.path, s.reason) for s in loopback.seen] == [("/v3/margin/orders/btc_usdt/5", None)]


@pytest.mark.usefixtures("plugin_manager")
def test_blocked_builtin_is_never_called(loopback: LoopbackExchange) -> None:
    """With bitopro_margin blocked, a margin call it would refuse before any I/O (id 'abc') reaches ccxt's own spot cancel instead."""
    pm = use_manager({plugins.BLOCK_ENV: "bitopro_margin"})
    assert not pm.has_plugin("bitopro_margin")

    async def body() -> None:
        async with installed(loopback, "sync", "bitopro") as exchange:
            exchange.set_markets(
                [
                    {
                        "id": "btc_usdt",
                        "symbol": "BTC/USDT",
                        "base": "BTC",
                        "quote": "USDT",
                        "baseId": "btc",
                        "quoteId": "usdt",
                        "type": "spot",
                        "spot": True,
                        "active": True,
                    }
                ]
            )
            with pytest.raises(ccxt.BaseError) as caught:
                exchange.cancel_order("abc", "BTC/USDT", MARGIN)
            assert not isinstance(caught.value, ccxt.BadRequest)  # bitopro_margin's refusal would be BadRequest, with nothing sent

    asyncio.run(body())
    assert [s.path for s in loopback.seen] == ["/v3/orders/btc_usdt/abc"]  # ccxt's spot endpoint: the built-in was not asked


# --- precedence: who wins when two plugins claim the same call --------------------------------


def claimer(name: str, asked: list[str], made: list[tuple[Plan, str]], claims: bool = True, **opts: Any) -> object:
    class Claimer:
        @ccxt_cancel.hookimpl(**opts)  # type: ignore[untyped-decorator,unused-ignore]
        def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
            asked.append(name)
            if not claims:
                return None
            plan = tagged(margin_plan(exchange, id, symbol, params), name)
            made.append((plan, name))
            return plan

    return Claimer()


def maker(made: list[tuple[Plan, str]], plan: Any, default: str | None = BUILTIN) -> str | None:
    """Which third-party plugin made this plan (``default`` when none of them did)."""
    return next((name for candidate, name in made if candidate is plan), default)


# (third-party plugins in registration order: (name, claims, hookimpl options)), winner, third-party plugins asked, in order
PRECEDENCE: list[Any] = [
    pytest.param([("a", True, {})], "a", ["a"], id="third-party-before-builtin"),
    pytest.param([("a", True, {"trylast": True})], BUILTIN, [], id="trylast-after-builtin"),
    pytest.param([("a", True, {}), ("b", True, {})], "b", ["b"], id="later-registration-first"),
    pytest.param([("a", True, {"tryfirst": True}), ("b", True, {})], "a", ["a"], id="tryfirst-beats-later-registration"),
    pytest.param([("a", True, {"tryfirst": True}), ("b", True, {"tryfirst": True})], "b", ["b"], id="two-tryfirst-later-first"),
    pytest.param([("a", True, {}), ("b", False, {})], "a", ["b", "a"], id="decline-passes-on"),
    pytest.param([("a", False, {"tryfirst": True}), ("b", False, {})], BUILTIN, ["a", "b"], id="all-decline-builtin-wins"),
    pytest.param([("a", True, {"trylast": True}), ("b", True, {"trylast": True})], BUILTIN, [], id="two-trylast-after-builtin"),
]


@pytest.mark.parametrize(("specs", "winner", "asked_expected"), PRECEDENCE)
def test_precedence_decides_the_winner_end_to_end(
    loopback: LoopbackExchange, plugin_manager: pluggy.PluginManager, specs: list[tuple[str, bool, dict[str, Any]]], winner: str, asked_expected: list[str]
) -> None:
    """The documented order (tryfirst, then latest registration, third-party before built-ins, then trylast), first non-None wins;
    the winner's plan is what is sent, and it is the plan pluggy's own firstresult call picks."""
    asked: list[str] = []
    made: list[tuple[Plan, str]] = []
    for name, claims, opts in specs:
        plugin_manager.register(claimer(name, asked, made, claims, **opts), name=name)

    async def body() -> Any:
        async with installed(loopback, "sync", "bitopro") as exchange:
            order = exchange.cancel_order("6", "BTC/USDT", MARGIN)
            assert asked == asked_expected, "plugins were asked in the wrong order, or after the winner"
            asked.clear()
            native = plugin_manager.hook.ccxt_cancel_order(exchange=exchange, id="6", symbol="BTC/USDT", params=dict(MARGIN))
            return order, maker(made, native)

    order, pluggy_winner = asyncio.run(body())
    assert order.get("by", BUILTIN) == winner
    assert pluggy_winner == winner, "the project and pluggy's own firstresult call disagree"
    assert (order["id"], order["status"]) == ("6", "canceled")
    assert [(s.path, s.reason) for s in loopback.seen] == [("/v3/margin/orders/btc_usdt/6", None)]


@pytest.mark.usefixtures("plugin_manager")
def test_trylast_plugins_decide_when_the_builtin_is_blocked(loopback: LoopbackExchange) -> None:
    """Among trylast implementations pluggy asks the earlier registration first; the project follows pluggy."""
    pm = use_manager({plugins.BLOCK_ENV: BUILTIN})
    asked: list[str] = []
    made: list[tuple[Plan, str]] = []
    pm.register(claimer("a", asked, made, trylast=True), name="a")
    pm.register(claimer("b", asked, made, trylast=True), name="b")

    async def body() -> Any:
        async with installed(loopback, "sync", "bitopro") as exchange:
            order = exchange.cancel_order("7", "BTC/USDT", MARGIN)
            native = pm.hook.ccxt_cancel_order(exchange=exchange, id="7", symbol="BTC/USDT", params=dict(MARGIN))
            return order, maker(made, native, None)

    order, pluggy_winner = asyncio.run(body())
    assert order["by"] == pluggy_winner == "a"
    assert asked[0] == "a"
