"""Cassettes for the okx plugin, built from OKX's own code and the answer shapes ccxt's okx source quotes.

OKX's documentation pages (www.okx.com/docs-v5) could not be read from this
machine, so no cassette claims them. Each one names what it was built from:

* requests: the official SDK's examples (okxapi/python-okx
  ``example/get_started_en.ipynb``: ``cancel_order(instId="BTC-USDT",
  ordId="489093931993509888")``, ``cancel_multiple_orders([{"instId":
  "BTC-USDT", "ordId": "489102222534488064"}, ...])``), in the body ccxt's
  okx ``sign`` sends (compact JSON, keys in the plugin's order);
* answers: the shapes in ccxt 4.5.90's ``ccxt/okx.py`` comments, quoted
  below as ``CCXT_*``; the failure messages are the error-code table of a
  third-party copy of OKX's docs (qiuham/crypto-api-docs), labelled as such.

Every adaptation (ids, positions of failures, HTTP statuses) is in the
cassette's note.
"""

from __future__ import annotations

from typing import Any

from ccxt_cancel.builtins.okx import sources
from tests.support.cassette_factory import Cassette, Interaction

BASE = "https://www.okx.com/api/v5"
URI_ONE = f"{BASE}/trade/cancel-order"
URI_BATCH = f"{BASE}/trade/cancel-batch-orders"
URI_LIST = f"{BASE}/trade/orders-pending"

SDK_ONE = f"{sources.SDK_NOTEBOOK}#L569 (request)"
SDK_BATCH = f"{sources.SDK_NOTEBOOK}#L586-L591 (request)"
CCXT_ONE = f"{sources.CCXT_OKX}, okx.cancel_order comment (answer)"
CCXT_BATCH = f"{sources.CCXT_OKX}, okx.cancel_orders comment (answer items)"
CCXT_FAILED = f"{sources.CCXT_OKX}, okx.handle_errors comment (a code-1 answer)"
CCXT_LIST = f"{sources.CCXT_OKX}, okx.fetch_open_orders comment (listed order)"
COPY_ERRORS = f"{sources.COPY_ERROR_CODES} ({sources.COPY_LABEL}: failure messages)"

# ccxt's okx.cancel_order comment, verbatim:
#   {"code":"0","data":[{"clOrdId":"","ordId":"317251910906576896","sCode":"0","sMsg":""}],"msg":""}
# ccxt's okx.cancel_orders comment: items {"clOrdId": "e123456789ec4dBC1123456ba123b45e", "ordId": "405071912345641543", "sCode": "0", "sMsg": ""}
# ccxt's okx.handle_errors comment: {"code": "1", "data": [{"clOrdId": "", "ordId": "", "sCode": "51119", "sMsg": "...", "tag": ""}], "msg": ""}
# ccxt's okx exceptions table (51155) quotes a live code-1 answer with "msg":"All operations failed".

ORDER_ID = "489093931993509888"  # the SDK's cancel_order example
BATCH_PAIR = ["489102222534488064", "489102222534488065"]  # the SDK's cancel_multiple_orders example
CCXT_ORDER_ID, CCXT_CLIENT_ID = "405071912345641543", "e123456789ec4dBC1123456ba123b45e"  # ccxt's cancel_orders comment
SECOND_CLIENT_ID = "b15"  # a clOrdId from the SDK's test_spread.py comment

# Failure messages: error-code table of the third-party copy of OKX's docs.
MESSAGES = {
    "51400": "Order cancellation failed as the order has been filled, canceled or does not exist.",
    "51401": "Cancellation failed as the order is already canceled.",
    "51402": "Cancellation failed as the order is already completed.",
    "51410": "Cancellation failed as the order is already in canceling status or pending settlement.",
    "51603": "Order does not exist.",
    "50011": "Rate limit reached. Please refer to API documentation and throttle requests accordingly.",
}

# 25 ids for the batch cassettes: the SDK's first batch id and the 24 after it.
MANY = [str(int(BATCH_PAIR[0]) + i) for i in range(25)]
CHUNKS = [MANY[:20], MANY[20:]]
MANY_FAILED = {MANY[4]: "51400", MANY[22]: "51401"}  # one failure in each request
ANONYMOUS = MANY[22]  # its failed item carries "ordId": "" (as ccxt's handle_errors comment shows): matched by position


def body(items: list[dict[str, str]] | dict[str, str]) -> str:
    import json

    return json.dumps(items, separators=(",", ":"))


def one(field: str, key: str, inst_id: str = "BTC-USDT") -> str:
    return body({"instId": inst_id, field: key})


def many(keys: list[str], field: str = "ordId", inst_id: str = "BTC-USDT") -> str:
    return body([{"instId": inst_id, field: key} for key in keys])


