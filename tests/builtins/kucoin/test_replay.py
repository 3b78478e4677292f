"""kucoin: the cassettes (cassettes/kucoin/, built by tests/support/cassette_specs/kucoin.py) replayed sync, async and pro.

Each test runs on a cold kucoinfutures; the cassette holds only what the
room sends (vcr matches method, URL, query and body), so a cancel that
loaded markets or put the client id on the wire would not replay.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

from ccxt_cancel import batch
from tests.support.cassette_specs.kucoin import CLIENT_ID, FAILED, MANY, ORDER_ID
from tests.support.helpers import FLAVORS, call

CLASSIC = {"password": "FAKE-PASSPHRASE-0000", "timeout_on_exit": 0, "options": {"uta": False}}
FRESH = {"password": "FAKE-PASSPHRASE-0000", "timeout_on_exit": 0}


def kucoin(flavor: str, method: str, *args: Any, config: dict[str, Any] = CLASSIC) -> Any:
    return call(flavor, "kucoinfutures", method, *args, config=dict(config))


@pytest.mark.vcr("kucoin/cancel_order_fresh_both_ids.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_both_ids_cancel_by_order_id(flavor: str) -> None:
    order = kucoin(flavor, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"clientOrderId": CLIENT_ID}, config=FRESH)
    assert (order["id"], order["status"]) == (ORDER_ID, None)


@pytest.mark.vcr("kucoin/cancel_order_client_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone(flavor: str) -> None:
    order = kucoin(flavor, "cancel_order", "", "XRP/USDT:USDT", {"clientOid": CLIENT_ID})
    assert (order["clientOrderId"], order["status"]) == (CLIENT_ID, None)


@pytest.mark.vcr("kucoin/cancel_orders_25.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_25_ids_in_three_requests(flavor: str) -> None:
    orders = kucoin(flavor, "cancel_orders", list(MANY), "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == MANY
    failed = {o["id"]: o[batch.ERROR_KEY]["class"] for o in orders if batch.ERROR_KEY in o}
    assert failed == dict.fromkeys(FAILED, "InvalidOrder")


@pytest.mark.vcr("kucoin/cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_by_symbol(flavor: str) -> None:
    orders = kucoin(flavor, "cancel_all_orders", "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == MANY[:2] and all(o["status"] is None for o in orders)


@pytest.mark.vcr("kucoin/cancel_order_filled.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_filled_order_is_invalid_order(flavor: str) -> None:
    with pytest.raises(ccxt.InvalidOrder) as raised:
        kucoin(flavor, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert not isinstance(raised.value, ccxt.OrderNotFound)
