"""Id rules: the order id wins (sources.ID_PRECEDENCE), a client id alone goes as ``clientOid``, missing ids send nothing."""

from __future__ import annotations

from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired

from ccxt_cancel import checks

CLIENT_KEYS = ("clientOrderId", "clientOid")
CLIENT_LIST_KEYS = ("clientOrderIds", "clientOids")


def text_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    return checks.text_id(exchange_id, method, name, value)


def client_id(exchange_id: str, method: str, params: dict[str, Any]) -> str | None:
    """The client id from params (consumed), or None; two different ones are refused (``checks.one_client_id``)."""
    return checks.one_client_id(exchange_id, method, params, CLIENT_KEYS, lambda name, value: text_id(exchange_id, method, name, value))


def one(exchange_id: str, method: str, id: Any, params: dict[str, Any]) -> tuple[str, str]:
    """(wire field, key): ``orderId`` when an order id is given (it prevails), else ``clientOid``."""
    cid = client_id(exchange_id, method, params)
    check = partial(text_id, exchange_id, method)
    return checks.order_id_wins(exchange_id, method, id, cid, check, ("orderId", "clientOid"), "params['clientOrderId'] / params['clientOid']")


def many(exchange_id: str, method: str, ids: Any, params: dict[str, Any]) -> tuple[str, list[str]]:
    """(wire field, keys) of a batch: order ids, else the client-id list in params['clientOrderIds'] / params['clientOids']."""
    order_ids, clients = checks.batch_ids(exchange_id, method, ids, params, CLIENT_LIST_KEYS, partial(text_id, exchange_id, method))
    if order_ids:
        return "orderId", order_ids
    if clients:
        return "clientOid", clients
    raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty ids list, or params['clientOrderIds'] (a list) when ids is empty")
