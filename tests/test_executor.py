"""The executor: both plan forms driven the same way, sync and async, and ccxt's clock sync before a cold claimed call."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any

import ccxt
import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import Plan, PluginError, Request
from tests.support.helpers import MODULES, RequestLog
from tests.support.loopback import LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

AHEAD_MS = 120_000  # the exchange's clock is two minutes ahead of this machine's


# --- clock sync (issue 9, case 1) ----------------------------------------------------------


@pytest.fixture(scope="module")
def ahead() -> Any:
    with LoopbackExchange(clock_offset_ms=AHEAD_MS) as loopback:
        yield loopback


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_a_cold_claimed_cancel_syncs_the_clock_first_when_ccxt_would(ahead: LoopbackExchange, flavor: str) -> None:
    ahead.seen.clear()

    async def scenario() -> tuple[Any, Any, Any]:
        async with installed(ahead, flavor, "binancecoinm", options={"adjustForTimeDifference": True}) as exchange:
            first = await settle(exchange.cancel_order("4612097861", "BTC/USD:BTC"))
            second = await settle(exchange.cancel_orders(["1", "2"], "BTC/USD:BTC"))
            return first, second, exchange.options["timeDifference"]

    first, second, difference = asyncio.run(scenario())
    assert first["status"] == "canceled" and [o["status"] for o in second] == ["canceled", "canceled"]
    # One extra request, once per instance: ccxt's own GET /time, then the cancels, all verified in time.
    assert [(s.method, s.path) for s in ahead.seen] == [("GET", "/dapi/v1/time"), ("DELETE", "/dapi/v1/order"), ("DELETE", "/dapi/v1/batchOrders")]
    assert ahead.reasons() == [None, None, None]
    assert abs(difference + AHEAD_MS) < 5_000  # stored where ccxt keeps it: shared with ccxt's own calls


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_without_the_option_a_cold_cancel_stays_one_request(ahead: LoopbackExchange, flavor: str) -> None:
    ahead.seen.clear()

    async def scenario() -> None:
        async with installed(ahead, flavor, "binancecoinm") as exchange:
            with pytest.raises(ccxt.InvalidNonce):  # what the plugin did before the fix, option or not
                await settle(exchange.cancel_order("4612097861", "BTC/USD:BTC"))

    asyncio.run(scenario())
    assert [(s.method, s.path, s.reason) for s in ahead.seen] == [("DELETE", "/dapi/v1/order", "recvWindow")]


@pytest.mark.parametrize("flavor", ["async", "pro"])
def test_concurrent_first_cancels_share_one_clock_sync(ahead: LoopbackExchange, flavor: str) -> None:
    ahead.seen.clear()

    async def scenario() -> None:
        async with installed(ahead, flavor, "binancecoinm", options={"adjustForTimeDifference": True}) as exchange:
            await asyncio.gather(*(exchange.cancel_order(str(4612097861 + i), "BTC/USD:BTC") for i in range(5)))

    asyncio.run(scenario())
    paths = [s.path for s in ahead.seen]
    assert paths.count("/dapi/v1/time") == 1 and paths.count("/dapi/v1/order") == 5
    assert set(ahead.reasons()) == {None}


def test_loaded_markets_mean_ccxt_already_synced() -> None:
    from ccxt_cancel import executor

    exchange = ccxt.binancecoinm({"options": {"adjustForTimeDifference": True}})
    assert executor.clock_pending(exchange)
    exchange.markets = {"BTC/USD:BTC": {}}
    assert not executor.clock_pending(exchange)
    assert not executor.clock_pending(ccxt.binancecoinm())
    assert not executor.clock_pending(ccxt.binancecoinm({"options": {"adjustForTimeDifference": "yes"}}))  # ccxt's safe_bool


# --- the two plan forms ------------------------------------------------------------------


class Steps:
    """A plugin whose plan is a generator: it reads each answer, catches one error and goes on."""

    seen: list[Any]

    def __init__(self) -> None:
        self.seen = []

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Plan:
        def steps() -> Generator[Request, Any, Any]:
            first = yield Request("first", ["private"], "GET")
            self.seen.append(first)
            try:
                yield Request("fails", ["private"], "GET")
            except ccxt.ExchangeError as error:
                self.seen.append(type(error).__name__)
            last = yield Request("last", ["private"], "POST", [{"id": id}])  # a list body, as OKX's batch has
            return {"id": id, "status": "canceled", "info": last}

        return Plan(steps=steps())


def answer_by_path(method: str, url: str, headers: Any, body: Any) -> Any:
    if url.endswith("/fails"):
        raise ccxt.ExchangeError("bitopro 500 nope")
    return {"path": url.rsplit("/", 1)[1], "body": body}


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_a_generator_plan_reads_answers_catches_errors_and_returns(plugin_manager: pluggy.PluginManager, flavor: str) -> None:
    plugin = Steps()
    plugin_manager.register(plugin, name="steps")
    log = RequestLog(answer_by_path)

    async def scenario() -> Any:
        exchange = log.attach(MODULES[flavor].okx({"apiKey": "FAKE-KEY", "secret": "FAKE-SECRET", "password": "FAKE-PASS", "enableRateLimit": False}))
        ccxt_cancel.install(exchange)
        try:
            return await settle(exchange.cancel_order("7", "BTC/USDT:USDT"))
        finally:
            ccxt_cancel.uninstall(exchange)
            if not exchange.synchronous:
                await exchange.close()

    try:
        order = asyncio.run(scenario())
    finally:
        plugin_manager.unregister(name="steps")
    assert [url.rsplit("/", 1)[1] for _, url, _, _ in log.requests] == ["first", "fails", "last"]
    assert log.requests[2][3] == '[{"id":"7"}]'  # the list body, signed and sent by ccxt's okx.sign
    assert plugin.seen == [{"path": "first", "body": None}, "ExchangeError"]
    assert order == {"id": "7", "status": "canceled", "info": {"path": "last", "body": '[{"id":"7"}]'}}


def test_an_uncaught_request_error_reaches_the_caller_and_a_plan_bug_names_the_plugin(plugin_manager: pluggy.PluginManager) -> None:
    class Uncaught:
        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self, id: Any) -> Plan:
            def steps() -> Generator[Request, Any, Any]:
                yield Request("fails", ["public"], "GET")
                return {}

            return Plan(steps=steps())

    class YieldsJunk:
        @ccxt_cancel.hookimpl
        def ccxt_cancel_orders(self, ids: Any) -> Plan:
            def steps() -> Generator[Any, Any, Any]:
                yield "not a request"
                return []

            return Plan(steps=steps())

    plugin_manager.register(Uncaught(), name="uncaught")
    plugin_manager.register(YieldsJunk(), name="junk")
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro())
        RequestLog(answer_by_path).attach(exchange)
        with pytest.raises(ccxt.ExchangeError, match="500 nope"):
            exchange.cancel_order("1", "BTC/USDT")
        with pytest.raises(PluginError, match="'junk' yielded str"):
            exchange.cancel_orders(["1"], "BTC/USDT")
        ccxt_cancel.uninstall(exchange)
    finally:
        plugin_manager.unregister(name="uncaught")
        plugin_manager.unregister(name="junk")


def test_plan_forms_are_exclusive() -> None:
    request = Request("x", ["public"], "GET")
    with pytest.raises(ValueError):
        Plan()
    with pytest.raises(ValueError):
        Plan([request])
    with pytest.raises(ValueError):
        Plan([request], parse=lambda answers: None, steps=iter([]))  # type: ignore[arg-type]
    assert Plan(steps=iter([request])).steps is not None  # type: ignore[arg-type]


def test_a_simple_plan_needs_request_objects() -> None:
    with pytest.raises(TypeError, match="must be ccxt_cancel.Request objects, got str"):
        Plan(["not a request"], parse=lambda answers: None)  # type: ignore[list-item]


class TwoRequests:
    """A simple-form plan of two requests; the second path is chosen by the caller's id."""

    @ccxt_cancel.hookimpl
    def ccxt_cancel_order(self, id: Any) -> Plan:
        requests = [Request("first", ["private"], "GET"), Request(str(id), ["private"], "POST", [{"id": id}])]
        return Plan(requests, parse=lambda answers: {"id": id, "status": "canceled", "info": answers})


