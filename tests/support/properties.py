"""The harness of the hypothesis properties (tests/builtins/<exchange>/test_inputs*.py), shared by every exchange's.

No network: ``exchange.fetch`` is replaced by a :class:`Wire`, which records
what would be sent and answers a claimed call's requests the way the
loopback exchange would (``tests.support.loopback.canned_answer``, or an
exchange's own venue), so the plugins' parsers run too. A call the plugins
decline is ccxt's own call (README: "a declined call is ccxt's call"); its
request is refused by the stub with a ccxt error and is not subject to the
wire properties.

:func:`check_call` makes one call and asserts the properties every plugin
shares:

* only ``ccxt.BaseError`` escapes a call a plugin claims or refuses;
* a call the hooks reject (a ccxt error from a hook) sends nothing;
* a claimed call sends something, and every request passes the exchange's
  own ``problems`` check (no text ``None``, no empty id, no selector ...).

The strategies here are the shared ones: ids, id lists, scalars and the tricks.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import ccxt
import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

import ccxt_cancel
from ccxt_cancel import patching
from tests.support.helpers import RequestLog
from tests.support.loopback import KEYS, canned_answer

# 200 per property keeps the suite fast; CCXT_CANCEL_HYPOTHESIS_EXAMPLES=5000 for a deeper local run
# (add --hypothesis-show-statistics to see how many calls were claimed, refused or declined).
# An exchange fixture is fresh per test and shared by that test's examples on purpose (the Wire is reset per call).
EXAMPLES = settings(
    max_examples=int(os.environ.get("CCXT_CANCEL_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

INT64 = (-(2**63), 2**63 - 1)

TRICKS = [
    "", " ", "None", "null", "../1", "..", "1/../2", "%2e%2e%2f1", "1?orderId=2", "1&symbol=X", "1#x", "1\n", " 1", "1 ",
    "٣", "１２３", "²", "1e3", "0x10", "-1", "+1", "1.0", "1_000", "0", "007",
    "9223372036854775807", "9223372036854775808", "1" * 40,
]  # fmt: skip


def no_none_text(text: str) -> bool:
    # A caller's own literal "None" string is its data, not a stringified Python None.
    return "None" not in text


def blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def mostly(good: st.SearchStrategy[Any], *bad: st.SearchStrategy[Any], weight: int = 4) -> st.SearchStrategy[Any]:
    """``good`` about ``weight`` times as often as each ``bad`` branch: enough calls get claimed to reach the wire.

    (``st.one_of(good, good, ...)`` would not do: it deduplicates its branches.)
    """
    branches = [good] * weight + list(bad)
    return st.integers(min_value=0, max_value=len(branches) - 1).flatmap(lambda index: branches[index])


def scalars(huge_ints: bool = True) -> st.SearchStrategy[Any]:
    low, high = (-(2**70), 2**70) if huge_ints else INT64
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=low, max_value=high),
        st.floats(),
        st.text(max_size=12).filter(no_none_text),
        st.sampled_from([t for t in TRICKS if no_none_text(t)]),
    )


good_ids = st.one_of(st.from_regex(r"[0-9]{1,19}", fullmatch=True), st.integers(min_value=0, max_value=2**63 - 1))
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS), st.lists(st.integers(0, 9), max_size=2), st.just({"id": "1"}))
id_lists = mostly(
    st.lists(good_ids, min_size=1, max_size=23),
    st.lists(ids, max_size=12),
    st.none(),
    st.tuples(ids, ids),
    st.text(max_size=5),
    st.integers(),
)


# --- the stubbed wire -----------------------------------------------------------------------


@dataclass
class Sent:
    method: str
    url: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)


Answer = Callable[[str, str, str], Any]  # (method, url, body) -> the decoded answer


class Wire(RequestLog):
    """Records every request and answers a claimed call's as the loopback exchange would (``RequestLog``, in fetch's place).

    ``claimed`` is set per call by :func:`check_call`; a request of a declined
    call is ccxt's own and is refused with a ccxt error (no socket is ever opened).
    """

    def __init__(self, answer: Answer = canned_answer) -> None:
        super().__init__(answer)
        self.sent: list[Sent] = []
        self.claimed = False

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        self.sent.append(Sent(method, url, body.decode() if isinstance(body, bytes) else (body or ""), dict(headers or {})))

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        if not self.claimed:
            raise ccxt.ExchangeNotAvailable("declined call: ccxt's own request is not served by this stub")
        return self.answer(method, url, self.sent[-1].body)


def exchange_for(exchange_id: str, answer: Answer = canned_answer, **config: Any) -> tuple[Any, Wire]:
    """A cold sync exchange with the fake loopback keys, its fetch replaced by a :class:`Wire`, the plugins installed on it."""
    wire = Wire(answer)
    exchange = wire.attach(getattr(ccxt, exchange_id)({**KEYS, "enableRateLimit": False, **config}))
    ccxt_cancel.install(exchange)
    return exchange, wire


def venue_answer(venue: Any) -> Answer:
    """A loopback venue's canned answer (its ``answer_for(method, path, query, body)``), as the :class:`Wire` asks for it."""

    def answer(method: str, url: str, body: str) -> Any:
        parts = urlsplit(url)
        return venue.answer_for(method, parts.path, parts.query, body)[1]

    return answer


