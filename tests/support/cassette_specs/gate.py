"""Cassettes for the gate plugin, built from Gate's official SDK docs (gate/gateapi-python 7.2.57).

Requests: the SDK's examples (``docs/SpotApi.md`` ``cancel_order(order_id='12345',
currency_pair='BTC_USDT')``, ``docs/FuturesApi.md`` ``cancel_futures_order('usdt',
'12345')``, ``cancel_batch_future_orders('usdt', ["1","2","3"])``,
``cancel_futures_orders('usdt', contract='BTC_USDT')``) as ccxt's gate ``sign``
puts them on the wire (query sorted, compact JSON bodies). Answers: the fields of
the model pages (``Order.md``, ``FuturesOrder.md``, ``FutureCancelOrderResult.md``)
with the values named in each note; error bodies in the ``{"label", "message"}``
shape ccxt's gate ``handle_errors`` comment quotes. Every adaptation is in the
cassette's note.
"""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel.builtins.gate import sources
from tests.support.cassette_factory import Cassette, Interaction

BASE = "https://api.gateio.ws/api/v4"
ORDER_ID = "12345"  # the SDK's order_id example
CLIENT_ID = "t-abc"  # a text that follows Order.md's rule (t- prefix)
SPOT_ONE = f"{sources.SPOT_API} (cancel_order example)"
FUTURES_ONE = f"{sources.FUTURES_API} (cancel_futures_order example)"
FUTURES_BATCH = f"{sources.FUTURES_API} (cancel_batch_future_orders example; {sources.FUTURES_BATCH_LIMIT!r})"
FUTURES_ALL = f"{sources.FUTURES_API} (cancel_futures_orders example)"
CCXT_ERRORS = f"{sources.CCXT_GATE}, gate.handle_errors comment ({{'label': 'ORDER_NOT_FOUND', 'message': 'Order not found'}})"

MANY = [str(1 + n) for n in range(25)]  # the SDK's batch example ids "1", "2", "3" continued to 25
CHUNKS = [MANY[:20], MANY[20:]]
MANY_FAILED = {"5", "23"}  # one failure in each request
PARTIAL = ["1", "2", "3"]  # the SDK's batch example


def spot_order(order_id: str = ORDER_ID, text: str = CLIENT_ID, **fields: Any) -> dict[str, Any]:
    return {
        "id": order_id, "text": text, "currency_pair": "BTC_USDT", "type": "limit", "account": "spot", "side": "buy",
        "amount": "0.001", "price": "65000", "left": "0.001", "filled_amount": "0", "status": "cancelled", "finish_as": "cancelled", **fields,
    }  # fmt: skip


def futures_order(order_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": order_id,
        "contract": "BTC_USDT",
        "size": 1,
        "left": 1,
        "price": "65000",
        "text": "t-abc",
        "status": "finished",
        "finish_as": "cancelled",
        **fields,
    }


def result(order_id: str, failed: bool) -> dict[str, Any]:
    return {"id": order_id, "user_id": 10001, "succeeded": not failed, "message": "ORDER_NOT_FOUND" if failed else ""}


def ids_body(ids: list[str]) -> str:
    return json.dumps(ids, separators=(",", ":"))


def spot_uri(path_id: str) -> str:
    return f"{BASE}/spot/orders/{path_id}?currency_pair=BTC_USDT"


ERRORS = {
    "not_found": (400, {"label": "ORDER_NOT_FOUND", "message": "Order not found"}, "ORDER_NOT_FOUND -> OrderNotFound"),
    "finished": (400, {"label": "ORDER_FINISHED", "message": "Order finished"}, "ORDER_FINISHED -> InvalidOrder (ccxt: plain ExchangeError)"),
    "rate_limited": (429, {"label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded"}, "TOO_MANY_REQUESTS -> RateLimitExceeded"),
}

