"""Cassettes for the bitopro_margin plugin, built from BitoPro's margin documentation pages.

The margin pages exist only on a side branch of the official docs repository
(docs v3.5.17, "Add Margin Trading APIs"); links point at that commit so they
keep showing what the cassettes were built from. Error bodies are adapted:
the pages list HTTP codes and say errors come as ``{"error": "..."}``, but
show no error example.
"""

from __future__ import annotations

from tests.support.cassette_factory import Cassette, Interaction

DOCS = "https://github.com/bitoex/bitopro-offical-api-docs/blob/8a1588d9ab23a8ce5ec716c0b77eb00578946ff6"
PAGE_ONE = f"{DOCS}/api/v3/private/margin_cancel_an_order.md"
PAGE_BATCH = f"{DOCS}/api/v3/private/margin_cancel_batch_orders.md"
PAGE_ALL = f"{DOCS}/api/v3/private/margin_cancel_all_orders.md"
PAGE_ERRORS = f"{DOCS}/README.md#http-status-code--error-response"

BASE = "https://api.bitopro.com/v3"

# The pages' own examples.
ORDER_ID = "9543130812"
CANCELED = {"orderId": ORDER_ID, "action": "BUY", "timestamp": 1721376406650, "price": "1", "amount": "1"}
BATCH_IDS = ["4419989207", "9789414023"]
ALL_IDS = ["9050564390", "3927422785"]

URI_ONE = f"{BASE}/margin/orders/btc_usdt/{ORDER_ID}"
URI_BATCH = f"{BASE}/margin/orders"
URI_ALL = f"{BASE}/margin/orders/all"
URI_PAIR = f"{BASE}/margin/orders/btc_usdt"
# What ccxt's bitopro.sign puts in the PUT body: compact JSON of the params.
BATCH_BODY = '{"BTC_USDT":["4419989207","9789414023"]}'

# endpoint key -> (what, page, method, uri, request body)
ENDPOINTS = {
    "cancel_order": ("cancel one margin order", PAGE_ONE, "DELETE", URI_ONE, None),
    "cancel_orders": ("cancel a batch of margin orders", PAGE_BATCH, "PUT", URI_BATCH, BATCH_BODY),
    "cancel_all_orders": ("cancel all margin orders of every pair", PAGE_ALL, "DELETE", URI_ALL, None),
}

# error key -> (status, answer, content type, what, note)
ERRORS = {
    "order_not_found": (
        422,
        {"error": "Order not found."},
        "application/json",
        "the order does not exist (HTTP 422, a message naming the order)",
        (
            'error body hypothetical: BitoPro documents no order-not-found message (its status table has 404 as "Resource Not Found | Wrong path" and 422 as "Unprocessable Entity"); '
            'status 422 from the official Java SDK (bitoex/bitopro-api-java: "If order id is not found, a BadArgumentException is thrown", raised for HTTP 422); '
            "the message is ours, chosen as the wording a message naming the order as missing would take"
        ),
    ),
    "wrong_path": (
        404,
        {"error": "Not Found"},
        "application/json",
        'wrong path (HTTP 404 "Not Found"): never OrderNotFound, left to ccxt\'s own mapping',
        'error body adapted: the status table lists 404 as "Resource Not Found | Wrong path" with {"error": "..."}',
    ),
    "wrong_path_text": (
        404,
        "404 page not found",
        "text/plain",
        "wrong path (HTTP 404, plain text): never OrderNotFound, left to ccxt's own mapping",
        'error body adapted: the status table\'s 404 "Wrong path" as a web server sends it, without JSON',
    ),
    "pair_not_found": (
        400,
        {"error": "pair not found"},
        "application/json",
        "unknown pair (HTTP 400): never OrderNotFound, left to ccxt's own mapping",
        "error body hypothetical: a missing pair, to check that only a missing order is OrderNotFound",
    ),
    "account_not_found": (
        422,
        {"error": "margin account not found"},
        "application/json",
        "no margin account (HTTP 422): never OrderNotFound, left to ccxt's own mapping",
        "error body hypothetical: a missing margin account, to check that only a missing order is OrderNotFound",
    ),
    "time_mismatch": (
        409,
        {"error": "Local Machine Time Mismatch"},
        "application/json",
        "clock out of step (HTTP 409) -> InvalidNonce",
        'error body adapted: the status table lists 409 "Conflict | Local Machine Time Mismatch" with {"error": "..."}',
    ),
    "rate_limited": (
        429,
        {"error": "Too Many Requests"},
        "application/json",
        "rate limited (HTTP 429, JSON body)",
        'error body adapted: the docs list HTTP 429 "Too Many Requests" with {"error": "..."}',
    ),
    "rate_limited_no_json": (
        429,
        "Too Many Requests",
        "text/plain",
        "rate limited (HTTP 429, plain-text body)",
        "error body adapted: HTTP 429 as a proxy might send it, without JSON",
    ),
    "unauthorized": (
        401,
        {"error": "Unauthorized api key"},
        "application/json",
        "authentication failure (HTTP 401)",
        'error body adapted: the docs list HTTP 401 "Unauthorized api key" (API key deleted) with {"error": "..."}',
    ),
    "invalid_signature": (
        400,
        {"error": "Invalid Signature"},
        "application/json",
        'authentication failure ("Invalid Signature", HTTP 400)',
        'error body adapted: message from ccxt\'s bitopro exception table; status 400 ("Request parameters mismatch" in the docs) chosen so only the message marks it',
    ),
    "server_error": (
        500,
        {"error": "Internal Server Error"},
        "application/json",
        "server error (HTTP 500): an unknown outcome (the cancel may or may not have taken effect)",
        'error body adapted: the docs list HTTP 500 "Internal Server Error" with {"error": "..."}',
    ),
    "forbidden": (
        403,
        {"error": "No permission"},
        "application/json",
        "permission denied (HTTP 403)",
        'error body adapted: the docs list HTTP 403 "Forbidden", "No permission" with {"error": "..."}',
    ),
}


