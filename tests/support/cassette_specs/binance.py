"""Cassettes for the binance_coinm plugin, built from Binance's COIN-M futures documentation.

Requests are what the plugin sends through ccxt's signing: ``timestamp`` and
``signature`` are filtered out (see tests/conftest.py), ``recvWindow=10000``
is ccxt's default ``options['recvWindow']``. The same dapi URL serves
``ccxt.binancecoinm`` and ``ccxt.binance``, so every cassette replays on both.
Answers are the pages' examples; error bodies follow the error-code page's
``{"code", "msg"}`` payload with the message that page lists for the code.
"""

from __future__ import annotations

from typing import Any

from tests.support.cassette_factory import Cassette, Interaction, single_cancel_errors

DOCS = "https://developers.binance.com/docs/derivatives/coin-margined-futures"
PAGE_ONE = f"{DOCS}/trade/rest-api/Cancel-Order"
PAGE_BATCH = f"{DOCS}/trade/rest-api/Cancel-Multiple-Orders"
PAGE_ALL = f"{DOCS}/trade/rest-api/Cancel-All-Open-Orders"
PAGE_ERRORS = f"{DOCS}/error-code"
PAGE_GENERAL = f"{DOCS}/general-info"

DAPI = "https://dapi.binance.com/dapi/v1"
RECV = "recvWindow=10000"

# The Cancel-Order page's (the seed's) example answer.
ORDER_ID = "4612097861"
CLIENT_ID = "7BOSEMlb00bMIuOZzWKxn2"
CANCELED: dict[str, Any] = {
    "orderId": 4612097861,
    "symbol": "BTCUSD_PERP",
    "pair": "BTCUSD",
    "status": "CANCELED",
    "clientOrderId": CLIENT_ID,
    "price": "37000",
    "avgPrice": "0",
    "origQty": "1",
    "executedQty": "0",
    "cumQty": "0",
    "cumBase": "0",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "reduceOnly": False,
    "closePosition": False,
    "side": "BUY",
    "positionSide": "BOTH",
    "stopPrice": "0",
    "workingType": "CONTRACT_PRICE",
    "priceProtect": False,
    "origType": "LIMIT",
    "time": 1645606370874,
    "updateTime": 1645606370874,
}
DATED_SYMBOL = "ETHUSD_251226"
DATED = {**CANCELED, "symbol": DATED_SYMBOL, "pair": "ETHUSD", "price": "2500"}

URI_BY_ID = f"{DAPI}/order?symbol=BTCUSD_PERP&orderId={ORDER_ID}&{RECV}"
URI_BY_CLIENT_ID = f"{DAPI}/order?symbol=BTCUSD_PERP&origClientOrderId={CLIENT_ID}&{RECV}"
URI_DATED = f"{DAPI}/order?symbol={DATED_SYMBOL}&orderId={ORDER_ID}&{RECV}"
URI_RECV_5000 = f"{DAPI}/order?symbol=BTCUSD_PERP&orderId={ORDER_ID}&recvWindow=5000"
URI_ALL = f"{DAPI}/allOpenOrders?symbol=BTCUSD_PERP&{RECV}"

# The Cancel-Multiple-Orders page's example item (its symbol was a 2020 delivery contract).
BATCH_ITEM: dict[str, Any] = {
    "avgPrice": "0.0",
    "clientOrderId": "myOrder1",
    "cumQty": "0",
    "cumBase": "0",
    "executedQty": "0",
    "orderId": 283194212,
    "origQty": "11",
    "price": "0",
    "reduceOnly": False,
    "side": "BUY",
    "positionSide": "SHORT",
    "status": "CANCELED",
    "stopPrice": "9300",
    "closePosition": False,
    "symbol": "BTCUSD_PERP",
    "pair": "BTCUSD",
    "timeInForce": "GTC",
    "origType": "TRAILING_STOP_MARKET",
    "type": "TRAILING_STOP_MARKET",
    "activatePrice": "9020",
    "priceRate": "0.3",
    "workingType": "CONTRACT_PRICE",
    "priceProtect": False,
    "priceMatch": "NONE",
    "selfTradePreventionMode": "NONE",
    "updateTime": 1571110484038,
}
UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}

# Twelve ids: ccxt would send them in one request; the plugin sends 10 + 2.
BATCH_IDS = [str(283194212 + i) for i in range(12)]
BATCH_FAILED = {BATCH_IDS[4], BATCH_IDS[11]}  # one failure in each request


def batch_item(order_id: str) -> dict[str, Any]:
    if order_id in BATCH_FAILED:
        return dict(UNKNOWN_ORDER)
    return {**BATCH_ITEM, "orderId": int(order_id), "clientOrderId": f"myOrder{BATCH_IDS.index(order_id) + 1}"}