def refused_and_silent(exchange_id: str, method: str, args: tuple[Any, ...], rule: str, **config: Any) -> None:
    """``exchange.method(*args)`` on a cold exchange raises ``BadRequest`` matching ``rule``, and nothing reaches the wire."""
    exchange, wire = exchange_for(exchange_id, **config)
    wire.claimed = True  # a request, if any were made, would be answered and recorded
    try:
        with pytest.raises(ccxt.BadRequest, match=rule):
            getattr(exchange, method)(*args)
        assert wire.sent == [], f"{method}{args!r} was refused but sent {wire.sent}"
    finally:
        ccxt_cancel.uninstall(exchange)


def check_call(exchange: Any, wire: Wire, method: str, args: dict[str, Any], problems: Callable[[Sent], list[str]]) -> None:
    """Make one call and assert the shared properties. ``args`` are keyword arguments by ccxt's own parameter names."""
    wire.sent.clear()
    try:
        # The same core function the wrappers decide through: binds, normalises params, asks the hooks.
        plan = patching.plan_for(exchange, method, (), dict(args))
        refused = None
    except ccxt.BaseError as exc:
        plan, refused = None, exc
    wire.claimed = plan is not None
    event("refused by the hook" if refused is not None else "claimed" if wire.claimed else "declined (ccxt's own call)")
    try:
        getattr(exchange, method)(**args)
    except Exception as exc:  # noqa: BLE001 - the property is about which exceptions escape
        if plan is None and refused is None:
            # Declined: ccxt's own call, bugs included; the plugins do not touch it.
            event(f"declined, ccxt raised {type(exc).__name__}")
        else:
            assert isinstance(exc, ccxt.BaseError), f"{method}({args!r}) let {type(exc).__name__} escape: {exc}"
    if refused is not None:
        assert wire.sent == [], f"{method}({args!r}) was refused by the hook ({refused}) but sent {wire.sent}"
    if wire.claimed:
        assert wire.sent, f"{method}({args!r}) was claimed but sent nothing"
        for sent in wire.sent:
            found = problems(sent)
            assert not found, f"{method}({args!r}) sent {sent.method} {sent.url} {sent.body!r}: {found}"


# --- a clean wire, for every exchange's properties ---------------------------------------------

SELECTORS = ("margin", "marginMode")


JUNK_RECV_WINDOW = ["", "abc", -1, 0, 60001, 1.5, "٣٠٠٠", True, False, 10**30, "5000", 5000, "60000", " 5000", "5e3", float("nan")]

ID_KEYS = ("orderId", "origClientOrderId", "clientOrderId", "symbol", "pair")


PARAM_KEYS = [
    "margin", "marginMode", "recvWindow", "orderId", "origClientOrderId", "clientOrderId", "symbol", "pair",
    "origClientOrderIdList", "clientOrderIds", "orderIdList", "orderidlist", "type", "stop", "foo",
]  # fmt: skip


