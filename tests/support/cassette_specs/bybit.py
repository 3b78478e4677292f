"""Cassettes for the bybit plugin, built from Bybit's v5 documentation (bybit-exchange/docs).

Links point at the commit that last changed each page (snapshot HEAD
072c197d0c11b4d9a88d1dd0c7b9d7ca8ea3a996), so they keep showing what the
cassettes were built from. Requests are what the plugin sends through
ccxt's v5 signing: a compact JSON body (ccxt's ``json()``), auth headers
(``X-BAPI-*``) filtered. Answers are the pages' examples. Error answers use
the error page's code and message in Bybit's common response shape
(guide.mdx, "Common response"); the pages do not say which HTTP status
carries a non-zero retCode, and 200 is assumed (what ccxt assumes too).
"""

from __future__ import annotations

import json
from typing import Any

from tests.support.cassette_factory import Cassette, Interaction

DOCS = "https://github.com/bybit-exchange/docs/blob"
PAGE_ONE = f"{DOCS}/94639e0da61742adb0d171839e44bf66f60f5e30/docs/v5/order/cancel-order.mdx"
PAGE_BATCH = f"{DOCS}/94639e0da61742adb0d171839e44bf66f60f5e30/docs/v5/order/batch-cancel.mdx"
PAGE_ALL = f"{DOCS}/94639e0da61742adb0d171839e44bf66f60f5e30/docs/v5/order/cancel-all.mdx"
PAGE_ERRORS = f"{DOCS}/4c1d665179d2c5d4d51403c7e6e7a34651b5fa06/docs/v5/error.mdx"
PAGE_RATE = f"{DOCS}/66875b81b0d0d3c8c8cec7e3bca3d3f10cda2a0a/docs/v5/rate-limit/rate-limit.mdx"
PAGE_GUIDE = f"{DOCS}/072c197d0c11b4d9a88d1dd0c7b9d7ca8ea3a996/docs/v5/guide.mdx"

HOST = "https://api.bybit.com"
URI_ONE = f"{HOST}/v5/order/cancel"
URI_BATCH = f"{HOST}/v5/order/cancel-batch"
URI_ALL = f"{HOST}/v5/order/cancel-all"
TIME = 1672217377164


def body(value: Any) -> str:
    """The request body as ccxt's bybit.sign sends it: compact JSON, keys in the plugin's order."""
    return json.dumps(value, separators=(",", ":"))


def ok(result: Any, ext: Any = None, time: int = TIME) -> dict[str, Any]:
    return {"retCode": 0, "retMsg": "OK", "result": result, "retExtInfo": {} if ext is None else ext, "time": time}


def failure(code: int, message: str) -> dict[str, Any]:
    return {"retCode": code, "retMsg": message, "result": {}, "retExtInfo": {}, "time": TIME}


# --- cancel one: the cancel-order page's example ---------------------------------------------------

ORDER_ID = "c6f055d9-7f21-4079-913d-e6523a9cfffa"
CLIENT_ID = "linear-004"
CANCEL_ANSWER = ok({"orderId": ORDER_ID, "orderLinkId": CLIENT_ID})
BODY_BY_ID = body({"category": "linear", "symbol": "BTCUSDT", "orderId": ORDER_ID})
BODY_BY_CLIENT_ID = body({"category": "linear", "symbol": "BTCUSDT", "orderLinkId": CLIENT_ID})
SPOT_ORDER_ID = "1666800494330512128"
BODY_SPOT = body({"category": "spot", "symbol": "BTCUSDT", "orderId": SPOT_ORDER_ID})
BODY_INVERSE = body({"category": "inverse", "symbol": "BTCUSD", "orderId": ORDER_ID})

