"""Cassettes for the binance_usdm plugin, built from Binance's USD-M futures documentation.

Requests are what the plugin sends through ccxt's signing: ``timestamp`` and
``signature`` are filtered out (see tests/conftest.py), ``recvWindow=10000``
is ccxt's default ``options['recvWindow']``. The same fapi URL serves
``ccxt.binanceusdm`` and ``ccxt.binance``, so every cassette replays on both.
Answers are the pages' examples. The English pages were read in a
third-party copy (github.com/shubhamtaywade82/binance-docs-scraper, commit
891df63, scraped 2026-05-28); the zh-CN Cancel-Multiple-Orders page in
Binance's own docs has the same example answer. Error bodies follow the
error-code page's ``{"code", "msg"}`` payload with the message that page
lists for the code.
"""

from __future__ import annotations

from typing import Any

from tests.support.cassette_factory import Cassette, Interaction, single_cancel_errors

DOCS = "https://developers.binance.com/docs/derivatives/usds-margined-futures"
PAGE_ONE = f"{DOCS}/trade/rest-api/Cancel-Order"
PAGE_BATCH = f"{DOCS}/trade/rest-api/Cancel-Multiple-Orders"
PAGE_ALL = f"{DOCS}/trade/rest-api/Cancel-All-Open-Orders"
PAGE_ERRORS = f"{DOCS}/error-code"
PAGE_GENERAL = f"{DOCS}/general-info"
SCRAPE = "read in a third-party copy of the page (shubhamtaywade82/binance-docs-scraper, commit 891df63)"

FAPI = "https://fapi.binance.com/fapi/v1"
RECV = "recvWindow=10000"

# The Cancel-Order page's example answer.
ORDER_ID = "283194212"
CLIENT_ID = "myOrder1"
CANCELED: dict[str, Any] = {
    "clientOrderId": "myOrder1",
    "cumQty": "0",
    "cumQuote": "0",
    "executedQty": "0",
    "orderId": 283194212,
    "origQty": "11",
    "origType": "TRAILING_STOP_MARKET",
    "price": "0",
    "avgPrice": "0.00",
    "reduceOnly": False,
    "side": "BUY",
    "positionSide": "SHORT",
    "status": "CANCELED",
    "stopPrice": "9300",
    "closePosition": False,
    "symbol": "BTCUSDT",
    "timeInForce": "GTC",
    "type": "TRAILING_STOP_MARKET",
    "activatePrice": "9020",
    "priceRate": "0.3",
    "updateTime": 1571110484038,
    "workingType": "CONTRACT_PRICE",
    "priceProtect": False,
    "priceMatch": "NONE",
    "selfTradePreventionMode": "NONE",
    "goodTillDate": 1693207680000,
}
DATED_SYMBOL = "BTCUSDT_251226"
DATED = {**CANCELED, "symbol": DATED_SYMBOL}

URI_BY_ID = f"{FAPI}/order?symbol=BTCUSDT&orderId={ORDER_ID}&{RECV}"
URI_BY_CLIENT_ID = f"{FAPI}/order?symbol=BTCUSDT&origClientOrderId={CLIENT_ID}&{RECV}"
URI_DATED = f"{FAPI}/order?symbol={DATED_SYMBOL}&orderId={ORDER_ID}&{RECV}"
URI_ALL = f"{FAPI}/allOpenOrders?symbol=BTCUSDT&{RECV}"

# The Cancel-Multiple-Orders page's example: one canceled item, one failed item.
BATCH_ITEM: dict[str, Any] = {k: v for k, v in CANCELED.items() if k != "avgPrice"}  # the single page's example without avgPrice
UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}

# The case: 25 ids, which ccxt sends in one request; the plugin sends 10 + 10 + 5.
BATCH_IDS = [str(283194212 + i) for i in range(25)]
BATCH_FAILED = {BATCH_IDS[4], BATCH_IDS[17], BATCH_IDS[24]}  # one failure in each request
BATCH_CHUNKS = [BATCH_IDS[:10], BATCH_IDS[10:20], BATCH_IDS[20:]]
CLIENT_BATCH = ["myOrder1", "myOrder2"]


def batch_item(order_id: str) -> dict[str, Any]:
    if order_id in BATCH_FAILED:
        return dict(UNKNOWN_ORDER)
    return {**BATCH_ITEM, "orderId": int(order_id), "clientOrderId": f"myOrder{BATCH_IDS.index(order_id) + 1}"}


def batch_uri(name: str, values: list[str]) -> str:
    # binance.sign's own encoding for DELETE batchOrders: %5B ... %2C ... %5D, client ids in %22.
    return f"{FAPI}/batchOrders?symbol=BTCUSDT&{RECV}&{name}=%5B" + "%2C".join(values) + "%5D"


RATE_LIMITED = {
    "code": -1003,
    "msg": "Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.",
}
UNKNOWN_OUTCOME = {"code": -1000, "msg": "Unknown error, please check your request or try again later."}