CASSETTES: list[Cassette] = [
    Cassette(
        name="gate/cancel_order.yaml",
        what="cancel one spot order by id on a fresh exchange: one DELETE, no account (unknown mode), the answer confirms 'cancelled'",
        source=f"{SPOT_ONE}; {sources.ORDER_MODEL} (answer fields); {sources.SPOT_CANCEL_DEFAULT!r}",
        interactions=[Interaction("DELETE", spot_uri(ORDER_ID), 200, spot_order())],
        note="answer: Order.md fields with status/finish_as 'cancelled', amount/price chosen for the example",
    ),
    Cassette(
        name="gate/cancel_order_client_id.yaml",
        what="cancel by client id alone (id ''): the t- text in the path, one request",
        source=f"{SPOT_ONE} ({sources.ORDER_ID_PATH!r}); {sources.ORDER_MODEL} ({sources.TEXT_RULE!r})",
        interactions=[Interaction("DELETE", spot_uri(CLIENT_ID), 200, spot_order())],
        note="the SDK example's order_id replaced by a custom text, as its order_id description allows",
    ),
    Cassette(
        name="gate/cancel_order_empty_id.yaml",
        what="cancel_order('', 'BTC/USDT') without a client id: ArgumentsRequired, nothing sent (no interaction)",
        source=f"{sources.SPOT_API} (DELETE /spot/orders is 'Cancel all open orders in specified currency pair')",
        interactions=[],
        note="no request may be sent: any request would fail to match",
    ),
    Cassette(
        name="gate/cancel_order_futures_filled.yaml",
        what="cancel one USDT perpetual order that had filled: the answer says finish_as 'filled' -> status 'closed', not 'canceled'",
        source=f"{FUTURES_ONE}; {sources.FUTURES_ORDER_MODEL} ({sources.FUTURES_STATUS!r})",
        interactions=[Interaction("DELETE", f"{BASE}/futures/usdt/orders/{ORDER_ID}", 200, futures_order(int(ORDER_ID), finish_as="filled", left=0))],
        note="FuturesOrder.md fields, finish_as 'filled' and left 0",
    ),
    *[
        Cassette(
            name=f"gate/cancel_order_{key}.yaml",
            what=f"cancel one spot order: {what}",
            source=f"{SPOT_ONE}; {CCXT_ERRORS}",
            interactions=[Interaction("DELETE", spot_uri(ORDER_ID), status, answer)],
            note=f"HTTP {status}; label and message in the shape of ccxt's handle_errors comment",
        )
        for key, (status, answer, what) in ERRORS.items()
    ],
    Cassette(
        name="gate/cancel_orders_partial.yaml",
        what="cancel 3 USDT perpetual orders: 1 and 3 succeed, 2 is ORDER_NOT_FOUND: every id back, 2 with OrderNotFound",
        source=f"{FUTURES_BATCH}; {sources.FUTURE_CANCEL_RESULT} ({sources.BATCH_RESULT!r})",
        interactions=[
            Interaction("POST", f"{BASE}/futures/usdt/batch_cancel_orders", 200, [result(i, i == "2") for i in PARTIAL], request_body=ids_body(PARTIAL))
        ],
        note="the SDK's ids; the failed item's message is the label (FutureCancelOrderResult has no label field); user_id invented",
    ),
    Cassette(
        name="gate/cancel_orders_25.yaml",
        what="cancel 25 USDT perpetual orders: two requests (20 + 5), one failure in each; all 25 ids come back",
        source=f"{FUTURES_BATCH}; {sources.FUTURE_CANCEL_RESULT}",
        interactions=[
            Interaction("POST", f"{BASE}/futures/usdt/batch_cancel_orders", 200, [result(i, i in MANY_FAILED) for i in chunk], request_body=ids_body(chunk))
            for chunk in CHUNKS
        ],
        note="ids 1..25 (the SDK's example continued); failures at ids 5 and 23",
    ),
    Cassette(
        name="gate/cancel_all_orders.yaml",
        what="cancel all BTC/USDT:USDT orders: DELETE /futures/usdt/orders?contract=BTC_USDT lists the 2 canceled orders",
        source=f"{FUTURES_ALL}; {sources.FUTURES_ORDER_MODEL}",
        interactions=[Interaction("DELETE", f"{BASE}/futures/usdt/orders?contract=BTC_USDT", 200, [futures_order(111), futures_order(112, text="t-def")])],
        note="two FuturesOrder.md items with status 'finished', finish_as 'cancelled'",
    ),
]