# error key -> (status, answer, request body, content type, what, source, note)
ERRORS: dict[str, tuple[int, Any, str, str, str, str, str]] = {
    "order_not_found": (
        200,
        failure(110001, "Order does not exist"),
        BODY_BY_ID,
        "application/json",
        "110001 Order does not exist -> OrderNotFound",
        PAGE_ERRORS,
        "code and message from the error page (UTA section); HTTP 200 assumed",
    ),
    "spot_order_not_found": (
        200,
        failure(170213, "Order does not exist."),
        BODY_SPOT,
        "application/json",
        "spot 170213 Order does not exist. -> OrderNotFound",
        PAGE_ERRORS,
        "code and message from the error page (Spot Trade section); HTTP 200 assumed",
    ),
    "finished": (
        200,
        failure(110008, "The order has been completed or cancelled."),
        BODY_BY_ID,
        "application/json",
        "110008 completed or cancelled -> InvalidOrder: the order exists, it is finished (not OrderNotFound, not canceled)",
        PAGE_ERRORS,
        "code and message from the error page; HTTP 200 assumed",
    ),
    "cancel_processing": (
        200,
        failure(170212, "Cancel order request processing"),
        BODY_SPOT,
        "application/json",
        "spot 170212 Cancel order request processing -> InvalidOrder (ccxt leaves it a bare ExchangeError)",
        PAGE_ERRORS,
        "code and message from the error page; HTTP 200 assumed",
    ),
    "server_timeout": (
        200,
        failure(10000, "Server Timeout"),
        BODY_BY_ID,
        "application/json",
        "10000 Server Timeout -> RequestTimeout (ccxt leaves it a bare ExchangeError)",
        PAGE_ERRORS,
        "code and message from the error page; HTTP 200 assumed",
    ),
    "time_window": (
        200,
        failure(10002, "The request time exceeds the time window range."),
        BODY_BY_ID,
        "application/json",
        "10002 outside the time window -> InvalidNonce",
        PAGE_ERRORS,
        "code and message from the error page; HTTP 200 assumed",
    ),
    "error_sign": (
        200,
        failure(10004, "Error sign, please check your signature generation algorithm."),
        BODY_BY_ID,
        "application/json",
        "10004 error sign -> AuthenticationError",
        PAGE_ERRORS,
        "code and message from the error page; HTTP 200 assumed",
    ),
    "rate_limited": (
        200,
        failure(10006, "Too many visits!"),
        BODY_BY_ID,
        "application/json",
        "10006 Too many visits! -> RateLimitExceeded",
        PAGE_RATE,
        'the rate-limit page\'s own words: "retCode": 10006, "retMsg": "Too many visits!"; HTTP 200 assumed',
    ),
    "ip_limited": (
        403,
        "access too frequent",
        BODY_BY_ID,
        "text/plain",
        "HTTP 403 access too frequent (IP limit) -> RateLimitExceeded",
        f"{PAGE_RATE}; {PAGE_ERRORS} (HTTP 403)",
        'body from the rate-limit page\'s "403, access too frequent"; the page shows no body, plain text assumed',
    ),
    "path_not_found": (
        404,
        "Not Found",
        BODY_BY_ID,
        "text/plain",
        "HTTP 404 without a retCode (wrong path, or a category that does not match the account mode) -> BadRequest, never OrderNotFound",
        f"{PAGE_ERRORS} (HTTP 404)",
        'hypothetical body: the error page documents 404 as "Cannot find path" without showing one',
    ),
}

# --- batch: the batch-cancel page's example, spread over more ids ----------------------------------

LINEAR_IDS = [f"c6f055d9-7f21-4079-913d-e6523a9c{0xF000 + i:04x}" for i in range(25)]
# position -> (code, message) from the error page: one unknown, one finished, one still processing (ccxt leaves 110079 unmapped)
LINEAR_FAILED = {
    4: (110001, "Order does not exist"),
    17: (110008, "The order has been completed or cancelled."),
    22: (110079, "The order is processing and can not be operated, please try again later"),
}
SPOT_IDS = [str(1666800494330512128 + i) for i in range(12)]
SPOT_FAILED = {1: (170213, "Order does not exist."), 11: (170142, "Order has been cancelled")}
INVERSE_IDS = [ORDER_ID, LINEAR_IDS[0]]
CLIENT_IDS = ["spot-btc-03", "1666800494330512129"]


def batch_answer(category: str, symbol: str, field: str, keys: list[str], failed: dict[int, tuple[int, str]], offset: int = 0) -> dict[str, Any]:
    """The page's answer shape for these keys: a failed item keeps a requested orderLinkId and has orderId "" (as in the example)."""
    items, codes = [], []
    for number, key in enumerate(keys):
        lost = failed.get(offset + number)
        order_id = "" if lost or field != "orderId" else key
        link_id = key if field == "orderLinkId" else ""
        items.append({"category": category, "symbol": symbol, "orderId": order_id, "orderLinkId": link_id})
        codes.append({"code": lost[0], "msg": lost[1]} if lost else {"code": 0, "msg": "OK"})
    return ok({"list": items}, {"list": codes}, time=1713434299047)


def batch_body(category: str, symbol: str, field: str, keys: list[str]) -> str:
    return body({"category": category, "request": [{"symbol": symbol, field: key} for key in keys]})


