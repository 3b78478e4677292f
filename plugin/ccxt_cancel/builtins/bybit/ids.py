"""Which order(s) a Bybit v5 cancel names: ``orderId`` or ``orderLinkId``, checked before anything is sent.

The cancel pages: "You must specify ``orderId`` or ``orderLinkId`` to cancel
the order" and "If ``orderId`` and ``orderLinkId`` do not match, the system
will process ``orderId`` first". ccxt's unified client id is
``params['clientOrderId']``; Bybit's field is ``orderLinkId`` (ccxt 4.5 sends
``clientOrderId`` to Bybit unchanged). Both spellings are read here.

With both an order id and a client id, only ``orderId`` is sent. The page
says ``orderId`` wins, so the client id could change nothing, and "process
orderId first" leaves open whether Bybit falls back to ``orderLinkId`` when
``orderId`` is unknown: sending ``orderId`` alone keeps the outcome about the
order the caller named by id.

Order ids are Bybit's strings (digits on spot, UUIDs on derivatives); the
docs give no format, so any visible ASCII is accepted (except the text of a
missing id: ``None``, ``null``, ``undefined``). Client ids follow the
documented rule (create-order.mdx: "A max of 36 characters. Combinations of
numbers, letters (upper and lower cases), dashes, and underscores"): an
order with any other client id cannot exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import batch, checks

CLIENT_ID_KEYS = ("clientOrderId", "orderLinkId")  # ccxt's unified name, then Bybit's own
CLIENT_LIST_KEYS = ("clientOrderIds", "clientOids")  # what ccxt's bybit.cancel_orders reads
# Ids a cancel-all never takes (its page lists none), single and batch spellings, ccxt's and Bybit's.
ORDER_ID_KEYS = ("orderId", *CLIENT_ID_KEYS, *CLIENT_LIST_KEYS, "orderIds", "request")
CLIENT_ID_RULE = re.compile(r"[A-Za-z0-9_-]{1,36}")
ORDER_ID_RULE = re.compile(r"[\x21-\x7e]+")  # visible ASCII: no space, no control character
MISSING_TEXT = checks.MISSING_TEXT


def order_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    """An order id as Bybit's string: a non-negative int or a string of visible ASCII."""
    if type(value) is str and ORDER_ID_RULE.fullmatch(value) and value not in MISSING_TEXT:
        return value
    if value is None:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires {name}")
    if type(value) is int and value >= 0:
        return str(value)
    raise BadRequest(f"{exchange_id} {method}() {name} must be a Bybit order id (a string of visible ASCII characters, or a non-negative int), got {value!r}")


def client_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    text = str(value) if type(value) is int and value >= 0 else value
    if not isinstance(text, str) or not CLIENT_ID_RULE.fullmatch(text) or text in MISSING_TEXT:
        raise BadRequest(
            f"{exchange_id} {method}() {name} must be a Bybit orderLinkId: at most 36 letters, digits, dashes or underscores (create-order page), got {value!r}"
        )
    return text


def one_client_id(exchange_id: str, method: str, params: Mapping[str, Any]) -> str | None:
    """The client id in params (``clientOrderId`` or ``orderLinkId``), or None; two different ones are refused."""
    found = {key: client_id(exchange_id, method, f"params[{key!r}]", params[key]) for key in CLIENT_ID_KEYS if key in params}
    values = set(found.values())
    if len(values) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client ids {found!r}; pass one")
    return values.pop() if values else None


def one_order_id(exchange_id: str, method: str, id: Any, params: Mapping[str, Any]) -> str | None:
    """The order id: the ``id`` argument, or ``params['orderId']`` (which ccxt passes through); two different ones are refused."""
    given = None if checks.no_order_id(id) else order_id(exchange_id, method, "id", id)
    if "orderId" not in params:
        return given
    other = order_id(exchange_id, method, "params['orderId']", params["orderId"])
    if given is not None and given != other:
        raise BadRequest(f"{exchange_id} {method}() id {id!r} and params['orderId'] {params['orderId']!r} differ; pass one")
    return other


def key_for_one(exchange_id: str, method: str, id: Any, params: Mapping[str, Any]) -> tuple[str, str]:
    """``("orderId", id)`` or ``("orderLinkId", client id)``: what a single cancel sends; ArgumentsRequired when neither."""
    if not params:  # the common call: cancel_order(id, symbol)
        if checks.no_order_id(id):
            raise ArgumentsRequired(f"{exchange_id} {method}() requires an order id, or params['clientOrderId'] (Bybit's orderLinkId) when id is None")
        return "orderId", order_id(exchange_id, method, "id", id)
    oid = one_order_id(exchange_id, method, id, params)
    cid = one_client_id(exchange_id, method, params)
    if oid is not None:
        return "orderId", oid  # the page: orderId is processed first; the client id is not sent
    if cid is not None:
        return "orderLinkId", cid
    raise ArgumentsRequired(f"{exchange_id} {method}() requires an order id, or params['clientOrderId'] (Bybit's orderLinkId) when id is None")


def keys_for_batch(exchange_id: str, method: str, ids: Any, params: Mapping[str, Any]) -> tuple[str, list[str]]:
    """``("orderId", ids)`` or ``("orderLinkId", client ids)`` for a batch, unique, in the caller's order."""
    if ids is not None and not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange_id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    order_ids = []
    for index, value in enumerate(ids or ()):
        if value is None:
            raise BadRequest(f"{exchange_id} {method}() ids[{index}] is None; every entry must be an order id")
        order_ids.append(order_id(exchange_id, method, f"ids[{index}]", value))
    lists: dict[str, list[str]] = {}
    for key in CLIENT_LIST_KEYS:
        if key in params:
            value = params[key]
            if not isinstance(value, (list, tuple)):
                raise BadRequest(f"{exchange_id} {method}() params[{key!r}] must be a list of client order ids, got {type(value).__name__}")
            lists[key] = [client_id(exchange_id, method, f"params[{key!r}][{i}]", item) for i, item in enumerate(value)]
    if len({tuple(v) for v in lists.values()}) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client-id lists; pass one of {CLIENT_LIST_KEYS}")
    client_ids = next(iter(lists.values()), [])
    if order_ids and client_ids:
        # ccxt would cancel both lists in one request; the batch rule needs one kind of key per call.
        raise BadRequest(f"{exchange_id} {method}() takes order ids or params['clientOrderIds'], not both; make two calls")
    if order_ids:
        return "orderId", batch.unique_keys(exchange_id, method, "ids", order_ids)
    if client_ids:
        return "orderLinkId", batch.unique_keys(exchange_id, method, "params['clientOrderIds']", client_ids)
    raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty ids list, or params['clientOrderIds'] (Bybit's orderLinkId) when ids is empty")
