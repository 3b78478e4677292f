"""Shared pieces of the okx plugin's tests: the passphrase, canned instruments parsed by ccxt itself, a URL-routing stub transport."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ccxt

from tests.support.helpers import FAKE_CREDENTIALS, RequestLog, call

# OKX's third credential comes with the others (tests.support.helpers.credentials: an obvious fake,
# or OKX_PASSWORD when re-recording live); it is filtered from cassettes (OK-ACCESS-PASSPHRASE).
PASSWORD = FAKE_CREDENTIALS["password"]
CONFIG: dict[str, str] = {}
EXPIRY_251226 = 1766736000000  # 2025-12-26T08:00:00Z

# /api/v5/public/instruments items, in the shape OKX lists them (the fields ccxt's okx parse_market reads).
INSTRUMENTS: list[dict[str, Any]] = [
    {"instId": "BTC-USDT", "instType": "SPOT", "baseCcy": "BTC", "quoteCcy": "USDT", "settleCcy": "", "uly": "", "lever": "10", "state": "live"},
    {"instId": "BTC-USDT-SWAP", "instType": "SWAP", "settleCcy": "USDT", "uly": "BTC-USDT", "ctVal": "0.01", "ctType": "linear", "state": "live"},
    {"instId": "BTC-USD-SWAP", "instType": "SWAP", "settleCcy": "BTC", "uly": "BTC-USD", "ctVal": "100", "ctType": "inverse", "state": "live"},
    {
        "instId": "BTC-USDT-251226", "instType": "FUTURES", "settleCcy": "USDT", "uly": "BTC-USDT", "ctVal": "0.01", "ctType": "linear",
        "expTime": str(EXPIRY_251226), "state": "live",
    },
    {
        "instId": "BTC-USD-251226", "instType": "FUTURES", "settleCcy": "BTC", "uly": "BTC-USD", "ctVal": "100", "ctType": "inverse",
        "expTime": str(EXPIRY_251226), "state": "live",
    },
    {
        "instId": "BTC-USD-251226-100000-C", "instType": "OPTION", "settleCcy": "BTC", "uly": "BTC-USD", "ctVal": "0.01", "stk": "100000",
        "optType": "C", "expTime": str(EXPIRY_251226), "state": "live",
    },
]  # fmt: skip
SYMBOLS = {
    "BTC-USDT": "BTC/USDT",
    "BTC-USDT-SWAP": "BTC/USDT:USDT",
    "BTC-USD-SWAP": "BTC/USD:BTC",
    "BTC-USDT-251226": "BTC/USDT:USDT-251226",
    "BTC-USD-251226": "BTC/USD:BTC-251226",
    "BTC-USD-251226-100000-C": "BTC/USD:BTC-251226-100000-C",
}


def parsed_markets() -> list[dict[str, Any]]:
    parser = ccxt.okx()
    return [parser.parse_market(info) for info in INSTRUMENTS]


def okx(flavor: str, method: str, *args: Any, config: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """``tests.support.helpers.call`` on okx, with the passphrase OKX requires."""
    return call(flavor, "okx", method, *args, config={**CONFIG, **(config or {})}, **kwargs)


def ack_answer(body: Any) -> dict[str, Any]:
    """An answer acknowledging every item of a cancel request body (a dict or a list)."""
    entries = body if isinstance(body, list) else [body]
    return {"code": "0", "msg": "", "data": [{"clOrdId": e.get("clOrdId") or "", "ordId": e.get("ordId") or "1", "sCode": "0", "sMsg": ""} for e in entries]}


def venue_answer(method: str, url: str, body: Any) -> Any:
    """What the real OKX would roughly answer a cold ccxt: instruments, currencies, and acknowledgements."""
    path = url.split("?")[0]
    if path.endswith("/public/instruments"):
        kind = url.split("instType=")[1].split("&")[0]
        return {"code": "0", "msg": "", "data": [i for i in INSTRUMENTS if i["instType"] == kind]}
    if path.endswith("/asset/currencies"):
        return {"code": "0", "msg": "", "data": []}
    if path.endswith("/trade/orders-pending"):
        return {"code": "0", "msg": "", "data": []}
    if method == "POST":
        return ack_answer(json.loads(body))
    return {"code": "0", "msg": "", "data": []}


class Router(RequestLog):
    """A RequestLog whose answer depends on the request (for ccxt's own load_markets)."""

    def __init__(self, answer_for: Callable[[str, str, Any], Any] = venue_answer) -> None:
        super().__init__()
        self.answer_for = answer_for

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return self.answer_for(method, url, body)

    def bodies(self, method: str = "POST") -> list[Any]:
        return [json.loads(body) for m, _, _, body in self.requests if m == method and body]