def drive(flavor: str, order_id: str) -> tuple[Any, list[str]]:
    log = RequestLog(answer_by_path)

    async def scenario() -> Any:
        exchange = log.attach(MODULES[flavor].okx({"apiKey": "FAKE-KEY", "secret": "FAKE-SECRET", "password": "FAKE-PASS", "enableRateLimit": False}))
        ccxt_cancel.install(exchange)
        try:
            return await settle(exchange.cancel_order(order_id, "BTC/USDT:USDT"))
        except ccxt.BaseError as error:
            return error
        finally:
            ccxt_cancel.uninstall(exchange)
            if not exchange.synchronous:
                await exchange.close()

    return asyncio.run(scenario()), [url.rsplit("/", 1)[1] for _, url, _, _ in log.requests]


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_the_executor_drives_a_simple_plan_as_its_flow_would(plugin_manager: pluggy.PluginManager, flavor: str) -> None:
    # The executor loops over a simple plan's requests instead of stepping Plan.flow(); the outcome must be the same.
    plugin_manager.register(TwoRequests(), name="two")
    try:
        order, sent = drive(flavor, "7")
        failure, sent_on_failure = drive(flavor, "fails")
    finally:
        plugin_manager.unregister(name="two")
    assert sent == ["first", "7"]
    assert order == {"id": "7", "status": "canceled", "info": [{"path": "first", "body": None}, {"path": "7", "body": '[{"id":"7"}]'}]}
    assert isinstance(failure, ccxt.ExchangeError) and "500 nope" in str(failure)
    assert sent_on_failure == ["first", "fails"]

    plan = TwoRequests().ccxt_cancel_order("7")
    flow, answers = plan.flow(), [{"path": "first", "body": None}, {"path": "7", "body": '[{"id":"7"}]'}]
    assert [flow.send(None).path, flow.send(answers[0]).path] == ["first", "7"]
    with pytest.raises(StopIteration) as done:
        flow.send(answers[1])
    assert done.value.value == order


