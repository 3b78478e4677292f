"""Cassettes for the binance_spot plugin, built from Binance's spot API documentation.

Source: github.com/binance/binance-spot-api-docs, ``rest-api.md`` and
``errors.md`` at commit a5e0bc3 (the official repository of the spot API
docs). Requests are what the plugin sends through ccxt's signing:
``timestamp`` and ``signature`` are filtered out, ``recvWindow=10000`` is
ccxt's default ``options['recvWindow']``. Answers are the page's examples;
error bodies use the codes and messages of ``errors.md``.
"""

from __future__ import annotations

from typing import Any

from tests.support.cassette_factory import Cassette, Interaction, single_cancel_errors

DOCS = "https://github.com/binance/binance-spot-api-docs/blob/a5e0bc3ddc0fd7e6bb696849323b74423fa3a54d"
PAGE_ONE = f"{DOCS}/rest-api.md#cancel-order-trade"
PAGE_ALL = f"{DOCS}/rest-api.md#cancel-all-open-orders-on-a-symbol-trade"
PAGE_RESTRICTIONS = f"{DOCS}/rest-api.md#regarding-cancelrestrictions"
PAGE_GENERAL = f"{DOCS}/rest-api.md#http-return-codes"
PAGE_ERRORS = f"{DOCS}/errors.md"

API = "https://api.binance.com/api/v3"
RECV = "recvWindow=10000"

# The Cancel-order page's example answer: order 4 of LTCBTC, client id myOrder1, this cancel's id cancelMyOrder1.
ORDER_ID = "4"
CLIENT_ID = "myOrder1"
CANCELED: dict[str, Any] = {
    "symbol": "LTCBTC",
    "origClientOrderId": "myOrder1",
    "orderId": 4,
    "orderListId": -1,
    "clientOrderId": "cancelMyOrder1",
    "transactTime": 1684804350068,
    "price": "2.00000000",
    "origQty": "1.00000000",
    "executedQty": "0.00000000",
    "origQuoteOrderQty": "0.000000",
    "cummulativeQuoteQty": "0.00000000",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
    "selfTradePreventionMode": "NONE",
}

URI_BY_ID = f"{API}/order?symbol=LTCBTC&orderId={ORDER_ID}&{RECV}"
URI_BOTH = f"{API}/order?symbol=LTCBTC&orderId={ORDER_ID}&origClientOrderId={CLIENT_ID}&{RECV}"
URI_BY_CLIENT_ID = f"{API}/order?symbol=LTCBTC&origClientOrderId={CLIENT_ID}&{RECV}"
URI_RESTRICTED = f"{API}/order?symbol=LTCBTC&orderId={ORDER_ID}&cancelRestrictions=ONLY_NEW&{RECV}"
URI_ALL = f"{API}/openOrders?symbol=BTCUSDT&{RECV}"

UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}
RESTRICTED = {"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}

# A batch without a batch endpoint: one DELETE /api/v3/order per id; the second id is unknown.
BATCH_IDS = ["4", "5", "6"]
BATCH_FAILED = {"5"}


def uri_for(order_id: str) -> str:
    return f"{API}/order?symbol=LTCBTC&orderId={order_id}&{RECV}"


def batch_answer(order_id: str) -> dict[str, Any]:
    return {**CANCELED, "orderId": int(order_id), "origClientOrderId": f"myOrder{order_id}"}


# The Cancel All Open Orders on a Symbol page's example answer, as printed: two orders and an OCO order list of two.
ALL_ANSWER: list[dict[str, Any]] = [
    {
        "symbol": "BTCUSDT", "origClientOrderId": "E6APeyTJvkMvLMYMqu1KQ4", "orderId": 11, "orderListId": -1, "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx",
        "transactTime": 1684804350068, "price": "0.089853", "origQty": "0.178622", "executedQty": "0.000000", "origQuoteOrderQty": "0.000000",
        "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "BUY", "selfTradePreventionMode": "NONE",
    },
    {
        "symbol": "BTCUSDT", "origClientOrderId": "A3EF2HCwxgZPFMrfwbgrhv", "orderId": 13, "orderListId": -1, "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx",
        "transactTime": 1684804350069, "price": "0.090430", "origQty": "0.178622", "executedQty": "0.000000", "origQuoteOrderQty": "0.000000",
        "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "BUY", "selfTradePreventionMode": "NONE",
    },
    {
        "orderListId": 1929, "contingencyType": "OCO", "listStatusType": "ALL_DONE", "listOrderStatus": "ALL_DONE",
        "listClientOrderId": "2inzWQdDvZLHbbAmAozX2N", "transactionTime": 1585230948299, "symbol": "BTCUSDT",
        "orders": [
            {"symbol": "BTCUSDT", "orderId": 20, "clientOrderId": "CwOOIPHSmYywx6jZX77TdL"},
            {"symbol": "BTCUSDT", "orderId": 21, "clientOrderId": "461cPg51vQjV3zIMOXNz39"},
        ],
        "orderReports": [
            {
                "symbol": "BTCUSDT", "origClientOrderId": "CwOOIPHSmYywx6jZX77TdL", "orderId": 20, "orderListId": 1929,
                "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "transactTime": 1688005070874, "price": "0.668611", "origQty": "0.690354",
                "executedQty": "0.000000", "origQuoteOrderQty": "0.000000", "cummulativeQuoteQty": "0.000000", "status": "CANCELED",
                "timeInForce": "GTC", "type": "STOP_LOSS_LIMIT", "side": "BUY", "stopPrice": "0.378131", "icebergQty": "0.017083",
                "selfTradePreventionMode": "NONE",
            },
            {
                "symbol": "BTCUSDT", "origClientOrderId": "461cPg51vQjV3zIMOXNz39", "orderId": 21, "orderListId": 1929,
                "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "transactTime": 1688005070874, "price": "0.008791", "origQty": "0.690354",
                "executedQty": "0.000000", "origQuoteOrderQty": "0.000000", "cummulativeQuoteQty": "0.000000", "status": "CANCELED",
                "timeInForce": "GTC", "type": "LIMIT_MAKER", "side": "BUY", "icebergQty": "0.639962", "selfTradePreventionMode": "NONE",
            },
        ],
    },
]  # fmt: skip
ALL_IDS = ["11", "13", "20", "21"]

RATE_LIMITED = {
    "code": -1003,
    "msg": "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
}

# error key -> (status, answer, what, source, note)
ERRORS: dict[str, tuple[int, Any, str, str, str]] = {
    "unknown_order": (
        400,
        UNKNOWN_ORDER,
        '-2011 "Unknown order sent." -> OrderNotFound',
        f"{PAGE_ERRORS} (-2011 CANCEL_REJECTED and its message table)",
        'error body: code -2011 with the message errors.md defines as "could not be found"; HTTP 400 assumed',
    ),
    "rate_limited": (
        429,
        RATE_LIMITED,
        "HTTP 429 rate limit -> DDoSProtection",
        f"{PAGE_GENERAL} (HTTP 429); {PAGE_ERRORS} (-1003 message)",
        "body: errors.md's -1003 message with its %s filled in (6000, 1 MINUTE)",
    ),
    "unknown_outcome": (
        503,
        {"code": -1000, "msg": "Unknown error, please check your request or try again later."},
        "HTTP 503: the execution status is UNKNOWN (every 5XX, says the page) -> ExchangeNotAvailable saying UNKNOWN",
        f"{PAGE_GENERAL} (HTTP 5XX)",
        "body assumed (the spot page gives none for 5XX; this is the futures pages' unknown-outcome message with -1000 UNKNOWN)",
    ),
    "server_error": (
        500,
        {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."},
        "HTTP 500: also UNKNOWN on spot (every 5XX) -> ExchangeNotAvailable saying UNKNOWN, never canceled",
        f"{PAGE_GENERAL} (HTTP 5XX); {PAGE_ERRORS} (-1001 DISCONNECTED)",
        "body: errors.md's -1001 message; HTTP 500 assumed",
    ),
    "server_error_order_body": (
        502,
        CANCELED,
        "HTTP 502 whose body looks like a canceled order: UNKNOWN, never canceled",
        f"{PAGE_GENERAL} (HTTP 5XX); {PAGE_ONE} (body)",
        "hypothetical: the page's example answer put in a 502, to check that a 5XX body is never read as an order",
    ),
}


CASSETTES: list[Cassette] = [
    Cassette(
        name="binance/spot_cancel_order.yaml",
        what="cancel one spot order by orderId: canceled",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note="the page's example answer as is",
    ),
    Cassette(
        name="binance/spot_cancel_order_both_ids.yaml",
        what="cancel with id and origClientOrderId: both on the wire, for the page's cross-check",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BOTH, 200, CANCELED)],
        note="request: both ids (the page: orderId searched first, origClientOrderId checked against it); answer: the page's example",
    ),
    Cassette(
        name="binance/spot_cancel_order_client_id.yaml",
        what="cancel by origClientOrderId only (id None)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_CLIENT_ID, 200, CANCELED)],
        note="the client id is the example answer's origClientOrderId",
    ),
    Cassette(
        name="binance/spot_cancel_order_cancel_restrictions.yaml",
        what="cancel with cancelRestrictions=ONLY_NEW refused by the exchange -> OperationRejected, not OrderNotFound",
        source=PAGE_RESTRICTIONS,
        interactions=[Interaction("DELETE", URI_RESTRICTED, 400, RESTRICTED)],
        note="body: the page's own error for an order that did not pass the restriction; HTTP 400 assumed",
    ),
    *single_cancel_errors("binance/spot_cancel_order_", "spot", PAGE_ONE, URI_BY_ID, ERRORS),
    Cassette(
        name="binance/spot_cancel_orders_per_id.yaml",
        what="cancel 3 orders (spot has no batch endpoint): one DELETE /api/v3/order per id, the second unknown; 3 entries back",
        source=f"{PAGE_ONE}; {PAGE_ERRORS} (-2011)",
        interactions=[
            Interaction("DELETE", uri_for(i), 400 if i in BATCH_FAILED else 200, UNKNOWN_ORDER if i in BATCH_FAILED else batch_answer(i)) for i in BATCH_IDS
        ],
        note="answers: the page's example with orderIds 4, 6 and origClientOrderIds myOrder4, myOrder6; the -2011 body for id 5, HTTP 400 assumed",
    ),
    Cassette(
        name="binance/spot_cancel_orders_rate_limited.yaml",
        what="cancel 3 orders one by one: the first gets HTTP 429, the other two are not sent, and with nothing answered the call raises",
        source=f"{PAGE_ONE}; {PAGE_GENERAL} (HTTP 429: back off)",
        interactions=[Interaction("DELETE", uri_for(BATCH_IDS[0]), 429, RATE_LIMITED)],
        note="one interaction: the plugin stops sending after a rate limit",
    ),
    Cassette(
        name="binance/spot_cancel_all_orders.yaml",
        what="cancel all open orders of BTCUSDT: two orders and an OCO list of two, four canceled orders back",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, ALL_ANSWER)],
        note="the page's example answer as is",
    ),
]
