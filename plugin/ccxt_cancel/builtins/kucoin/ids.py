"""Id rules: the order id wins, a client id alone uses the client-order path, missing ids send nothing.

Ids go into URL paths (``/orders/{orderId}``), so an id must be a path-safe
token: letters, digits, ``-`` and ``_`` (KuCoin order ids are hex; its
client-id pages recommend a UUID). Anything else (``/``, ``?``, spaces) is
refused before a request exists, so no id can reshape the path.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import checks

CLIENT_KEYS = ("clientOrderId", "clientOid")
CLIENT_LIST_KEYS = ("clientOrderIds", "clientOids")
# Id keys in params, by the calls they belong to: a single cancel's, a batch's; a cancel-all takes neither (its page lists none).
SINGLE_KEYS = ("orderId", *CLIENT_KEYS)
LIST_KEYS = (*CLIENT_LIST_KEYS, "orderIdsList", "clientOidsList")
ORDER_ID_KEYS = (*SINGLE_KEYS, *LIST_KEYS)
SAFE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def text_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    return checks.text_id(exchange_id, method, name, value, SAFE, "1-64 letters, digits, '-' or '_' (it goes into the URL path)")


def client_id(exchange_id: str, method: str, params: dict[str, Any]) -> str | None:
    """The client id from params (consumed), or None; two different ones are refused (``checks.one_client_id``)."""
    return checks.one_client_id(exchange_id, method, params, CLIENT_KEYS, lambda name, value: text_id(exchange_id, method, name, value))


def one(exchange_id: str, method: str, id: Any, params: dict[str, Any]) -> tuple[str, str]:
    """(wire field, key): ``orderId`` when an order id is given (it wins), else ``clientOid``."""
    cid = client_id(exchange_id, method, params)
    check = partial(text_id, exchange_id, method)
    return checks.order_id_wins(exchange_id, method, id, cid, check, ("orderId", "clientOid"), "params['clientOrderId'] / params['clientOid']")


def many(exchange_id: str, method: str, ids: Any, params: dict[str, Any]) -> tuple[str, list[str]]:
    """(wire field, keys): the order ids, else the client ids of params['clientOrderIds'] / params['clientOids']; never both in one body."""
    order_ids, clients = checks.batch_ids(exchange_id, method, ids, params, CLIENT_LIST_KEYS, partial(text_id, exchange_id, method))
    if order_ids and clients:
        # KuCoin's own rule (orderIdsList prevails) would silently drop the client ids: the caller must choose.
        raise BadRequest(f"{exchange_id} {method}() got both ids and params['clientOrderIds']; pass one list (KuCoin would ignore the client ids)")
    if order_ids:
        return "orderId", order_ids
    if clients:
        return "clientOid", clients
    raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty ids list, or params['clientOrderIds'] (a list) when ids is empty")