def ack(ord_id: str, cl_ord_id: str = "") -> dict[str, str]:
    return {"clOrdId": cl_ord_id, "ordId": ord_id, "sCode": "0", "sMsg": ""}


def fail(code: str, ord_id: str = "", cl_ord_id: str = "") -> dict[str, str]:
    return {"clOrdId": cl_ord_id, "ordId": ord_id, "sCode": code, "sMsg": MESSAGES[code], "tag": ""}


def answer(code: str, items: list[dict[str, str]]) -> dict[str, Any]:
    return {"code": code, "data": items, "msg": {"0": "", "1": "All operations failed", "2": "Bulk operation partially succeeded."}[code]}


def many_items(keys: list[str]) -> list[dict[str, str]]:
    return [fail(MANY_FAILED[k], "" if k == ANONYMOUS else k) if k in MANY_FAILED else ack(k) for k in keys]


# ccxt's okx.fetch_open_orders comment, trimmed to the fields parse_order reads, with its typos fixed
# ("px":"20 00" -> "2000", "sz":"0. 001" -> "0.001") and instId BTC-USDT.
LISTED: dict[str, Any] = {
    "accFillSz": "0", "avgPx": "", "cTime": "1621910749815", "category": "normal", "ccy": "", "clOrdId": "", "fee": "0",
    "feeCcy": "BTC", "fillPx": "", "fillSz": "0", "fillTime": "", "instId": "BTC-USDT", "instType": "SPOT", "lever": "",
    "ordId": "317251910906576896", "ordType": "limit", "pnl": "0", "posSide": "net", "px": "2000", "rebate": "0",
    "rebateCcy": "USDT", "side": "buy", "slOrdPx": "", "slTriggerPx": "", "state": "live", "sz": "0.001", "tag": "",
    "tdMode": "cash", "tpOrdPx": "", "tpTriggerPx": "", "tradeId": "", "uTime": "1621910749815",
}  # fmt: skip
LISTED_IDS = ["317251910906576898", "317251910906576897", "317251910906576896"]  # newest first, as OKX lists
LISTED_FAILED = LISTED_IDS[1]
PAGED_IDS = [str(317251910906577000 - i) for i in range(105)]  # 100 on the first page, 5 on the second


def listed(ord_id: str, **fields: str) -> dict[str, Any]:
    return {**LISTED, "ordId": ord_id, **fields}


def list_uri(after: str | None = None) -> str:
    return f"{URI_LIST}?instId=BTC-USDT&limit=100" + ("" if after is None else f"&after={after}")


# key -> (status, answer, what, note): one cancel_order("489093931993509888", "BTC/USDT") answered with an error
ERRORS: dict[str, tuple[int, Any, str, str]] = {
    "51400": (200, answer("1", [fail("51400", ORDER_ID)]), "51400 (filled, canceled or does not exist) -> InvalidOrder, not OrderNotFound", ""),
    "51401": (200, answer("1", [fail("51401", ORDER_ID)]), "51401 (already canceled) -> InvalidOrder: the order exists", ""),
    "51402": (200, answer("1", [fail("51402", ORDER_ID)]), "51402 (already completed) -> InvalidOrder: the order exists", ""),
    "51603": (200, answer("1", [fail("51603", ORDER_ID)]), "51603 (order does not exist) -> OrderNotFound", ""),
    "51410": (200, answer("1", [fail("51410", ORDER_ID)]), "51410 (already canceling) -> CancelPending (ccxt's table)", ""),
    "rate_limited": (
        429,
        {"code": "50011", "data": [], "msg": MESSAGES["50011"]},
        "HTTP 429 50011 -> RateLimitExceeded (ccxt's table)",
        "the copy's table lists 50011 under HTTP 200 and 429; a top-level code with no items, as in ccxt's handle_errors comment (58001)",
    ),
    "invalid_signature": (
        401,
        {"code": "50113", "data": [], "msg": "Invalid signature."},
        "HTTP 401 50113 -> AuthenticationError (ccxt's table)",
        "message and HTTP 401 from the copy's REST error table",
    ),
    "timestamp_expired": (
        401,
        {"code": "50102", "data": [], "msg": "Timestamp request expired."},
        "HTTP 401 50102 -> InvalidNonce (ccxt's table)",
        "message and HTTP 401 from the copy's REST error table",
    ),
}


def _error_cassettes() -> list[Cassette]:
    return [
        Cassette(
            name=f"okx/cancel_order_{key}.yaml",
            what=f"cancel one order: {what}",
            source=f"{SDK_ONE}; {CCXT_FAILED}; {COPY_ERRORS}",
            interactions=[Interaction("POST", URI_ONE, status, reply, request_body=one("ordId", ORDER_ID))],
            note=note
            or f"code-1 answer in ccxt's handle_errors shape with msg 'All operations failed', the item's ordId set to {ORDER_ID} and the copy's message for the code",
        )
        for key, (status, reply, what, note) in ERRORS.items()
    ]


