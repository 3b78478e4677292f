"""BitoPro's signing rules ("API Security Protocol" in bitoex/bitopro-offical-api-docs), checked from the docs, not from ccxt.

``X-BITOPRO-APIKEY`` must match; ``X-BITOPRO-PAYLOAD`` is base64 of a JSON
object; for GET/DELETE it holds a ``nonce`` (ms) within tolerance, for
PUT/POST it is base64 of the request body itself; ``X-BITOPRO-SIGNATURE`` is
hex HMAC-SHA384(payload, secret). Serves the margin cancel endpoints (one,
batch, all) and enforces the documented 900/min on cancel-one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("bitopro",)
PREFIX = "/v3/"
KEY_HEADER = "X-BITOPRO-APIKEY"


def point(exchange: Any, base_url: str) -> None:
    exchange.urls["api"]["rest"] = f"{base_url}/v3"


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    """None when the request is signed as documented, else the reason."""
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    payload = request.headers.get("X-BITOPRO-PAYLOAD", "")
    signature = request.headers.get("X-BITOPRO-SIGNATURE", "")
    expected = hmac.new(server.secret.encode(), payload.encode(), hashlib.sha384).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return "signature"
    try:
        decoded = json.loads(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError):
        return "payload encoding"
    if request.method in ("PUT", "POST"):
        if payload != base64.b64encode(body.encode()).decode():
            return "payload is not the body"
    else:
        nonce = decoded.get("nonce") if isinstance(decoded, dict) else None
        if not isinstance(nonce, int) or abs(server.now_ms() - nonce) > server.nonce_tolerance_ms:
            return "nonce"
    return None


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason is not None:
        return web.json_response({"error": "Invalid Signature"}, status=401)
    if request.method == "DELETE" and len(request.path.split("/")) == 6 and not server.admit("bitopro-one", server.bitopro_per_minute, 60):
        return web.json_response({"error": "Too many requests"}, status=429)
    status, answer = answer_for(request.method, request.path, "", body)
    return web.json_response(answer, status=status)


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified BitoPro margin request."""
    if not path.startswith("/v3/margin/orders"):
        return 404, {"error": "Not found"}
    parts = path.split("/")[4:]  # after /v3/margin/orders
    now = int(time.time() * 1000)
    if method == "DELETE" and len(parts) == 2:
        return 200, {"orderId": unquote(parts[1]), "action": "BUY", "timestamp": now, "price": "1", "amount": "1"}
    if method == "PUT" and not parts:
        return 200, {"data": json.loads(body)}
    if method == "DELETE" and len(parts) == 1:
        pair = "BTC_USDT" if parts[0] == "all" else unquote(parts[0]).upper()
        return 200, {"data": {pair: ["9050564390", "3927422785"]}}
    return 404, {"error": "Not found"}
