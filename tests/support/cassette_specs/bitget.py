"""Cassettes for the bitget room (classic v2), built from Bitget's API pages (ccxt_cancel.builtins.bitget.sources).

Pages read 2026-12-05 (they carry no version number). Requests are what the
room sends through ccxt's bitget ``sign``: a compact JSON body (ccxt's
``json()``), keys in the room's order; auth headers (``ACCESS-*``) are
filtered. Answers are the pages' examples; where an example's ids disagree
with its own request, or a failure needs a code the page does not show, the
cassette's note says what was adapted. The pages do not say which HTTP status
carries an error code; 400 is assumed (what ccxt's handle_errors reads either way).
"""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel.builtins.bitget import sources
from tests.support.cassette_factory import Cassette, Interaction

HOST = "https://api.bitget.com/api"
URI_SPOT_ONE = f"{HOST}/v2/spot/trade/cancel-order"
URI_SPOT_BATCH = f"{HOST}/v2/spot/trade/batch-cancel-order"
URI_SPOT_ALL = f"{HOST}/v2/spot/trade/cancel-symbol-order"
URI_MIX_ONE = f"{HOST}/v2/mix/order/cancel-order"
URI_MIX_BATCH = f"{HOST}/v2/mix/order/batch-cancel-orders"
READ = f" ({sources.READ})"


def body(value: Any) -> str:
    """The request body as ccxt's bitget.sign sends it: compact JSON, keys in the room's order."""
    return json.dumps(value, separators=(",", ":"))


def ok(data: Any, time: int = 1695808949356) -> dict[str, Any]:
    return {"code": "00000", "msg": "success", "requestTime": time, "data": data}


# --- cancel one --------------------------------------------------------------------------------------------
# Spot Cancel-Order page: request {"symbol": "BTCUSDT", "orderId": "121211212122"}; answer data {"orderId": "121211212122", "clientOid": "xx001"}.
SPOT_ORDER_ID, SPOT_CLIENT_ID = "121211212122", "xx001"
SPOT_ONE_ANSWER = {"code": "00000", "msg": "success", "requestTime": 1234567891234, "data": {"orderId": SPOT_ORDER_ID, "clientOid": SPOT_CLIENT_ID}}
# Futures Cancel-Order page: request orderId "1"; answer data {"orderId": "123", "clientOid": ""}. The request here names "123".
MIX_ORDER_ID, MIX_CLIENT_ID = "123", "cid-222"
MIX_ONE_ANSWER = {"code": "00000", "data": {"orderId": MIX_ORDER_ID, "clientOid": ""}, "msg": "success", "requestTime": "1627293504612"}

# --- batches -----------------------------------------------------------------------------------------------
# Futures Batch-Cancel-Orders page's example answer, verbatim: one success, one failure ("notExistend").
PAGE_SUCCESS = {"orderId": "121211212122", "clientOid": "BITGET#121211212122"}
PAGE_FAILURE = {"orderId": "232", "clientOid": "321342", "errorMsg": "notExistend"}
PARTIAL_IDS = [PAGE_SUCCESS["orderId"], PAGE_FAILURE["orderId"]]
MIX_PARTIAL_ANSWER = {"code": "00000", "data": {"successList": [PAGE_SUCCESS], "failureList": [PAGE_FAILURE]}, "msg": "success", "requestTime": "1627293504612"}

# 60 spot ids from the spot page's example id: 50 + 10. Every 7th fails with 43001 (ccxt's table: OrderNotFound).
MANY = [str(int(SPOT_ORDER_ID) + n) for n in range(60)]
MANY_FAILED = {key for n, key in enumerate(MANY) if n % 7 == 3}
NOT_FOUND = {"errorCode": "43001", "errorMsg": "Order does not exist"}


def spot_batch_answer(keys: list[str]) -> dict[str, Any]:
    return ok(
        {
            "successList": [{"orderId": k, "clientOid": ""} for k in keys if k not in MANY_FAILED],
            "failureList": [{"orderId": k, "clientOid": "", **NOT_FOUND} for k in keys if k in MANY_FAILED],
        }
    )


# --- cancel all --------------------------------------------------------------------------------------------
# Spot Cancel-Symbol-Orders page: answer data {"symbol": "BGBUSDT"}; the request here names BGBUSDT so the two agree.
SPOT_ALL_ANSWER = {"code": "00000", "msg": "success", "requestTime": 1698313139948, "data": {"symbol": "BGBUSDT"}}

SPOT_ONE_SRC = f"{sources.SPOT_CANCEL}{READ}"
MIX_ONE_SRC = f"{sources.MIX_CANCEL}{READ}: '{sources.ID_PRECEDENCE}'"
SPOT_BATCH_SRC = f"{sources.SPOT_BATCH}{READ}: '{sources.BATCH_LIMIT_QUOTE}'"
MIX_BATCH_SRC = f"{sources.MIX_BATCH}{READ}"
CODES_SRC = f"{sources.CCXT_BITGET}; {sources.NPM_SDK} ({sources.NPM_SDK_QUOTE})"

