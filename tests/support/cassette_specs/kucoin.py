"""Cassettes for the kucoin room, built from KuCoin's official SDK spec (its docs pages' source).

KuCoin's docs pages were not stored here; the official universal SDK's
OpenAPI files are (sources.SDK / sources.SPOT_SDK, commit 78c90c7): each
endpoint's path, parameters, ``x-api-doc`` page, ``x-request-example`` and
``x-response-example`` (the docs pages' examples). Requests and answers are
those examples; the account-mode answer is the field ccxt 4.5.90's
``is_uta_enabled`` reads. Every adaptation is in the cassette's note.
"""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel.builtins.kucoin import sources
from tests.support.cassette_factory import Cassette, Interaction

FUTURES = "https://api-futures.kucoin.com/api"
SPOT = "https://api.kucoin.com/api"
MODE_URI = "https://api.kucoin.com/api/ua/v1/account/mode"
ORDER_ID = "235303670076489728"  # the futures cancel-by-orderId response example
CLIENT_ID = "017485b0-2957-4681-8a14-5d46b35aee0d"  # the futures cancel-by-clientOid response example (symbol XBTUSDTM)
BATCH_ID = "250445104152670209"  # the multi-cancel request example's first id
ALL_IDS = ["235919172150824960", "235919172150824961"]  # the v3 cancel-all response example
HF_ID = "671124f9365ccb00073debd4"  # the spot HF cancel-by-orderId example (BTC-USDT)
CLASSIC_ID = "674a97dfef434f0007efc431"  # the classic spot cancel-by-orderId example
CLASSIC_CLIENT_ID, CLASSIC_CANCELLED = "5c52e11203aa677f331e493fb", "67c3252a63d25e0007f91de9"  # the classic cancel-by-clientOid example
MANY = [str(int(BATCH_ID) + n) for n in range(25)]
CHUNKS = [MANY[:10], MANY[10:20], MANY[20:]]
FAILED = {MANY[0]: "100004", MANY[13]: "100004", MANY[24]: "100004"}
FILLED = "Order has been filled or cancelled"


def ok(data: Any) -> dict[str, Any]:
    return {"code": "200000", "data": data}


def item(order_id: str) -> dict[str, Any]:
    if order_id in FAILED:
        return {"orderId": order_id, "clientOid": None, "code": FAILED[order_id], "msg": FILLED}
    return {"orderId": order_id, "clientOid": None, "code": "200", "msg": "success"}


def multi(ids: list[str]) -> Interaction:
    body = json.dumps({"orderIdsList": ids}, separators=(",", ":"))
    return Interaction("DELETE", f"{FUTURES}/v1/orders/multi-cancel", 200, ok([item(i) for i in ids]), request_body=body)


MODE = Interaction("GET", MODE_URI, 200, ok({"selfAccountMode": "CLASSIC"}))
BY_ID = Interaction("DELETE", f"{FUTURES}/v1/orders/{ORDER_ID}", 200, ok({"cancelledOrderIds": [ORDER_ID]}))

CASSETTES: list[Cassette] = [
    Cassette(
        name="kucoin/cancel_order_fresh_both_ids.yaml",
        what="fresh kucoinfutures, both ids: the account mode once, then DELETE /api/v1/orders/{orderId} (the order id wins)",
        source=f"{sources.FUTURES_CANCEL_BY_ID} via {sources.SDK}; {sources.ACCOUNT_MODE}",
        interactions=[MODE, BY_ID],
        note="cancel answer: the page's response example; mode answer: the field ccxt reads, CLASSIC",
    ),
    Cassette(
        name="kucoin/cancel_order_client_id.yaml",
        what="client id alone: DELETE /api/v1/orders/client-order/{clientOid}?symbol=XRPUSDTM",
        source=f"{sources.FUTURES_CANCEL_BY_CLIENT} via {sources.SDK}",
        interactions=[
            Interaction("DELETE", f"{FUTURES}/v1/orders/client-order/{CLIENT_ID}?symbol=XBTUSDTM", 200, ok({"clientOid": CLIENT_ID})),
        ],
        note="request and answer: the page's examples (symbol XBTUSDTM, the answer's clientOid)",
    ),
    Cassette(
        name="kucoin/cancel_orders_25.yaml",
        what="25 ids: three multi-cancels of 10, 10 and 5; a 100004 item in each keeps its id and error",
        source=f"{sources.FUTURES_BATCH} via {sources.SDK} (items orderId, clientOid, code, msg); limit: {sources.FUTURES_BATCH_LIMIT_QUOTE}",
        interactions=[multi(chunk) for chunk in CHUNKS],
        note="items in the response example's shape (code 200, msg success); ids: the request example's first id and the 24 after it; failed items' code 100004 and msg as issue 23 measured them",
    ),
    Cassette(
        name="kucoin/cancel_all_orders.yaml",
        what="cancel-all by symbol: DELETE /api/v3/orders?symbol=XBTUSDTM (symbol required: never wider)",
        source=f"{sources.FUTURES_CANCEL_ALL} via {sources.SDK}",
        interactions=[Interaction("DELETE", f"{FUTURES}/v3/orders?symbol=XBTUSDTM", 200, ok({"cancelledOrderIds": ALL_IDS}))],
        note="request and answer: the page's examples",
    ),
    Cassette(
        name="kucoin/cancel_order_filled.yaml",
        what="cancel one order already filled or canceled: 100004 -> InvalidOrder",
        source=f"{sources.FUTURES_CANCEL_BY_ID} via {sources.SDK}; {sources.ERRORS_QUOTE}",
        interactions=[Interaction("DELETE", f"{FUTURES}/v1/orders/{ORDER_ID}", 200, {"code": "100004", "msg": FILLED})],
        note="error body: the code and message issue 23 measured, in KuCoin's {code, msg} error shape",
    ),
    Cassette(
        name="kucoin/spot_hf_cancel_order.yaml",
        what="spot HF (hf True): DELETE /api/v1/hf/orders/{orderId}?symbol=BTC-USDT, acknowledged (status None)",
        source=f"{sources.SPOT_HF_CANCEL_BY_ID} via {sources.SPOT_SDK}; {sources.SPOT_ACK_QUOTE}",
        interactions=[Interaction("DELETE", f"{SPOT}/v1/hf/orders/{HF_ID}?symbol=BTC-USDT", 200, ok({"orderId": HF_ID}))],
        note="request and answer: the page's examples",
    ),
    Cassette(
        name="kucoin/spot_classic_cancel_orders.yaml",
        what="classic spot batch (no batch endpoint): one DELETE /api/v1/orders/{orderId} per id, then by client id",
        source=f"{sources.SPOT_CLASSIC_CANCEL_BY_ID} and {sources.SPOT_CLASSIC_CANCEL_BY_CLIENT} via {sources.SPOT_SDK}",
        interactions=[
            Interaction("DELETE", f"{SPOT}/v1/orders/{CLASSIC_ID}", 200, ok({"cancelledOrderIds": [CLASSIC_ID]})),
            Interaction(
                "DELETE",
                f"{SPOT}/v1/order/client-order/{CLASSIC_CLIENT_ID}",
                200,
                ok({"cancelledOrderId": CLASSIC_CANCELLED, "clientOid": CLASSIC_CLIENT_ID, "cancelledOcoOrderIds": None}),
            ),
        ],
        note="requests and answers: the pages' examples; one cassette for a one-id batch by order id and a cancel by client id",
    ),
]