def params(huge_ints: bool = True, empty_ids: bool = True, margin_key: bool = True) -> st.SearchStrategy[Any]:
    """Arbitrary params, mostly plausible ones.

    ``huge_ints=False`` keeps integer values within 64 bits, ``empty_ids=False`` leaves out empty
    strings under id-like keys and empty lists or lists with a blank item, and ``margin_key=False`` leaves out the BitoPro selector ``margin``:
    each is a known bug with its own strict-xfail test below, kept out of the properties of the
    plugin it affects so that those keep finding new bugs.
    """
    junk = [v for v in JUNK_RECV_WINDOW if huge_ints or not isinstance(v, int) or INT64[0] <= v <= INT64[1]]
    values = st.one_of(
        scalars(huge_ints),
        st.sampled_from(junk),
        st.lists(st.one_of(st.text(max_size=8).filter(no_none_text), st.integers(0, 10**6), st.sampled_from(["a-1", "b_2", "c.3"])), max_size=3),
    )
    client_ids = st.from_regex(r"[.A-Z:/a-z0-9_-]{1,36}", fullmatch=True).filter(no_none_text)
    plausible = st.dictionaries(
        st.sampled_from(["foo", "recvWindow", "origClientOrderId", "clientOrderId", "marginMode", "margin"]),
        st.one_of(client_ids, st.integers(1, 60000), st.sampled_from(["cross", "isolated"]), st.just(True)),
        max_size=2,
    )
    arbitrary = st.dictionaries(st.sampled_from(PARAM_KEYS), values, max_size=4)
    if not empty_ids:
        arbitrary = arbitrary.filter(
            lambda p: not any(blank(p.get(key)) for key in ID_KEYS) and not any(isinstance(v, list) and (not v or any(map(blank, v))) for v in p.values())
        )
    if not margin_key:
        arbitrary = arbitrary.filter(lambda p: "margin" not in p)
        plausible = plausible.filter(lambda p: "margin" not in p)
    return mostly(
        st.one_of(st.just({}), plausible),
        arbitrary,
        st.fixed_dictionaries({"recvWindow": st.sampled_from(junk)}),
        st.fixed_dictionaries(
            {"margin": st.one_of(st.booleans(), st.none()), "marginMode": st.one_of(st.none(), st.sampled_from(["cross", "isolated", "", "CROSS", "x"]))}
        )
        if margin_key
        else st.fixed_dictionaries({"marginMode": st.one_of(st.none(), st.sampled_from(["cross", "isolated", "", "CROSS", "x"]))}),
        st.none(),
        st.just([("margin", True)]),
        weight=5,
    )


def symbols(known: list[str]) -> st.SearchStrategy[Any]:
    """Each list starts with four well-formed symbols; the rest are tricks."""
    return mostly(
        st.sampled_from(known[:4]), st.sampled_from(known), st.none(), st.text(max_size=16), st.integers(), st.floats(), st.just(["BTC/USDT"]), weight=6
    )


def wire_problems(sent: Sent) -> list[str]:
    """Everything wrong with one request of a claimed call (empty list: clean)."""
    problems: list[str] = []
    parts = urlsplit(sent.url)
    texts = [sent.url, unquote(sent.url), sent.body]
    payload = sent.headers.get("X-BITOPRO-PAYLOAD")
    if payload:
        texts.append(base64.b64decode(payload).decode("utf-8", "replace"))
    if any("None" in text for text in texts):
        problems.append("carries the text None")
    segments = parts.path.split("/")
    if "" in segments[1:]:
        problems.append(f"empty path segment in {parts.path!r}")
    query = parse_qsl(parts.query, keep_blank_values=True)
    for key, value in query:
        if key in SELECTORS:
            problems.append(f"selector {key!r} in the query")
        if key in ("symbol", "orderId", "origClientOrderId", "pair") and not value.strip():
            problems.append(f"empty {key} in the query")
        if key in ("orderidlist", "origclientorderidlist") and parts.path.endswith("/batchOrders"):
            items = json.loads(value)
            if not items or any(str(item).strip() == "" for item in items):
                problems.append(f"empty id in {key}={value}")
    if sent.body:
        body = json.loads(sent.body)
        if isinstance(body, dict):
            problems.extend(f"selector {key!r} in the body" for key in SELECTORS if key in body)
            for key, value in body.items():
                if not str(key).strip():
                    problems.append("empty pair key in the body")
                if isinstance(value, list) and (not value or any(str(item).strip() == "" for item in value)):
                    problems.append(f"empty id list or id under {key!r}")
    if parts.path.startswith("/v3/margin/orders/") and parts.path.count("/") == 5:
        pair, order_id = segments[4], segments[5]
        if not re.fullmatch(r"[a-z0-9]+_[a-z0-9]+", pair) or not re.fullmatch(r"[0-9]+", order_id):
            problems.append(f"bad pair or id in {parts.path!r}")
    return problems


def check_clean(exchange: Any, wire: Wire, method: str, args: dict[str, Any]) -> None:
    """:func:`check_call` with :func:`wire_problems`: the shared properties, and a clean wire."""
    check_call(exchange, wire, method, args, wire_problems)


def call_cleanly(exchange: Any, wire: Wire, method: str, *args: Any) -> None:
    """The two properties for one claimed call: only ccxt errors escape, and whatever was sent is clean."""
    wire.sent.clear()
    wire.claimed = True
    try:
        getattr(exchange, method)(*args)
    except Exception as exc:  # noqa: BLE001 - the property is about which exceptions escape
        assert isinstance(exc, ccxt.BaseError), f"{type(exc).__name__} escaped: {exc}"
    for sent in wire.sent:
        assert not wire_problems(sent), f"sent {sent.method} {sent.url} {sent.body!r}: {wire_problems(sent)}"