CASSETTES: list[Cassette] = [
    Cassette(
        name="bitget/cancel_order.yaml",
        what="cancel one spot order by orderId: acknowledged (status None)",
        source=SPOT_ONE_SRC,
        interactions=[Interaction("POST", URI_SPOT_ONE, 200, SPOT_ONE_ANSWER, body({"symbol": "BTCUSDT", "orderId": SPOT_ORDER_ID}))],
    ),
    Cassette(
        name="bitget/cancel_order_both_ids.yaml",
        what="cancel a USDT-M order given an order id and a client id: orderId only on the wire (it prevails)",
        source=MIX_ONE_SRC,
        interactions=[
            Interaction("POST", URI_MIX_ONE, 200, MIX_ONE_ANSWER, body({"symbol": "BTCUSDT", "orderId": MIX_ORDER_ID, "productType": "USDT-FUTURES"}))
        ],
        note='request: orderId "123" (the page\'s request says "1", its answer "123"); productType as the page\'s table spells it',
    ),
    Cassette(
        name="bitget/cancel_order_client_id.yaml",
        what="cancel one spot order by client id alone (id None): clientOid on the wire",
        source=SPOT_ONE_SRC,
        interactions=[Interaction("POST", URI_SPOT_ONE, 200, SPOT_ONE_ANSWER, body({"symbol": "BTCUSDT", "clientOid": SPOT_CLIENT_ID}))],
        note="request: the page's clientOid xx001 in place of its orderId",
    ),
    Cassette(
        name="bitget/cancel_order_22001.yaml",
        what="cancel one spot order: 22001 No order to cancel -> OrderNotFound",
        source=f"{SPOT_ONE_SRC} (request); {sources.UTA_ERROR_CODES} ('{sources.NO_ORDER_QUOTE}')",
        interactions=[
            Interaction(
                "POST",
                URI_SPOT_ONE,
                400,
                {"code": "22001", "msg": "No order to cancel", "requestTime": 1234567891234, "data": None},
                body({"symbol": "BTCUSDT", "orderId": SPOT_ORDER_ID}),
            )
        ],
        note="error body in Bitget's common answer shape; HTTP 400 assumed",
    ),
    Cassette(
        name="bitget/cancel_orders_partial.yaml",
        what="cancel 2 USDT-M orders: one success, one failure: both ids come back, the failed one with its errorMsg",
        source=MIX_BATCH_SRC,
        interactions=[
            Interaction(
                "POST",
                URI_MIX_BATCH,
                200,
                MIX_PARTIAL_ANSWER,
                body({"symbol": "BTCUSDT", "orderIdList": [{"orderId": k} for k in PARTIAL_IDS], "productType": "USDT-FUTURES"}),
            )
        ],
        note="answer: the page's example verbatim; request: its two orderIds",
    ),
    Cassette(
        name="bitget/cancel_orders_60.yaml",
        what="cancel 60 spot orders: 2 requests (50 + 10), all 60 ids back in order, each failed one with its error",
        source=f"{SPOT_BATCH_SRC}; {CODES_SRC} (43001)",
        interactions=[
            Interaction("POST", URI_SPOT_BATCH, 200, spot_batch_answer(part), body({"symbol": "BTCUSDT", "orderList": [{"orderId": k} for k in part]}))
            for part in (MANY[:50], MANY[50:])
        ],
        note="ids: the page's example id and the 59 after it; failures (every 7th) carry 43001 'Order does not exist' in the page's failureList shape",
    ),
    Cassette(
        name="bitget/cancel_all_orders_spot.yaml",
        what="cancel all spot orders of BGB/USDT: the answer names the symbol only, so no order comes back",
        source=f"{sources.SPOT_CANCEL_ALL}{READ}: {sources.SPOT_CANCEL_ALL_QUOTE}",
        interactions=[Interaction("POST", URI_SPOT_ALL, 200, SPOT_ALL_ANSWER, body({"symbol": "BGBUSDT"}))],
        note="request: the answer's symbol BGBUSDT (the page's request example says BTCUSDT)",
    ),
    Cassette(
        name="bitget/cancel_all_orders_futures.yaml",
        what="cancel all USDT-M orders of BTC/USDT:USDT: each listed order comes back, the failed one with its error",
        source=MIX_BATCH_SRC,
        interactions=[Interaction("POST", URI_MIX_BATCH, 200, MIX_PARTIAL_ANSWER, body({"symbol": "BTCUSDT", "productType": "USDT-FUTURES"}))],
        note="answer: the page's example verbatim; request: no orderIdList (cancel by symbol and product type)",
    ),
    Cassette(
        name="bitget/cancel_all_orders_product_type.yaml",
        what="cancel every USDT-M order (no symbol, params productType): one request by product type",
        source=f"{MIX_BATCH_SRC}: 'can be used to cancel by product type and trading pair'",
        interactions=[Interaction("POST", URI_MIX_BATCH, 200, MIX_PARTIAL_ANSWER, body({"productType": "USDT-FUTURES"}))],
        note="answer: the page's example verbatim",
    ),
]
