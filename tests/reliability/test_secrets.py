"""The API key and the secret never leak through the project: its log records, exception messages, reprs and cassettes.

Every scenario runs against the loopback exchange with real ccxt transports,
the project's logger ``ccxt_cancel`` at DEBUG, and distinctive credentials,
then searches everything the project produced for them.

Not asserted clean, on purpose: ccxt's own logger ``ccxt.base.exchange``. At
DEBUG it prints every request's headers, API key included (README, Security
notes). It is turned on here too, only to show that the project's records are
told apart by logger name and not by luck.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ccxt
import pluggy
import pytest
import vcr
import yaml

import ccxt_cancel
from ccxt_cancel import HttpAnswer, Plan, PluginError, Request
from ccxt_cancel.builtins.binance import coinm as binance_coinm
from ccxt_cancel.builtins.bitopro import plugin as bitopro_margin
from tests.support.helpers import FAKE_CREDENTIALS
from tests.support.loopback import LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

API_KEY = "SECRETS-TEST-KEY-7f3a9c"
SECRET = "SECRETS-TEST-SECRET-b81e44"
CREDENTIALS = {"apiKey": API_KEY, "secret": SECRET}
PROJECT_LOGGER = "ccxt_cancel"
CCXT_LOGGER = "ccxt.base.exchange"  # ccxt's: prints request headers at DEBUG; never asserted clean here

SINGLE: dict[str, tuple[Any, ...]] = {"bitopro": ("1", "BTC/USDT", {"margin": True}), "binancecoinm": ("1", "BTC/USD:BTC", {"origClientOrderId": "x-1"})}
PATHS: dict[str, list[tuple[str, tuple[Any, ...]]]] = {
    "bitopro": [
        ("cancel_order", SINGLE["bitopro"]),
        ("cancel_orders", ([str(i) for i in range(1, 13)], "BTC/USDT", {"margin": True})),
        ("cancel_all_orders", (None, {"margin": True})),
        ("cancel_all_orders", ("BTC/USDT", {"margin": True})),
    ],
    "binancecoinm": [
        ("cancel_order", SINGLE["binancecoinm"]),
        ("cancel_orders", ([str(i) for i in range(1, 13)], "BTC/USD:BTC")),
        ("cancel_orders", ([], "BTC/USD:BTC", {"origClientOrderIdList": ["a-1", "b-2"]})),
        ("cancel_all_orders", ("BTC/USD:BTC",)),
    ],
}
# Faults whose answers do not echo anything back (echoing ones are tested on their own below).
FAULTS = ("hang", "reset", "html502", "truncated", "empty", "429json", "429plain", "503unknown")


def leaks(text: str) -> list[str]:
    return [name for name, value in (("API key", API_KEY), ("secret", SECRET)) if value in text]


def exception_texts(exc: BaseException) -> str:
    """str and repr of an exception and of every exception chained to it."""
    texts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), *map(str, current.args)]
        current = current.__cause__ or current.__context__
    return "\n".join(texts)


LOOPBACK_OPTIONS = {"api_key": API_KEY, "secret": SECRET}


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger=PROJECT_LOGGER)
    caplog.set_level(logging.DEBUG, logger=CCXT_LOGGER)
    return caplog


class Recorder:
    """A third-party plugin asked first: it delegates to the built-in hooks and records every Plan and HttpAnswer they produce."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []
        self.answers: list[HttpAnswer] = []

    def _wrap(self, plan: Plan | None) -> Plan | None:
        if plan is None:
            return None
        inner = plan.on_error

        def on_error(answer: HttpAnswer) -> Any:
            self.answers.append(answer)
            return inner(answer) if inner is not None else None

        wrapped = dataclasses.replace(plan, on_error=on_error)
        self.plans.append(wrapped)
        return wrapped

    @ccxt_cancel.hookimpl(tryfirst=True)
    def ccxt_cancel_order(self, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return self._wrap(bitopro_margin.ccxt_cancel_order(exchange, id, symbol, params) or binance_coinm.ccxt_cancel_order(exchange, id, symbol, params))

    @ccxt_cancel.hookimpl(tryfirst=True)
    def ccxt_cancel_orders(self, exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return self._wrap(bitopro_margin.ccxt_cancel_orders(exchange, ids, symbol, params) or binance_coinm.ccxt_cancel_orders(exchange, ids, symbol, params))

    @ccxt_cancel.hookimpl(tryfirst=True)
    def ccxt_cancel_all_orders(self, exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return self._wrap(bitopro_margin.ccxt_cancel_all_orders(exchange, symbol, params) or binance_coinm.ccxt_cancel_all_orders(exchange, symbol, params))


class Leaky:
    """A buggy third-party plugin whose error message is built from the call (the call holds no credentials)."""

    @ccxt_cancel.hookimpl(tryfirst=True)
    def ccxt_cancel_order(self, exchange: Any, id: Any, params: dict[str, Any]) -> Plan | None:
        if params.get("leaky"):
            raise RuntimeError(f"cannot handle {exchange!r} {id!r} {params!r}")
        return None


async def scenario(loopback: LoopbackExchange, flavor: str, exchange_id: str, errors: list[BaseException], methods: list[Any]) -> None:
    """Every path; then every fault, a wrong secret, bad input and a broken plugin; errors and bound methods collected."""

    async def attempt(call: Callable[[], Any]) -> None:
        try:
            await settle(call())
        except Exception as exc:  # noqa: BLE001 - collected for inspection
            errors.append(exc)

    async with installed(loopback, flavor, exchange_id, timeout=500, **CREDENTIALS) as exchange:
        methods.extend(
            getattr(exchange, name)
            for name in ("cancel_order", "cancelOrder", "cancel_orders", "cancelOrders", "cancel_all_orders", "cancelAllOrders", "handle_errors")
        )
        for method, args in PATHS[exchange_id]:
            await settle(getattr(exchange, method)(*args))
        for fault in FAULTS:
            if fault == "503unknown" and exchange_id != "binancecoinm":
                continue
            loopback.faults.append(fault)
            await attempt(lambda: exchange.cancel_order(*SINGLE[exchange_id]))
        await attempt(lambda: exchange.cancel_order("not-a-number", *SINGLE[exchange_id][1:]))  # refused by the hook
        await attempt(lambda: exchange.cancel_order("1", SINGLE[exchange_id][1], {**SINGLE[exchange_id][2], "leaky": True}))  # PluginError
    async with installed(loopback, flavor, exchange_id, apiKey=API_KEY, secret="WRONG-SECRET") as wrong:
        await attempt(lambda: wrong.cancel_order(*SINGLE[exchange_id]))


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_no_credential_in_project_logs_errors_or_reprs(
    loopback: LoopbackExchange, debug_logs: pytest.LogCaptureFixture, plugin_manager: pluggy.PluginManager, flavor: str
) -> None:
    """DEBUG records of 'ccxt_cancel', every exception (chained ones too), and reprs of Plan, Request, HttpAnswer, PluginError and the installed methods."""
    recorder = Recorder()
    plugin_manager.register(recorder, name="recorder")
    plugin_manager.register(Leaky(), name="leaky")
    errors: list[BaseException] = []
    methods: list[Any] = []

    async def body() -> None:
        for exchange_id in PATHS:
            await scenario(loopback, flavor, exchange_id, errors, methods)

    asyncio.run(body())

    project = [r for r in debug_logs.records if r.name == PROJECT_LOGGER or r.name.startswith(PROJECT_LOGGER + ".")]
    assert project, "the project logged nothing at DEBUG: this test would prove nothing"
    assert any("margin/orders" in r.getMessage() for r in project) and any("batchOrders" in r.getMessage() for r in project)
    for record in project:
        text = "\n".join([record.getMessage(), repr(record.args), record.exc_text or ""])
        assert not leaks(text), f"project log record leaks the {leaks(text)}: {text}"
    # ccxt's own DEBUG log (logger 'ccxt.base.exchange') is deliberately not checked: it prints request headers.

    assert len(errors) >= 16, errors  # every fault, the refusal, the plugin error and the wrong secret, on both exchanges
    assert any(isinstance(e, PluginError) for e in errors) and any(isinstance(e, ccxt.AuthenticationError) for e in errors)
    for error in errors:
        assert not leaks(exception_texts(error)), f"{type(error).__name__} leaks the {leaks(exception_texts(error))}: {exception_texts(error)}"

    assert recorder.plans and recorder.answers
    reprs = [repr(p) for p in recorder.plans] + [repr(r) for p in recorder.plans for r in p.requests]
    reprs += [repr(a) for a in recorder.answers] + [repr(m) for m in methods] + [str(m) for m in methods]
    assert any("Request(" in text for text in reprs) and any("HttpAnswer(" in text for text in reprs)
    for text in reprs:
        assert not leaks(text), f"repr leaks the {leaks(text)}: {text}"


def test_reprs_of_public_objects_hold_no_credentials() -> None:
    """Built directly: a Request never holds credentials (ccxt adds them when signing); PluginError names the plugin only."""
    exchange = ccxt_cancel.install(ccxt.bitopro({**CREDENTIALS}))
    assert exchange is not None
    try:
        plan = bitopro_margin.ccxt_cancel_order(exchange, "1", "BTC/USDT", {"margin": True})
        assert plan is not None
        texts = [repr(plan), *map(repr, plan.requests), repr(PluginError("some_plugin", "raised KeyError")), repr(exchange.cancel_order)]
        texts.append(repr(Request("margin/orders", ["private"], "PUT", {"BTC_USDT": ["1"]}, 5)))
        for text in texts:
            assert not leaks(text), text
    finally:
        ccxt_cancel.uninstall(exchange)


# --- credentials echoed back by the other side ------------------------------------------------


@pytest.mark.parametrize(
    ("exchange_id", "fault"),
    [
        pytest.param("bitopro", "401echo", id="bitopro-401-echo"),
        pytest.param("bitopro", "503echo", id="bitopro-503-echo"),
        pytest.param("binancecoinm", "401echo", id="coinm-401-echo"),
        pytest.param("binancecoinm", "503echo", id="coinm-503-echo"),
    ],
)
def test_credentials_echoed_in_an_error_answer_are_not_in_the_exception(loopback: LoopbackExchange, exchange_id: str, fault: str) -> None:
    """A proxy or exchange that echoes the request headers (API key) into its error page: the exception raised must not carry the key."""

    async def body() -> BaseException:
        async with installed(loopback, "sync", exchange_id, **CREDENTIALS) as exchange:
            loopback.faults.append(fault)
            with pytest.raises(ccxt.BaseError) as caught:
                exchange.cancel_order(*SINGLE[exchange_id])
            error: BaseException = caught.value
            return error

    error = asyncio.run(body())
    assert any(seen.fault == fault for seen in loopback.seen)  # a 5XX is then resolved by a query: its error must not leak either
    assert not leaks(exception_texts(error)), f"{type(error).__name__}: {error}"


# --- cassettes --------------------------------------------------------------------------------


def test_a_cassette_recorded_with_the_project_settings_holds_no_credentials(tmp_path: Path, vcr_config: dict[str, Any]) -> None:
    """Record every path of both plugins (plus an error page that echoes the key) with the project's vcr settings, then scan the file.

    Uses the helpers' fake credentials, the ones the project's scrubbers know; the loopback verifies them.
    """
    fake = {"apiKey": FAKE_CREDENTIALS["apiKey"], "secret": FAKE_CREDENTIALS["secret"]}
    path = tmp_path / "recorded.yaml"
    recorder = vcr.VCR(**vcr_config)
    with LoopbackExchange(api_key=fake["apiKey"], secret=fake["secret"]) as loopback:

        async def body() -> None:
            for exchange_id, paths in PATHS.items():
                async with installed(loopback, "sync", exchange_id, **fake) as exchange:
                    for method, args in paths:
                        getattr(exchange, method)(*args)
                    loopback.faults.append("401echo")
                    with pytest.raises(ccxt.AuthenticationError):
                        exchange.cancel_order(*SINGLE[exchange_id])

        with recorder.use_cassette(str(path), record_mode="all"):
            asyncio.run(body())
        assert loopback.reasons() == [None] * 11  # every request was signed with the fake credentials and verified
    text = path.read_text()
    interactions = yaml.safe_load(text)["interactions"]
    assert len(interactions) == 11  # BitoPro 4 + echo 1; COIN-M 1 + 2 (12 ids) + 1 + 1 + echo 1
    for value in fake.values():
        assert value not in text, "a credential was written to the cassette"
    for needle in ("X-BITOPRO-APIKEY", "X-BITOPRO-PAYLOAD", "X-BITOPRO-SIGNATURE", "X-MBX-APIKEY", "signature=", "timestamp="):
        assert needle.lower() not in text.lower(), f"{needle} was written to the cassette"


def test_no_cassette_in_the_repository_holds_the_loopback_or_test_credentials() -> None:
    """The committed cassettes never met these credentials; a copy-paste from a loopback run would show up here."""
    root = Path(__file__).resolve().parent.parent.parent / "cassettes"
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files
    from tests.support.loopback import API_KEY as LOOPBACK_KEY
    from tests.support.loopback import SECRET as LOOPBACK_SECRET

    for file in files:
        text = file.read_text(errors="replace")
        for value in (API_KEY, SECRET, LOOPBACK_KEY, LOOPBACK_SECRET):
            assert value not in text, f"{file} holds a test credential"
