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
from tests.support.cassette_specs.kucoin import ALL_IDS, CLASSIC_CANCELLED, CLASSIC_CLIENT_ID, CLASSIC_ID, CLIENT_ID, FAILED, HF_ID, MANY, ORDER_ID
from tests.support.helpers import FLAVORS, call

CLASSIC = {"password": "FAKE-PASSPHRASE-0000", "timeout_on_exit": 0, "options": {"uta": False}}
FRESH = {"password": "FAKE-PASSPHRASE-0000", "timeout_on_exit": 0}


def kucoin(flavor: str, method: str, *args: Any, config: dict[str, Any] = CLASSIC, exchange_id: str = "kucoinfutures") -> Any:
    return call(flavor, exchange_id, method, *args, config=dict(config))


@pytest.mark.vcr("kucoin/cancel_order_fresh_both_ids.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_both_ids_cancel_by_order_id(flavor: str) -> None:
    order = kucoin(flavor, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"clientOrderId": CLIENT_ID}, config=FRESH)
    assert (order["id"], order["status"]) == (ORDER_ID, None)


@pytest.mark.vcr("kucoin/cancel_order_client_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone(flavor: str) -> None:
    order = kucoin(flavor, "cancel_order", "", "BTC/USDT:USDT", {"clientOid": CLIENT_ID})
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
    assert [o["id"] for o in orders] == ALL_IDS and all(o["status"] is None for o in orders)


@pytest.mark.vcr("kucoin/cancel_order_filled.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_filled_order_is_invalid_order(flavor: str) -> None:
    with pytest.raises(ccxt.InvalidOrder) as raised:
        kucoin(flavor, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert not isinstance(raised.value, ccxt.OrderNotFound)


@pytest.mark.vcr("kucoin/spot_hf_cancel_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_hf_cancel(flavor: str) -> None:
    order = kucoin(flavor, "cancel_order", HF_ID, "BTC/USDT", {"hf": True}, exchange_id="kucoin")
    assert (order["id"], order["symbol"], order["status"]) == (HF_ID, "BTC/USDT", None)


@pytest.mark.vcr("kucoin/spot_classic_cancel_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_classic_batch_then_client_id(flavor: str) -> None:
    async_or_sync = kucoin(flavor, "cancel_orders", [CLASSIC_ID], "BTC/USDT", exchange_id="kucoin")
    assert [o["id"] for o in async_or_sync] == [CLASSIC_ID]
    order = kucoin(flavor, "cancel_order", None, "BTC/USDT", {"clientOrderId": CLASSIC_CLIENT_ID}, exchange_id="kucoin")
    assert (order["id"], order["clientOrderId"], order["status"]) == (CLASSIC_CANCELLED, CLASSIC_CLIENT_ID, None)