def batch_interactions(category: str, symbol: str, keys: list[str], size: int, failed: dict[int, tuple[int, str]]) -> list[Interaction]:
    return [
        Interaction(
            "POST",
            URI_BATCH,
            200,
            batch_answer(category, symbol, "orderId", keys[start : start + size], failed, start),
            batch_body(category, symbol, "orderId", keys[start : start + size]),
        )
        for start in range(0, len(keys), size)
    ]


# The client-id batch answer with its items in reverse order: the page does not promise the request's order.
CLIENT_BATCH_ANSWER = ok(
    {
        "list": [
            {"category": "spot", "symbol": "BTCUSDT", "orderId": "", "orderLinkId": CLIENT_IDS[1]},
            {"category": "spot", "symbol": "BTCUSDT", "orderId": SPOT_ORDER_ID, "orderLinkId": CLIENT_IDS[0]},
        ]
    },
    {"list": [{"code": 170213, "msg": "Order does not exist."}, {"code": 0, "msg": "OK"}]},
    time=1713434299047,
)

# --- cancel all: the cancel-all page's example -----------------------------------------------------

ALL_LIST = [
    {"orderId": "1616024329462743808", "orderLinkId": "1616024329462743809"},
    {"orderId": "1616024287544869632", "orderLinkId": "1616024287544869633"},
]
ALL_ANSWER = ok({"list": ALL_LIST, "success": "1"}, time=1707381118116)
# category key -> (request body, answer, note)
CANCEL_ALL: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "linear": ({"category": "linear", "symbol": "BTCUSDT"}, ALL_ANSWER, "request scoped by symbol (the page's example scopes linear by settleCoin USDT)"),
    "linear_settle": ({"category": "linear", "settleCoin": "USDT"}, ALL_ANSWER, "the page's own request example, without its null symbol"),
    "inverse": (
        {"category": "inverse", "settleCoin": "BTC"},
        ok({"list": ALL_LIST}, time=1707381118116),
        'answer without "success", as the page says UTA1.0 (inverse) answers',
    ),
    "spot": ({"category": "spot"}, ALL_ANSWER, "spot without other params (the page: cancels all spot normal orders)"),
    "option": ({"category": "option"}, ALL_ANSWER, "option without other params (the page allows it)"),
    "failed": (
        {"category": "linear", "symbol": "BTCUSDT"},
        ok({"list": [], "success": "0"}, time=1707381118116),
        'answer adapted: success "0" ("0": fail, from the page\'s response table) and an empty list',
    ),
}


def _error_cassettes() -> list[Cassette]:
    return [
        Cassette(
            name=f"bybit/cancel_order_{key}.yaml",
            what=f"cancel one order: {what}",
            source=f"{PAGE_ONE} (request); {source}",
            interactions=[Interaction("POST", URI_ONE, status, answer, request, content_type)],
            note=note,
        )
        for key, (status, answer, request, content_type, what, source, note) in ERRORS.items()
    ]


def _cancel_all_cassettes() -> list[Cassette]:
    return [
        Cassette(
            name=f"bybit/cancel_all_orders_{key}.yaml",
            what=f"cancel all open orders, {request['category']} scoped by {', '.join(k for k in request if k != 'category') or 'category only'}",
            source=PAGE_ALL,
            interactions=[Interaction("POST", URI_ALL, 200, answer, body(request))],
            note=note,
        )
        for key, (request, answer, note) in CANCEL_ALL.items()
    ]


