"""Id rules: the order id wins (sources.ID_PRECEDENCE), a client id alone goes as ``clientOid``, missing ids send nothing."""

from __future__ import annotations

from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import checks

CLIENT_KEYS = ("clientOrderId", "clientOid")


def text_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise BadRequest(f"{exchange_id} {method}() {name} must be a non-empty string, got {value!r}")
    return checks.not_missing_text(exchange_id, method, name, value)


def client_id(exchange_id: str, method: str, params: dict[str, Any]) -> str | None:
    """The client id from params (consumed), or None; two different ones are refused (``checks.one_client_id``)."""
    return checks.one_client_id(exchange_id, method, params, CLIENT_KEYS, lambda name, value: text_id(exchange_id, method, name, value))


def one(exchange_id: str, method: str, id: Any, params: dict[str, Any]) -> tuple[str, str]:
    """(wire field, key): ``orderId`` when an order id is given (it prevails), else ``clientOid``."""
    cid = client_id(exchange_id, method, params)
    if not checks.no_order_id(id):
        return "orderId", text_id(exchange_id, method, "id", id)
    if cid is not None:
        return "clientOid", cid
    raise ArgumentsRequired(f"{exchange_id} {method}() requires an order id, or params['clientOrderId'] / params['clientOid'] when id is None or ''")


def many(exchange_id: str, method: str, ids: Any, params: dict[str, Any]) -> tuple[str, list[str]]:
    """(wire field, keys) of a batch: order ids, else the client-id list in params['clientOrderIds'] / params['clientOids']."""
    clients = None
    for key in ("clientOrderIds", "clientOids"):
        if key in params:
            raw = params.pop(key)
            if not isinstance(raw, (list, tuple)):
                raise BadRequest(f"{exchange_id} {method}() params[{key!r}] must be a list of client order ids")
            clients = [text_id(exchange_id, method, f"params[{key!r}][{n}]", v) for n, v in enumerate(raw)]
    if ids is not None and not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange_id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    if ids:
        return "orderId", [text_id(exchange_id, method, f"ids[{n}]", v) for n, v in enumerate(ids)]
    if clients:
        return "clientOid", clients
    raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty ids list, or params['clientOrderIds'] (a list) when ids is empty")
