"""``orders.unified`` is ccxt's ``safe_order``: the same dict, values and key order, on every input (hypothesis).

The direct path (docs/benchmarks.md) converts fields one by one instead of
running ``safe_order``; these properties compare it with ``safe_order`` on
the installed ccxt, for the exchange classes whose rooms use it, including
inputs that must fall back (fills, fees, a closed or market order).
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccxt_cancel import orders
from tests.support.properties import EXAMPLES

EXCHANGES = {name: getattr(ccxt, name)({"enableRateLimit": False}) for name in ("bitopro", "gate", "bitget", "kucoinfutures", "binance")}

texts = st.one_of(st.none(), st.just(""), st.text(max_size=12), st.integers(-(10**20), 10**20), st.floats(allow_nan=False), st.booleans())
statuses = st.one_of(texts, st.sampled_from(["open", "closed", "canceled", "expired", "rejected"]))
kinds = st.one_of(texts, st.sampled_from(["limit", "market", "LIMIT"]))
times = st.one_of(
    st.none(),
    st.integers(-(10**17), 10**17),
    st.from_regex(r"[0-9]{1,16}", fullmatch=True),
    st.floats(allow_nan=False),
    st.sampled_from(["", "abc", "1.5e12", "2021-01-01T00:00:00Z"]),
)
numbers = st.one_of(
    st.none(),
    st.sampled_from(["", "0", "0.0", "-0", "1e-8", "abc", "inf", "16000", "0.01"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=8).map(str),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
)
direct = st.fixed_dictionaries(
    {},
    optional={
        "id": texts,
        "clientOrderId": texts,
        "timestamp": times,
        "datetime": st.one_of(st.none(), st.just(""), st.text(max_size=8)),
        "lastUpdateTimestamp": times,
        "symbol": texts,
        "type": kinds,
        "side": texts,
        "price": numbers,
        "amount": numbers,
        "status": statuses,
        "reduceOnly": st.one_of(st.none(), st.booleans(), st.just("")),
        "info": st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    },
)
derived = st.dictionaries(st.sampled_from(orders.DERIVED), st.one_of(st.none(), numbers, st.lists(st.just({}), max_size=1)), max_size=2)


def safe_order(exchange: Any, fields: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = exchange.safe_order({**fields, **dict.fromkeys(orders.KEYS), **fields}, orders.NO_MARKET)
    return result


def outcome(function: Any, *args: Any) -> str:
    """repr of the result (values, their types, 1 vs 1.0, and the key order at once), or of the exception raised."""
    try:
        return repr(function(*args))
    except Exception as exc:  # noqa: BLE001 - ccxt raising on an input is an outcome to compare too
        return f"raised {exc!r}"


def same(exchange: Any, fields: dict[str, Any]) -> bool:
    return outcome(orders.unified, exchange, dict(fields)) == outcome(safe_order, exchange, fields)


@pytest.mark.parametrize("name", sorted(EXCHANGES))
@EXAMPLES
@given(fields=direct)
def test_direct_fields_give_safe_orders_result(name: str, fields: dict[str, Any]) -> None:
    exchange = EXCHANGES[name]
    assert same(exchange, fields)


@EXAMPLES
@given(fields=direct, extra=derived)
def test_derived_fields_give_safe_orders_result(fields: dict[str, Any], extra: dict[str, Any]) -> None:
    exchange = EXCHANGES["bitopro"]
    mixed = {**fields, **extra}
    assert same(exchange, mixed)


def test_a_canceled_order_takes_the_direct_path_and_lists_are_fresh() -> None:
    exchange = EXCHANGES["bitopro"]
    fields = {"id": "1", "timestamp": 1644899002465, "symbol": "BTC/USDT", "side": "sell", "price": "16000", "amount": "0.01", "status": "canceled", "info": {}}
    first, second = orders.unified(exchange, dict(fields)), orders.unified(exchange, dict(fields))
    assert orders._agrees[type(exchange)] is True
    assert repr(second) == repr(safe_order(exchange, fields))
    assert first["trades"] is not second["trades"] and first["fees"] is not second["fees"]
    assert second["datetime"] == "2022-02-15T04:23:22.465Z" and second["price"] == 16000.0


def test_a_class_whose_direct_result_differs_always_gets_safe_order(monkeypatch: pytest.MonkeyPatch) -> None:
    class Other(ccxt.bitopro):  # type: ignore[misc]
        pass

    exchange = Other({"enableRateLimit": False})
    order = {**dict.fromkeys(orders.KEYS), "id": "1", "status": "canceled", "info": {}}
    try:
        # As if another ccxt version's safe_order answered otherwise: its own result, and the class remembered.
        assert orders._first(exchange, Other, dict(order), {**order, "id": "2"})["id"] == "1"
        assert orders._agrees[Other] is False

        def not_taken(exchange: Any, order: dict[str, Any]) -> None:
            raise AssertionError("the direct path ran for a class that disagreed")

        monkeypatch.setattr(orders, "_direct", not_taken)
        assert orders.unified(exchange, {"id": "3", "status": "canceled", "info": {}})["id"] == "3"
    finally:
        orders._agrees.pop(Other, None)


def test_a_class_that_overrides_safe_order_always_gets_safe_order() -> None:
    class Marked(ccxt.bitopro):  # type: ignore[misc]
        def safe_order(self, order: dict[str, Any], market: Any = None) -> dict[str, Any]:
            result: dict[str, Any] = super().safe_order(order, market)
            result["marked"] = True
            return result

    exchange = Marked({"enableRateLimit": False})
    fields = {"id": "1", "symbol": "BTC/USDT", "status": "canceled", "info": {}}
    try:
        assert orders.unified(exchange, dict(fields))["marked"] is True  # the first order: safe_order's own result
        assert orders._agrees[Marked] is False
        assert orders.unified(exchange, dict(fields))["marked"] is True  # and every later one
    finally:
        orders._agrees.pop(Marked, None)
