"""KuCoin's signing rules, checked independently of ccxt.

KuCoin's signing (sources.SIGNING in the room: the official SDK's
``example_sign.py``, and issue 23): ``KC-API-SIGN``
is base64(HMAC-SHA256(secret, timestamp + METHOD + endpoint + body)), where
the endpoint is the request path with its query string and the body is the
JSON body (empty for none); with ``KC-API-KEY-VERSION`` 2 the
``KC-API-PASSPHRASE`` header is itself base64(HMAC-SHA256(secret,
passphrase)); ``KC-API-KEY`` and ``KC-API-TIMESTAMP`` (ms) complete it.

KuCoin's paths (``/api/v1/``, ``/api/v3/``) overlap Binance spot's, so the
venue serves them under its own ``/kucoin`` mount: ``point`` gives ccxt
``<base>/kucoin`` as every KuCoin host, and ccxt signs only the endpoint
after the host, so the mount is stripped before the signature is checked.
An order id ending in ``0000`` fails: alone with 400100 "order_not_exist",
inside a multi-cancel as an item with 100004 "Order has been filled or
cancelled", so partial batches run through the real transport.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("kucoin", "kucoinfutures")
MOUNT = "/kucoin"
PREFIX = MOUNT + "/"
KEY_HEADER = "KC-API-KEY"
PASSPHRASE = "LOOPBACK-FAKE-PASSPHRASE"
BATCH_LIMIT = 10
FAILING_SUFFIX = "0000"
REJECTIONS = {
    "api key": {"code": "400003", "msg": "KC-API-KEY not exists"},
    "key version": {"code": "400004", "msg": "Invalid KC-API-KEY-VERSION"},
    "passphrase": {"code": "400004", "msg": "Invalid KC-API-PASSPHRASE"},
    "signature": {"code": "400005", "msg": "Invalid KC-API-SIGN"},
    "timestamp": {"code": "400002", "msg": "KC-API-TIMESTAMP Invalid"},
}


def point(exchange: Any, base_url: str) -> None:
    for key, value in list(exchange.urls["api"].items()):
        if isinstance(value, str):
            exchange.urls["api"][key] = base_url + MOUNT


def sign(secret: str, message: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()).decode()


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    if request.headers.get("KC-API-KEY-VERSION") != "2":
        return "key version"
    if request.headers.get("KC-API-PASSPHRASE") != sign(server.secret, PASSPHRASE):
        return "passphrase"
    stamp = request.headers.get("KC-API-TIMESTAMP", "")
    if not stamp.isdigit():
        return "timestamp"
    endpoint = request.raw_path[len(MOUNT) :]
    expected = sign(server.secret, f"{stamp}{request.method}{endpoint}{body}")
    if not hmac.compare_digest(request.headers.get("KC-API-SIGN", ""), expected):
        return "signature"
    if abs(server.now_ms() - int(stamp)) > server.nonce_tolerance_ms:
        return "timestamp"
    return None


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason is not None:
        return web.json_response(REJECTIONS[reason], status=401)
    status, answer = answer_for(request.method, request.path, request.raw_path.partition("?")[2], body)
    return web.json_response(answer, status=status)


NOT_FOUND = {"code": "404000", "msg": "Url Not Found"}
MISSING = {"code": "400100", "msg": "order_not_exist"}


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified KuCoin request."""
    path = path.removeprefix(MOUNT)
    query = {k: v[0] for k, v in parse_qs(raw_query).items()}
    if method == "GET" and path == "/api/ua/v1/account/mode":
        return 200, {"code": "200000", "data": {"selfAccountMode": "CLASSIC"}}
    if method != "DELETE":
        return 404, NOT_FOUND
    parts = path.split("/")
    last = parts[-1]
    if path == "/api/v1/orders/multi-cancel":
        try:
            payload = json.loads(body) if body else {}
        except ValueError:
            return 400, {"code": "400100", "msg": "body is not JSON"}
        ids, clients = payload.get("orderIdsList"), payload.get("clientOidsList")
        listed = ids if isinstance(ids, list) else clients if isinstance(clients, list) else None
        if listed is None or (ids is not None and clients is not None) or len(listed) > BATCH_LIMIT:
            return 400, {"code": "400100", "msg": "A maximum of 10 orders can be canceled at a time; send orderIdsList or clientOidsList"}
        keys = listed if ids is not None else [c.get("clientOid") for c in listed if isinstance(c, dict)]
        wire = "orderId" if ids is not None else "clientOid"
        items = []
        for key in keys:
            item = {"orderId": None, "clientOid": None, wire: key, "code": "200", "msg": "success"}
            if str(key).endswith(FAILING_SUFFIX):
                item.update(code="100004", msg="Order has been filled or cancelled")
            items.append(item)
        return 200, {"code": "200000", "data": items}
    if path == "/api/v3/orders":
        if not query.get("symbol"):
            return 400, {"code": "400100", "msg": "symbol is required"}
        return 200, {"code": "200000", "data": {"cancelledOrderIds": ["120000", "123451"]}}
    if len(parts) < 5 or not last:  # a path ending in "/": never an order
        return 404, NOT_FOUND
    if last.endswith(FAILING_SUFFIX):
        return 400, MISSING
    if "client-order" in parts:
        if "/hf/" in path or path.startswith("/api/v1/orders/"):
            if not query.get("symbol"):
                return 400, {"code": "400100", "msg": "symbol is required"}
            return 200, {"code": "200000", "data": {"clientOid": last}}
        return 200, {"code": "200000", "data": {"clientOid": last, "cancelledOrderId": "1" + last[-5:], "cancelledOcoOrderIds": None}}
    if path.startswith("/api/v1/hf/orders/"):
        if not query.get("symbol"):
            return 400, {"code": "400100", "msg": "symbol is required"}
        return 200, {"code": "200000", "data": {"orderId": last}}
    if path.startswith("/api/v1/orders/"):
        return 200, {"code": "200000", "data": {"cancelledOrderIds": [last]}}
    return 404, NOT_FOUND