def test_a_plan_that_hands_the_call_back_runs_ccxts_own_method() -> None:
    """HAND_BACK after a read-only request: the caller's call is carried out by ccxt's own method, unchanged."""
    import ccxt

    import ccxt_cancel
    from ccxt_cancel import plugins
    from tests.support.session import StubSession

    class AsksFirst:
        CCXT_CANCEL_EXCHANGES = frozenset({"kraken"})

        @ccxt_cancel.hookimpl
        def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> ccxt_cancel.Plan:
            def steps() -> Any:
                yield ccxt_cancel.Request("Time", ["public"], "GET", {})
                return ccxt_cancel.HAND_BACK

            return ccxt_cancel.Plan(steps=steps())

    pm = plugins.plugin_manager()
    pm.register(AsksFirst(), name="asks-first")
    session = StubSession(lambda method, url, body: (200, {"error": [], "result": {"unixtime": 1} if "Time" in url else {"count": 1}}))
    exchange = session.attach(ccxt.kraken({"apiKey": "k", "secret": "c2VjcmV0", "enableRateLimit": False}))
    exchange.markets = {"BTC/USD": {"id": "XXBTZUSD", "symbol": "BTC/USD"}}
    ccxt_cancel.install(exchange)
    try:
        exchange.cancel_order("OABC-1", "BTC/USD")
    finally:
        ccxt_cancel.uninstall(exchange)
        pm.unregister(name="asks-first")
    assert [s.url.split("/")[-1] for s in session.sent] == ["Time", "CancelOrder"]
