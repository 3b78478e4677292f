"""Reading OKX v5 cancel answers: what ``sCode`` means, which ccxt class each failure gets, and which ids an answer speaks for.

Every cancel answer is ``{"code", "msg", "data": [{"ordId", "clOrdId", "ts",
"sCode", "sMsg"}]}`` (ccxt's okx ``cancel_order`` / ``cancel_orders``
comments; the SDK's ``cancel_order`` / ``cancel_multiple_orders``). The
top-level ``code`` is ``"0"``, ``"1"`` (operation failed: every item
failed) or ``"2"`` (bulk operation partially succeeded); each item's
``sCode`` says what became of that one order.

**What success means.** An ``sCode`` of ``"0"`` acknowledges the cancel
request, it does not confirm the cancel: "Cancel order returns with sCode
equal to 0. It is not strictly considered that the order has been
canceled. It only means that your cancellation request has been accepted by
the system server." (third-party copy of OKX's cancel-order page, the best
source found here: :data:`sources.COPY_CANCEL_ORDER`). OKX's own sample
market maker reads it the same way: ``sCode == '0'`` marks an order
``CXL_ACK`` and "the strategy order status will be further confirmed by OMS
update" (:data:`sources.MM_STRATEGY` L219-L235). So an acknowledged entry
has ``status: None``, never ``'canceled'``, and carries the item as ``info``.

**Error classes.** Through ccxt's okx table (``batch.item_error``), except
where that table claims more than the code says (:data:`OVERRIDES`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ccxt.base.errors import BaseError, InvalidOrder, OrderNotFound

from ccxt_cancel import batch
from ccxt_cancel.plans import ACCEPT, HttpAnswer, _Accept

ACKNOWLEDGED = "0"
# Top-level codes of a readable cancel answer (third-party copy of OKX's error-code page,
# General Class: "0 | 200 |", "1 | 200 | Operation failed.", "2 | 200 | Bulk operation partially succeeded.").
READABLE_CODES = ("0", "1", "2")
ALL_FAILED = "1"

# The rule "OrderNotFound only when the order does not exist", applied to the cancel codes
# (messages from the third-party copy of OKX's error-code page, sources.COPY_ERROR_CODES):
#   51400 "Order cancellation failed as the order has been filled, canceled or does not exist."
#         Ambiguous: the order may exist, filled. ccxt says OrderNotFound; it is never a confirmed
#         cancel either. InvalidOrder: ccxt's parent of OrderNotFound, so `except InvalidOrder`
#         still catches it, while `except OrderNotFound` (read by bots as "gone, never existed")
#         does not. OrderNotFillable, the other candidate, means an order that cannot be filled
#         and would mislead more.
#   51401 "Cancellation failed as the order is already canceled."
#   51402 "Cancellation failed as the order is already completed."
#         The order exists and is finished: not "not found" (ccxt says OrderNotFound). InvalidOrder.
#   51603 "Order does not exist." The one code that says the order does not exist: OrderNotFound.
OVERRIDES: dict[str, type[BaseError]] = {
    "51400": InvalidOrder,
    "51401": InvalidOrder,
    "51402": InvalidOrder,
    "51603": OrderNotFound,
}
ADVICE = {
    "51400": "not canceled by this call: the order may have been filled, canceled, or may not exist; check it with fetch_order",
    "51401": "not canceled by this call: the order was already canceled",
    "51402": "not canceled by this call: the order was already completed",
}


def items_of(answer: Any) -> list[Mapping[str, Any]] | None:
    """The per-order items of a cancel answer (each carries an ``sCode``), or None when it has none."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, list) or not data or not all(isinstance(item, Mapping) and "sCode" in item for item in data):
        return None
    return data


def code_of(answer: Any) -> str | None:
    code = answer.get("code") if isinstance(answer, Mapping) else None
    return None if code is None else str(code)


def item_error(exchange: Any, code: Any, message: Any, feedback: str) -> BaseError:
    """The ccxt exception for an OKX cancel code (an item's ``sCode``, or a top-level ``code``), not raised."""
    text = "" if code is None else str(code)
    kind = OVERRIDES.get(text)
    if kind is None:
        return batch.item_error(exchange, text or None, message, feedback)
    advice = ADVICE.get(text)
    error: BaseError = kind(f"{feedback} ({advice})" if advice else feedback)
    return error


def describe(exchange_id: str, method: str, field: str, key: str, item: Mapping[str, Any]) -> str:
    return f"{exchange_id} {method}() {field} {key}: {json.dumps(dict(item), separators=(',', ':'), default=str)}"


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """``Plan.on_error`` for every OKX cancel plan.

    A 2xx answer whose ``code`` is 0, 1 or 2 and whose ``data`` holds
    ``sCode`` items is handed to the plan as is (``ACCEPT``): the plan reads
    every item. ccxt's okx ``handle_errors`` would raise on the first item it
    recognises (code 1), hiding the other ids and the chunks already sent.
    Any other answer stays with ccxt's mapping, except where ccxt would raise
    ``OrderNotFound`` for a code in :data:`OVERRIDES`: it walks the items in
    order and raises the first code its table knows, and so does this.
    """
    body = answer.json
    if not isinstance(body, Mapping):
        return None
    code = code_of(body)
    items = items_of(body)
    if 200 <= answer.status < 300 and code in READABLE_CODES and items is not None:
        return ACCEPT
    exact = (getattr(exchange, "exceptions", None) or {}).get("exact") or {}
    broad = (getattr(exchange, "exceptions", None) or {}).get("broad") or {}
    feedback = f"{exchange.id} {answer.body}"
    for item in items or ():
        item_code = str(item.get("sCode"))
        if item_code in OVERRIDES:
            mapped: BaseException = item_error(exchange, item_code, item.get("sMsg"), feedback)
            return mapped
        message = str(item.get("sMsg") or "")
        if item_code in exact or any(key in message for key in broad):
            return None  # ccxt raises this item's class, as it would have
    if code in OVERRIDES:
        top: BaseException = item_error(exchange, code, body.get("msg"), feedback)
        return top
    return None


def match(items: Sequence[Mapping[str, Any]], keys: Sequence[str], wire_field: str) -> list[Mapping[str, Any] | None]:
    """The answer item for each requested key, by identity (``batch.match``), the id read from ``wire_field``.

    A failed item may name no id at all (OKX leaves ``ordId`` empty on some
    failures, as in ccxt's ``handle_errors`` comment, whose code-1 item has
    ``"ordId": ""``): only such items fall back to position.
    """
    return batch.match(items, keys, lambda item: item.get(wire_field) if isinstance(item.get(wire_field), str) else None)