def batch_uri(name: str, values: list[str]) -> str:
    # binance.sign's own encoding for DELETE batchOrders: %5B ... %2C ... %5D, client ids in %22.
    return f"{DAPI}/batchOrders?symbol=BTCUSD_PERP&{RECV}&{name}=%5B" + "%2C".join(values) + "%5D"


BATCH_CHUNKS = [BATCH_IDS[:10], BATCH_IDS[10:]]
CLIENT_BATCH = ["myOrder1", "myOrder2"]

# error key -> (status, answer, what, source, note)
ERRORS: dict[str, tuple[int, Any, str, str, str]] = {
    "unknown_order": (
        400,
        UNKNOWN_ORDER,
        "-2011 CANCEL_REJECTED (unknown order) -> OrderNotFound",
        PAGE_ERRORS,
        "error body from the error-code page (code and message); HTTP 400 assumed",
    ),
    "no_such_order": (
        400,
        {"code": -2013, "msg": "Order does not exist."},
        "-2013 NO_SUCH_ORDER -> OrderNotFound",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 400 assumed",
    ),
    "invalid_timestamp": (
        400,
        {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."},
        "-1021 INVALID_TIMESTAMP -> InvalidNonce",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 400 assumed",
    ),
    "invalid_signature": (
        400,
        {"code": -1022, "msg": "Signature for this request is not valid."},
        "-1022 INVALID_SIGNATURE -> AuthenticationError",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 400 assumed",
    ),
    "rejected_key": (
        401,
        {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."},
        "-2015 REJECTED_MBX_KEY -> AuthenticationError",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 401 assumed",
    ),
    "rate_limited": (
        429,
        {
            "code": -1003,
            "msg": "Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.",
        },
        "HTTP 429 rate limit -> DDoSProtection",
        f"{PAGE_GENERAL} (HTTP 429); {PAGE_ERRORS} (-1003 message)",
        "body: the -1003 message with its %s filled in (2400)",
    ),
    "ip_banned": (
        418,
        {"code": -1003, "msg": "Way too many requests; IP banned until 1645606430874. Please use the websocket for live updates to avoid bans."},
        "HTTP 418 IP ban -> DDoSProtection",
        f"{PAGE_GENERAL} (HTTP 418); {PAGE_ERRORS} (-1003 message)",
        "body: the -1003 message with its %s filled in (a timestamp)",
    ),
    "unknown_outcome": (
        503,
        {"code": -1000, "msg": "Unknown error, please check your request or try again later."},
        "HTTP 503 unknown outcome -> ExchangeNotAvailable, never canceled",
        f"{PAGE_GENERAL} (HTTP 503)",
        'body built from the page\'s prose (503 with "Unknown error, please check your request or try again later."); code -1000 UNKNOWN from the error-code page assumed',
    ),
    "service_unavailable": (
        503,
        {"msg": "Service Unavailable."},
        'HTTP 503 "Service Unavailable.": a failure (ExchangeNotAvailable), not an unknown outcome',
        f"{PAGE_GENERAL} (HTTP 503)",
        'body built from the page\'s prose (503 with "Service Unavailable.": "a failure API operation ... retry later"); the page gives no code for it',
    ),
    "service_unavailable_order_body": (
        503,
        CANCELED,
        "HTTP 503 whose body looks like a canceled order: ExchangeNotAvailable, never canceled, not called unknown",
        f"{PAGE_GENERAL} (HTTP 503); {PAGE_ONE} (body)",
        "hypothetical: the Cancel-Order example answer put in a 503, to check that an order-shaped body never reads as canceled",
    ),
}


CASSETTES: list[Cassette] = [
    Cassette(
        name="binance/coinm_cancel_order.yaml",
        what="cancel one COIN-M order by orderId: canceled",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
    ),
    Cassette(
        name="binance/coinm_cancel_order_both_ids.yaml",
        what="cancel with id and origClientOrderId: orderId wins, no origClientOrderId on the wire",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note="request: the page's precedence rule (orderId only); answer: the page's example",
    ),
    Cassette(
        name="binance/coinm_cancel_order_client_id.yaml",
        what="cancel by origClientOrderId only (id None)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_CLIENT_ID, 200, CANCELED)],
        note="the client id is the example answer's clientOrderId",
    ),
    Cassette(
        name="binance/coinm_cancel_order_dated.yaml",
        what="cancel on a delivery contract (ETHUSD_251226)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_DATED, 200, DATED)],
        note="answer adapted: symbol ETHUSD_251226, pair ETHUSD, price 2500",
    ),
    Cassette(
        name="binance/coinm_cancel_order_recv_window.yaml",
        what="cancel with params recvWindow=5000 (checked, sent as given)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_RECV_5000, 200, CANCELED)],
    ),
    *single_cancel_errors("binance/coinm_cancel_order_", "COIN-M", PAGE_ONE, URI_BY_ID, ERRORS),
    Cassette(
        name="binance/coinm_cancel_orders_chunked.yaml",
        what="cancel 12 orders: two requests (10 + 2), one failed item in each",
        source=PAGE_BATCH,
        interactions=[Interaction("DELETE", batch_uri("orderidlist", chunk), 200, [batch_item(i) for i in chunk]) for chunk in BATCH_CHUNKS],
        note="items adapted from the page's example: orderIds 283194212..283194223, clientOrderIds myOrder1..12, symbol BTCUSD_PERP (page: BTCUSD_200925); the page's failed item placed at positions 5 and 12",
    ),
    Cassette(
        name="binance/coinm_cancel_orders_second_chunk_rejected.yaml",
        what="cancel 12 orders: the first request (10) is answered, the second (2) fails with -1021: 12 entries, the 2 carry InvalidNonce",
        source=f"{PAGE_BATCH}; {PAGE_ERRORS} (-1021)",
        interactions=[
            Interaction(
                "DELETE",
                batch_uri("orderidlist", BATCH_CHUNKS[0]),
                200,
                [{**BATCH_ITEM, "orderId": int(i), "clientOrderId": f"myOrder{n + 1}"} for n, i in enumerate(BATCH_CHUNKS[0])],
            ),
            Interaction(
                "DELETE", batch_uri("orderidlist", BATCH_CHUNKS[1]), 400, {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
            ),
        ],
        note="first answer: the page's example item for each of the 10 ids; second: the error-code page's -1021 body, HTTP 400 assumed",
    ),
    Cassette(
        name="binance/coinm_cancel_orders_second_chunk_unknown.yaml",
        what="cancel 12 orders: the second request gets a 503 unknown outcome: its 2 entries say UNKNOWN, the 10 canceled stay",
        source=f"{PAGE_BATCH}; {PAGE_GENERAL} (HTTP 503)",
        interactions=[
            Interaction(
                "DELETE",
                batch_uri("orderidlist", BATCH_CHUNKS[0]),
                200,
                [{**BATCH_ITEM, "orderId": int(i), "clientOrderId": f"myOrder{n + 1}"} for n, i in enumerate(BATCH_CHUNKS[0])],
            ),
            Interaction(
                "DELETE", batch_uri("orderidlist", BATCH_CHUNKS[1]), 503, {"code": -1000, "msg": "Unknown error, please check your request or try again later."}
            ),
        ],
        note='second answer built from the general-info page\'s prose (503 with "Unknown error, please check your request or try again later."), code -1000 assumed',
    ),
    Cassette(
        name="binance/coinm_cancel_orders_first_chunk_rate_limited.yaml",
        what="cancel 12 orders: the first request gets HTTP 429: the second is not sent, and with no request answered the call raises",
        source=f"{PAGE_BATCH}; {PAGE_GENERAL} (HTTP 429: back off)",
        interactions=[
            Interaction(
                "DELETE",
                batch_uri("orderidlist", BATCH_CHUNKS[0]),
                429,
                {
                    "code": -1003,
                    "msg": "Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.",
                },
            ),
        ],
        note="the -1003 message with its %s filled in (2400); one interaction: the plugin stops sending after a rate limit",
    ),
    Cassette(
        name="binance/coinm_cancel_orders_single_failed.yaml",
        what="cancel a batch of one id whose item failed (-2011): returned as a failed order, not raised",
        source=PAGE_BATCH,
        interactions=[Interaction("DELETE", batch_uri("orderidlist", ["283194212"]), 200, [UNKNOWN_ORDER])],
        note="the page's failed item as the whole answer",
    ),
    Cassette(
        name="binance/coinm_cancel_orders_client_ids.yaml",
        what="cancel a batch by origClientOrderIdList: one canceled, one failed",
        source=PAGE_BATCH,
        interactions=[
            Interaction(
                "DELETE",
                batch_uri("origclientorderidlist", [f"%22{c}%22" for c in CLIENT_BATCH]),
                200,
                [BATCH_ITEM, UNKNOWN_ORDER],
            )
        ],
        note="the page's example answer as is (symbol BTCUSD_PERP instead of BTCUSD_200925); client ids myOrder1, myOrder2",
    ),
    Cassette(
        name="binance/coinm_cancel_all_orders.yaml",
        what="cancel all open orders of BTCUSD_PERP",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, {"code": 200, "msg": "The operation of cancel all open order is done."})],
    ),
]
