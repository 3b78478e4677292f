"""The loopback test exchange: a server on 127.0.0.1 (``server.py``) and one module per exchange's signing rules."""

from tests.support.loopback.binance import coinm_order
from tests.support.loopback.server import (
    API_KEY,
    KEYS,
    LOGIN,
    SECRET,
    LoopbackExchange,
    RefusedPort,
    Seen,
    assert_all_verified,
    canned_answer,
    installed,
    point_to,
    settle,
)

__all__ = [
    "API_KEY",
    "KEYS",
    "LOGIN",
    "SECRET",
    "LoopbackExchange",
    "RefusedPort",
    "Seen",
    "assert_all_verified",
    "canned_answer",
    "coinm_order",
    "installed",
    "point_to",
    "settle",
]