CASSETTES: list[Cassette] = [
    Cassette(
        name="okx/cancel_order.yaml",
        what="cancel one spot order by ordId: sCode 0 (acknowledged, status None)",
        source=f"{SDK_ONE}; {CCXT_ONE}",
        interactions=[Interaction("POST", URI_ONE, 200, answer("0", [ack(ORDER_ID)]), request_body=one("ordId", ORDER_ID))],
        note=f"answer: ccxt's comment with ordId {ORDER_ID}",
    ),
    Cassette(
        name="okx/cancel_order_both_ids.yaml",
        what="cancel with an order id and a client id: ordId only on the wire (the precedence rule)",
        source=f"{sources.COPY_CANCEL_ORDER} ({sources.COPY_LABEL}: 'If both are passed, ordId will be used'); {CCXT_BATCH}",
        interactions=[
            Interaction("POST", URI_ONE, 200, answer("0", [ack(CCXT_ORDER_ID, CCXT_CLIENT_ID)]), request_body=one("ordId", CCXT_ORDER_ID, "BTC-USDT-SWAP"))
        ],
        note="request: BTC/USDT:USDT -> instId BTC-USDT-SWAP, ids from ccxt's cancel_orders comment; answer: that comment's item as a one-item answer",
    ),
    Cassette(
        name="okx/cancel_order_client_id.yaml",
        what="cancel by client id only (id None): clOrdId on the wire",
        source=f"{sources.SDK_TRADE}#L36-L38 (cancel_order(instId, ordId='', clOrdId='')); {CCXT_BATCH}",
        interactions=[
            Interaction("POST", URI_ONE, 200, answer("0", [ack(CCXT_ORDER_ID, CCXT_CLIENT_ID)]), request_body=one("clOrdId", CCXT_CLIENT_ID, "BTC-USDT-SWAP"))
        ],
        note="ids from ccxt's cancel_orders comment; answer: that comment's item as a one-item answer",
    ),
    *_error_cassettes(),
    Cassette(
        name="okx/cancel_orders_partial.yaml",
        what='cancel 2 orders, "code": "2": one acknowledged, one 51400: both ids come back, the second with its error',
        source=f"{SDK_BATCH}; {CCXT_BATCH}; {COPY_ERRORS}",
        interactions=[Interaction("POST", URI_BATCH, 200, answer("2", [ack(BATCH_PAIR[0]), fail("51400", BATCH_PAIR[1])]), request_body=many(BATCH_PAIR))],
        note="the SDK's two ids; items in ccxt's shape, the second failed with 51400 and the copy's message; msg 'Bulk operation partially succeeded.' from the copy's table",
    ),
    Cassette(
        name="okx/cancel_orders_25.yaml",
        what="cancel 25 orders: two requests (20 + 5), one failed item in each; all 25 ids come back",
        source=f"{sources.MM_STRATEGY}#L200 (20 per request); {SDK_BATCH}; {CCXT_BATCH}; {COPY_ERRORS}",
        interactions=[Interaction("POST", URI_BATCH, 200, answer("2", many_items(chunk)), request_body=many(chunk)) for chunk in CHUNKS],
        note=(
            f"ids: the SDK's {BATCH_PAIR[0]} and the 24 after it; failures at positions 5 (51400) and 23 (51401); "
            "the second failed item has an empty ordId, as ccxt's handle_errors comment shows for failed items"
        ),
    ),
    Cassette(
        name="okx/cancel_orders_all_failed.yaml",
        what='cancel 2 orders, "code": "1" (every item failed): the one request failed, so the call raises the first item\'s error (InvalidOrder)',
        source=f"{SDK_BATCH}; {CCXT_FAILED}; {COPY_ERRORS}",
        interactions=[
            Interaction("POST", URI_BATCH, 200, answer("1", [fail("51400", BATCH_PAIR[0]), fail("51603", BATCH_PAIR[1])]), request_body=many(BATCH_PAIR))
        ],
        note="items 51400 and 51603 with the copy's messages; msg 'All operations failed' as in the live answer ccxt's table quotes",
    ),
    Cassette(
        name="okx/cancel_orders_second_request_failed.yaml",
        what='cancel 25 orders: the first request is acknowledged, the second answers "code": "1": 25 entries, the last 5 each with its own error',
        source=f"{SDK_BATCH}; {CCXT_BATCH}; {CCXT_FAILED}; {COPY_ERRORS}",
        interactions=[
            Interaction("POST", URI_BATCH, 200, answer("0", [ack(k) for k in CHUNKS[0]]), request_body=many(CHUNKS[0])),
            Interaction(
                "POST",
                URI_BATCH,
                200,
                answer("1", [fail(code, k) for k, code in zip(CHUNKS[1], ["51400", "51401", "51402", "51603", "51410"], strict=True)]),
                request_body=many(CHUNKS[1]),
            ),
        ],
        note="second answer: one item per failure code the plugin maps (51400, 51401, 51402, 51603, 51410), messages from the copy's table",
    ),
    Cassette(
        name="okx/cancel_orders_rate_limited.yaml",
        what="cancel 25 orders: the first request gets HTTP 429 50011: the second is not sent, and the call raises RateLimitExceeded",
        source=f"{SDK_BATCH}; {COPY_ERRORS}",
        interactions=[Interaction("POST", URI_BATCH, 429, {"code": "50011", "data": [], "msg": MESSAGES["50011"]}, request_body=many(CHUNKS[0]))],
        note="one interaction: after a rate limit the plugin stops sending; HTTP 429 and the message from the copy's table",
    ),
    Cassette(
        name="okx/cancel_orders_client_ids.yaml",
        what="cancel 2 orders by client id (params clientOrderId list): clOrdId items, one acknowledged, one 51400",
        source=f"{sources.SDK_TRADE}#L41-L42; {CCXT_BATCH}; {COPY_ERRORS}",
        interactions=[
            Interaction(
                "POST",
                URI_BATCH,
                200,
                answer("2", [ack(CCXT_ORDER_ID, CCXT_CLIENT_ID), fail("51400", "", SECOND_CLIENT_ID)]),
                request_body=many([CCXT_CLIENT_ID, SECOND_CLIENT_ID], "clOrdId", "BTC-USDT-SWAP"),
            )
        ],
        note=f"client ids: ccxt's comment's {CCXT_CLIENT_ID} and the SDK test's '{SECOND_CLIENT_ID}'; the failed item names only its clOrdId",
    ),
    Cassette(
        name="okx/cancel_all_orders.yaml",
        what="cancel all BTC/USDT orders: orders-pending lists 3 (then an empty page), one batch request cancels them (one 51400): 3 entries",
        source=f"{sources.SDK_CONSTS}#L162 (orders-pending); {CCXT_LIST}; {CCXT_BATCH}; {COPY_ERRORS}",
        interactions=[
            Interaction("GET", list_uri(), 200, {"code": "0", "data": [listed(i) for i in LISTED_IDS], "msg": ""}),
            Interaction("GET", list_uri(LISTED_IDS[-1]), 200, {"code": "0", "data": [], "msg": ""}),
            Interaction(
                "POST",
                URI_BATCH,
                200,
                answer("2", [fail("51400", i) if i == LISTED_FAILED else ack(i) for i in LISTED_IDS]),
                request_body=many(LISTED_IDS),
            ),
        ],
        note="listed orders: ccxt's comment's order with three ordIds; limit=100 (the copy's Order List page: maximum and default 100)",
    ),
    Cassette(
        name="okx/cancel_all_orders_paged.yaml",
        what="cancel all BTC/USDT orders: 105 pending, listed in two pages and an empty one (after=<last ordId>), cancelled in 6 requests (5 x 20 + 5)",
        source=f"{sources.COPY_ORDER_LIST} ({sources.COPY_LABEL}: 'after', 'limit'); {CCXT_LIST}; {CCXT_BATCH}",
        interactions=[
            Interaction("GET", list_uri(), 200, {"code": "0", "data": [listed(i) for i in PAGED_IDS[:100]], "msg": ""}),
            Interaction("GET", list_uri(PAGED_IDS[99]), 200, {"code": "0", "data": [listed(i) for i in PAGED_IDS[100:]], "msg": ""}),
            Interaction("GET", list_uri(PAGED_IDS[-1]), 200, {"code": "0", "data": [], "msg": ""}),
            *[
                Interaction(
                    "POST", URI_BATCH, 200, answer("0", [ack(k) for k in PAGED_IDS[start : start + 20]]), request_body=many(PAGED_IDS[start : start + 20])
                )
                for start in range(0, len(PAGED_IDS), 20)
            ],
        ],
        note=(
            "105 copies of ccxt's comment's order with descending ordIds; every item acknowledged; the listing goes on until a page is empty "
            "(the page never says a short page is the last)"
        ),
    ),
    Cassette(
        name="okx/cancel_all_orders_none.yaml",
        what="cancel all BTC/USDT orders when none is pending: one listing, nothing cancelled, an empty list",
        source=f"{sources.SDK_CONSTS}#L162 (orders-pending); {CCXT_LIST}",
        interactions=[Interaction("GET", list_uri(), 200, {"code": "0", "data": [], "msg": ""})],
        note="an empty data list",
    ),
]
