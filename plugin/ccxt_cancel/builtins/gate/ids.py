"""Id rules: the order id wins and goes in the path; a client id alone goes in the path as its ``t-`` text (sources.ORDER_ID_PATH, sources.TEXT_RULE).

Every id lands in a URL path, so each must be path-safe: only the characters
Gate allows in a ``text`` ([0-9A-Za-z_.-]), never empty, never the text of a
missing id. A path ending in ``/orders/`` (Gate's cancel-all) can never be built.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import checks

CLIENT_KEYS = ("clientOrderId", "text")
PATH_SAFE = re.compile(r"[0-9A-Za-z_.\-]{1,64}")
TEXT = re.compile(r"t-[0-9A-Za-z_.\-]{1,28}")
PREFIX = "t-"


def order_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    return checks.text_id(exchange_id, method, name, value, PATH_SAFE, "1-64 characters of 0-9, A-Z, a-z, '_', '-' or '.' (it goes in the URL path)")


def client_text(exchange_id: str, method: str, name: str, value: Any) -> str:
    """The client id as Gate's ``text``: ``t-`` added when missing (as ccxt's createOrder does), then Gate's text rule."""
    if not isinstance(value, str) or not value:
        raise BadRequest(f"{exchange_id} {method}() {name} must be a non-empty string, got {value!r}")
    checks.not_missing_text(exchange_id, method, name, value)
    text = value if value.startswith(PREFIX) else PREFIX + value
    if TEXT.fullmatch(text) is None:
        raise BadRequest(f"{exchange_id} {method}() {name} {value!r}: Gate's text is 't-' + at most 28 characters of 0-9, A-Z, a-z, '_', '-' or '.'")
    return text


def client_id(exchange_id: str, method: str, params: dict[str, Any]) -> str | None:
    """The client id from params (consumed), or None; two different ones are refused (``checks.one_client_id``)."""
    return checks.one_client_id(exchange_id, method, params, CLIENT_KEYS, lambda name, value: client_text(exchange_id, method, name, value))


def one(exchange_id: str, method: str, id: Any, params: dict[str, Any]) -> tuple[str, str]:
    """(unified field, path id): the order id when given (it wins), else the client id as ``t-`` text."""
    cid = client_id(exchange_id, method, params)
    check = partial(order_id, exchange_id, method)
    return checks.order_id_wins(exchange_id, method, id, cid, check, ("id", "clientOrderId"), "params['clientOrderId'] / params['text']")


def many(exchange_id: str, method: str, ids: Any, params: dict[str, Any]) -> list[str]:
    """The order ids of a batch (client-id batches are refused: the futures batch page takes order ids only)."""
    if "clientOrderIds" in params:
        raise BadRequest(f"{exchange_id} {method}() params['clientOrderIds'] is not supported on Gate batches; pass order ids")
    if not isinstance(ids, (list, tuple)) or not ids:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty list of order ids")
    return [order_id(exchange_id, method, f"ids[{n}]", value) for n, value in enumerate(ids)]