# error key -> (status, answer, what, source, note)
ERRORS: dict[str, tuple[int, Any, str, str, str]] = {
    "unknown_order": (
        400,
        UNKNOWN_ORDER,
        "-2011 CANCEL_REJECTED (unknown order) -> OrderNotFound",
        PAGE_ERRORS,
        'error body: code -2011 with the message the error-code page gives it ("Unknown order sent"); HTTP 400 assumed',
    ),
    "invalid_timestamp": (
        400,
        {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."},
        "-1021 INVALID_TIMESTAMP -> InvalidNonce",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 400 assumed",
    ),
    "rate_limited": (
        429,
        RATE_LIMITED,
        "HTTP 429 rate limit -> DDoSProtection",
        f"{PAGE_GENERAL} (HTTP 429); {PAGE_ERRORS} (-1003 message)",
        "body: the -1003 message with its %s filled in (2400, the exchangeInfo example's REQUEST_WEIGHT limit)",
    ),
    "unknown_outcome": (
        503,
        UNKNOWN_OUTCOME,
        "HTTP 503 unknown outcome -> ExchangeNotAvailable saying UNKNOWN, never canceled",
        f"{PAGE_GENERAL} (HTTP 503, message A)",
        'body built from the page\'s prose (503 with "Unknown error, please check your request or try again later."); code -1000 UNKNOWN assumed',
    ),
    "service_unavailable": (
        503,
        {"msg": "Service Unavailable."},
        'HTTP 503 "Service Unavailable.": a failure (ExchangeNotAvailable), not an unknown outcome',
        f"{PAGE_GENERAL} (HTTP 503, message B)",
        'body built from the page\'s prose ("Service Unavailable.": "100% failure"); the page gives no code for it',
    ),
}


CASSETTES: list[Cassette] = [
    Cassette(
        name="binance/usdm_cancel_order.yaml",
        what="cancel one USD-M order by orderId: canceled",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note=f"the page's example answer as is; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_order_both_ids.yaml",
        what="cancel with id and origClientOrderId: orderId only on the wire (the page is silent on both; the exchange's id wins)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note=f"request: orderId only, the plugin's documented choice; answer: the page's example; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_order_client_id.yaml",
        what="cancel by origClientOrderId only (id None)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_CLIENT_ID, 200, CANCELED)],
        note=f"the client id is the example answer's clientOrderId; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_order_dated.yaml",
        what="cancel on a delivery contract (BTCUSDT_251226)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_DATED, 200, DATED)],
        note=f"answer adapted: symbol BTCUSDT_251226; {SCRAPE}",
    ),
    *single_cancel_errors("binance/usdm_cancel_order_", "USD-M", PAGE_ONE, URI_BY_ID, ERRORS, SCRAPE),
    Cassette(
        name="binance/usdm_cancel_orders_chunked.yaml",
        what="cancel 25 orders: three requests (10 + 10 + 5), one failed item in each, all 25 ids back",
        source=PAGE_BATCH,
        interactions=[Interaction("DELETE", batch_uri("orderidlist", chunk), 200, [batch_item(i) for i in chunk]) for chunk in BATCH_CHUNKS],
        note=(
            "items adapted from the page's example: orderIds 283194212..283194236, clientOrderIds myOrder1..25; "
            f"the page's failed item placed at positions 5, 18 and 25; {SCRAPE}"
        ),
    ),
    Cassette(
        name="binance/usdm_cancel_orders_failed_item.yaml",
        what="cancel a batch of two: the page's example answer, one canceled and one failed item",
        source=PAGE_BATCH,
        interactions=[Interaction("DELETE", batch_uri("orderidlist", ["283194212", "283194213"]), 200, [BATCH_ITEM, UNKNOWN_ORDER])],
        note=f"the page's example answer as is; the second id (283194213) is ours; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_orders_client_ids.yaml",
        what="cancel a batch by origClientOrderIdList: one canceled, one failed",
        source=PAGE_BATCH,
        interactions=[
            Interaction("DELETE", batch_uri("origclientorderidlist", [f"%22{c}%22" for c in CLIENT_BATCH]), 200, [BATCH_ITEM, UNKNOWN_ORDER]),
        ],
        note=f"the page's example answer as is; client ids myOrder1, myOrder2; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_orders_first_chunk_rate_limited.yaml",
        what="cancel 25 orders: the first request gets HTTP 429: the rest is not sent, and with no request answered the call raises",
        source=f"{PAGE_BATCH}; {PAGE_GENERAL} (HTTP 429: back off)",
        interactions=[Interaction("DELETE", batch_uri("orderidlist", BATCH_CHUNKS[0]), 429, RATE_LIMITED)],
        note=f"the -1003 message with its %s filled in (2400); one interaction: the plugin stops sending after a rate limit; {SCRAPE}",
    ),
    Cassette(
        name="binance/usdm_cancel_all_orders.yaml",
        what="cancel all open orders of BTCUSDT: the documented acknowledgement",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, {"code": 200, "msg": "The operation of cancel all open order is done."})],
        note=f"the page's example answer as is; {SCRAPE}",
    ),
]