def _error_cassettes() -> list[Cassette]:
    cassettes = []
    for endpoint, (what, page, method, uri, body) in ENDPOINTS.items():
        for error, (status, answer, content_type, case, note) in ERRORS.items():
            cassettes.append(
                Cassette(
                    name=f"bitopro/margin_{endpoint}_{error}.yaml",
                    what=f"{what}: {case}",
                    source=f"{page} (request); {PAGE_ERRORS} (status codes)",
                    interactions=[Interaction(method, uri, status, answer, request_body=body, content_type=content_type)],
                    note=note,
                )
            )
    return cassettes


CASSETTES: list[Cassette] = [
    Cassette(
        name="bitopro/margin_cancel_order.yaml",
        what="cancel one margin order: success",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_ONE, 200, CANCELED)],
    ),
    Cassette(
        name="bitopro/margin_cancel_orders.yaml",
        what="cancel a batch of margin orders: success",
        source=PAGE_BATCH,
        interactions=[Interaction("PUT", URI_BATCH, 200, {"data": {"BTC_USDT": BATCH_IDS}}, request_body=BATCH_BODY)],
    ),
    Cassette(
        name="bitopro/margin_cancel_all_orders.yaml",
        what="cancel all margin orders of every pair: success, two pairs",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, {"data": {"BTC_USDT": ALL_IDS, "ETH_USDT": ["5122047801"]}})],
        note='answer adapted: a second pair ("ETH_USDT") added to the page\'s one-pair example, to show an answer across pairs',
    ),
    Cassette(
        name="bitopro/margin_cancel_all_orders_symbol.yaml",
        what="cancel all margin orders of one pair: success",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_PAIR, 200, {"data": {"BTC_USDT": ALL_IDS}})],
    ),
    Cassette(
        name="bitopro/margin_cancel_order_empty.yaml",
        what="cancel one margin order: malformed 200, empty body",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_ONE, 200, "")],
        note="answer adapted: the page's example replaced by an empty body",
    ),
    Cassette(
        name="bitopro/margin_cancel_order_truncated.yaml",
        what="cancel one margin order: malformed 200, truncated JSON",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_ONE, 200, '{"orderId": "9543130812", "action": "BU')],
        note="answer adapted: the page's example cut off mid-body",
    ),
    Cassette(
        name="bitopro/margin_cancel_order_no_order_id.yaml",
        what="cancel one margin order: malformed 200, no orderId",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_ONE, 200, {k: v for k, v in CANCELED.items() if k != "orderId"})],
        note="answer adapted: the page's example without its orderId field",
    ),
    Cassette(
        name="bitopro/margin_cancel_orders_no_data.yaml",
        what="cancel a batch of margin orders: malformed 200, no data object",
        source=PAGE_BATCH,
        interactions=[Interaction("PUT", URI_BATCH, 200, {"BTC_USDT": BATCH_IDS}, request_body=BATCH_BODY)],
        note='answer adapted: the page\'s example without its "data" wrapper',
    ),
    Cassette(
        name="bitopro/margin_cancel_all_orders_data_list.yaml",
        what="cancel all margin orders: malformed 200, data is a list",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, {"data": ALL_IDS})],
        note='answer adapted: "data" holds a bare list instead of an object keyed by pair',
    ),
    *_error_cassettes(),
]
