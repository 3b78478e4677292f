"""Bitget's classic v2 signing rules, checked independently of ccxt.

Bitget's API docs (Quick start / signature): ``ACCESS-SIGN`` is
base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)), the
timestamp in milliseconds, with ``ACCESS-KEY``, ``ACCESS-TIMESTAMP`` and
``ACCESS-PASSPHRASE`` headers. Serves the classic v2 spot and futures cancel,
batch-cancel and cancel-all (spot by symbol, futures); an orderId ending in ``0000`` fails with
43001 "Order does not exist" so partial batches run through the real transport.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("bitget",)
PREFIX = "/api/v2/"
KEY_HEADER = "ACCESS-KEY"
PASSPHRASE = "LOOPBACK-FAKE-PASSPHRASE"
BATCH_LIMIT = 50
FAILING_SUFFIX = "0000"
REJECTIONS = {
    "api key": {"code": "40006", "msg": "Invalid ACCESS_KEY", "data": None},
    "passphrase": {"code": "40012", "msg": "apikey/password is incorrect", "data": None},
    "signature": {"code": "40009", "msg": "sign signature error", "data": None},
    "timestamp": {"code": "40008", "msg": "Invalid ACCESS_TIMESTAMP", "data": None},
}


def point(exchange: Any, base_url: str) -> None:
    for key, value in list(exchange.urls["api"].items()):
        if isinstance(value, str):
            exchange.urls["api"][key] = base_url


def signature(secret: str, timestamp: str, method: str, request_path: str, body: str) -> str:
    message = f"{timestamp}{method.upper()}{request_path}{body}"
    return base64.b64encode(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()).decode()


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    if request.headers.get("ACCESS-PASSPHRASE") != PASSPHRASE:
        return "passphrase"
    stamp = request.headers.get("ACCESS-TIMESTAMP", "")
    if not stamp.isdigit():
        return "timestamp"
    expected = signature(server.secret, stamp, request.method, request.raw_path, body if request.method != "GET" else "")
    if not hmac.compare_digest(request.headers.get("ACCESS-SIGN", ""), expected):
        return "signature"
    if abs(server.now_ms() - int(stamp)) > server.nonce_tolerance_ms:
        return "timestamp"
    return None


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason is not None:
        return web.json_response(REJECTIONS[reason], status=400)
    status, answer = answer_for(request.method, request.path, request.raw_path.partition("?")[2], body)
    return web.json_response(answer, status=status)


def _split(entries: list[Any]) -> dict[str, Any]:
    success, failure = [], []
    for entry in entries:
        order_id, client = str(entry.get("orderId") or ""), str(entry.get("clientOid") or "")
        if order_id.endswith(FAILING_SUFFIX):
            failure.append({"orderId": order_id, "clientOid": client, "errorMsg": "Order does not exist", "errorCode": "43001"})
        else:
            success.append({"orderId": order_id, "clientOid": client})
    return {"successList": success, "failureList": failure}


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified bitget request."""
    try:
        payload = json.loads(body) if body else {}
    except ValueError:
        return 400, {"code": "40017", "msg": "Parameter verification failed", "data": None}
    if method != "POST" or not isinstance(payload, dict):
        return 404, {"code": "40404", "msg": "Request URL NOT FOUND", "data": None}
    if path in ("/api/v2/spot/trade/cancel-order", "/api/v2/mix/order/cancel-order"):
        order_id, client = payload.get("orderId"), payload.get("clientOid")
        if not (isinstance(order_id, str) and order_id) and not (isinstance(client, str) and client):
            return 400, {"code": "40017", "msg": "Either orderId or clientOid is required", "data": None}
        if isinstance(order_id, str) and order_id.endswith(FAILING_SUFFIX):
            return 400, {"code": "43001", "msg": "Order does not exist", "data": None}
        return 200, {"code": "00000", "msg": "success", "data": {"orderId": order_id or "1", "clientOid": client or ""}}
    if path == "/api/v2/spot/trade/cancel-symbol-order":
        # The page's answer: the symbol only (the cancel runs asynchronously).
        return 200, {"code": "00000", "msg": "success", "requestTime": 1698313139948, "data": {"symbol": payload.get("symbol")}}
    if path in ("/api/v2/spot/trade/batch-cancel-order", "/api/v2/mix/order/batch-cancel-orders"):
        entries = payload.get("orderList" if "spot" in path else "orderIdList")
        if entries is None and "mix" in path:
            entries = [{"orderId": "120000"}, {"orderId": "123451"}]  # cancel-all: the loopback's open orders
        if not isinstance(entries, list) or len(entries) > BATCH_LIMIT:
            return 400, {"code": "40017", "msg": "orderList maximum length: 50", "data": None}
        return 200, {"code": "00000", "msg": "success", "data": _split(entries)}
    return 404, {"code": "40404", "msg": "Request URL NOT FOUND", "data": None}