CASSETTES: list[Cassette] = [
    Cassette(
        name="bybit/cancel_order.yaml",
        what="cancel one linear order by orderId: acknowledged (status None), ids from the answer",
        source=PAGE_ONE,
        interactions=[Interaction("POST", URI_ONE, 200, CANCEL_ANSWER, BODY_BY_ID)],
        note="request: symbol BTCUSDT (the page's example uses BTCPERP, a USDC perpetual, whose id needs loaded markets) and no null orderLinkId; answer: the page's example",
    ),
    Cassette(
        name="bybit/cancel_order_client_id.yaml",
        what="cancel one linear order by client id (unified clientOrderId sent as orderLinkId), one request",
        source=PAGE_ONE,
        interactions=[Interaction("POST", URI_ONE, 200, CANCEL_ANSWER, BODY_BY_CLIENT_ID)],
        note="request by orderLinkId linear-004, the example answer's client id; answer: the page's example",
    ),
    Cassette(
        name="bybit/cancel_order_spot.yaml",
        what="cancel one spot order by orderId (no orderFilter: the page's default is Order)",
        source=PAGE_ONE,
        interactions=[Interaction("POST", URI_ONE, 200, ok({"orderId": SPOT_ORDER_ID, "orderLinkId": "spot-btc-03"}), BODY_SPOT)],
        note="ids from the batch-cancel page's spot example item",
    ),
    Cassette(
        name="bybit/cancel_order_inverse.yaml",
        what="cancel one inverse order (BTC/USD:BTC -> BTCUSD) by orderId",
        source=PAGE_ONE,
        interactions=[Interaction("POST", URI_ONE, 200, ok({"orderId": ORDER_ID, "orderLinkId": ""}), BODY_INVERSE)],
        note='answer adapted: orderLinkId "" (an order placed without a client id)',
    ),
    *_error_cassettes(),
    Cassette(
        name="bybit/cancel_orders_linear_25.yaml",
        what="cancel 25 linear orders: two requests (20 + 5); items 5, 18 and 23 failed with 110001, 110008, 110079",
        source=f"{PAGE_BATCH}; {PAGE_ERRORS} (codes)",
        interactions=batch_interactions("linear", "BTCUSDT", LINEAR_IDS, 20, LINEAR_FAILED),
        note="items in the page's answer shape (failed item: orderId \"\", code and msg in retExtInfo.list), symbol BTCUSDT, ids adapted from the cancel page's example; codes from the error page",
    ),
    Cassette(
        name="bybit/cancel_orders_spot_12.yaml",
        what="cancel 12 spot orders: two requests (10 + 2); items 2 and 12 failed with 170213 and 170142",
        source=f"{PAGE_BATCH}; {PAGE_ERRORS} (codes)",
        interactions=batch_interactions("spot", "BTCUSDT", SPOT_IDS, 10, SPOT_FAILED),
        note="the page's spot example items, ids counted up from 1666800494330512128, all on BTCUSDT; 170142 from the error page",
    ),
    Cassette(
        name="bybit/cancel_orders_inverse.yaml",
        what="cancel 2 inverse orders in one batch (the page lists inverse; ccxt refuses it)",
        source=PAGE_BATCH,
        interactions=[
            Interaction(
                "POST", URI_BATCH, 200, batch_answer("inverse", "BTCUSD", "orderId", INVERSE_IDS, {}), batch_body("inverse", "BTCUSD", "orderId", INVERSE_IDS)
            )
        ],
        note="the page's answer shape with category inverse and symbol BTCUSD",
    ),
    Cassette(
        name="bybit/cancel_orders_client_ids.yaml",
        what="cancel 2 spot orders by client id (orderLinkId), answer items in reverse order: matched by orderLinkId",
        source=PAGE_BATCH,
        interactions=[Interaction("POST", URI_BATCH, 200, CLIENT_BATCH_ANSWER, batch_body("spot", "BTCUSDT", "orderLinkId", CLIENT_IDS))],
        note="the page's example items (ATOMUSDT replaced by BTCUSDT, the first by its orderLinkId), listed in reverse: the page does not promise the request's order",
    ),
    Cassette(
        name="bybit/cancel_orders_rate_limited.yaml",
        what="cancel 25 linear orders: the first request answers 10006: the second is not sent, and with nothing answered the call raises",
        source=f"{PAGE_BATCH}; {PAGE_RATE} (10006)",
        interactions=[Interaction("POST", URI_BATCH, 200, failure(10006, "Too many visits!"), batch_body("linear", "BTCUSDT", "orderId", LINEAR_IDS[:20]))],
        note="one interaction: the plugin stops sending after a rate limit; body from the rate-limit page's words",
    ),
    Cassette(
        name="bybit/cancel_orders_second_chunk_time_window.yaml",
        what="cancel 25 linear orders: the first request is answered, the second gets 10002: 25 entries, the last 5 carry InvalidNonce",
        source=f"{PAGE_BATCH}; {PAGE_ERRORS} (10002)",
        interactions=[
            batch_interactions("linear", "BTCUSDT", LINEAR_IDS, 20, {})[0],
            Interaction(
                "POST",
                URI_BATCH,
                200,
                failure(10002, "The request time exceeds the time window range."),
                batch_body("linear", "BTCUSDT", "orderId", LINEAR_IDS[20:]),
            ),
        ],
        note="first answer in the page's shape, every item OK; second: the error page's 10002, HTTP 200 assumed",
    ),
    *_cancel_all_cassettes(),
]
