"""Account mode: classic or unified (UTA), by ccxt's own option, detected at most once per instance.

ccxt 4.5.90's kucoin resolves ``uta`` from ``params['uta']``, else
``options[method]['uta']``, else ``options['uta']``; when that is None it
asks ``GET /api/ua/v1/account/mode`` first (``is_uta_enabled``) on every
instance's first private call, and keeps the answer in ``options['uta']``.

This room follows the same option. When ccxt would ask, the plan asks
first (one request, once per instance: the answer goes into
``options['uta']`` exactly where ccxt keeps it, so later calls, ccxt's own
included, skip it). A detection that fails keeps nothing and sends no
cancel: the error (a 429 is ``RateLimitExceeded``) reaches the caller with
the mode still unknown, so the next call asks again. A unified account is
not served by this room's classic endpoints: the plan hands the call back
(``ccxt_cancel.HAND_BACK``) and ccxt's own unified cancel carries it out,
with ``options['uta']`` already True (no second detection).
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any

from ccxt.base.errors import BadResponse

from ccxt_cancel import checks
from ccxt_cancel.plans import Request

DETECT = Request("account/mode", ("utaPrivate",), "GET", {})
UNKNOWN = "unknown"


def of(exchange: Any, method: str, params: dict[str, Any]) -> bool | str:
    """True (unified), False (classic) or UNKNOWN (ccxt would ask), without a request; consumes params['uta']."""
    known = checks.bool_option(exchange, method, params, "uta")
    return UNKNOWN if known is None else known


def detect(exchange: Any, method: str) -> Generator[Request, Any, bool]:
    """Ask the account mode once; keep it in ccxt's option on success; True when the account is unified."""
    answer = yield DETECT
    data = answer.get("data") if isinstance(answer, Mapping) else None
    mode = data.get("selfAccountMode") if isinstance(data, Mapping) else None
    if not isinstance(mode, str) or not mode:
        raise BadResponse(f"{exchange.id} {method}() could not read the account mode from {answer!r}; no cancel was sent")
    unified = mode == "UNIFIED"
    exchange.options["uta"] = unified  # where ccxt's is_uta_enabled keeps it
    return unified
