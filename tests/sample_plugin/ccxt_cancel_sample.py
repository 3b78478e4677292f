"""A minimal third-party plugin: claims cancel_order on any exchange when params carry ``sample=True``."""

from __future__ import annotations

from typing import Any

import ccxt_cancel


@ccxt_cancel.hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, params: dict[str, Any]) -> ccxt_cancel.Plan | None:
    if not params.get("sample"):
        return None
    request = ccxt_cancel.Request("sample/orders/{id}", ["public"], "GET", {"id": str(id)})
    return ccxt_cancel.Plan([request], parse=lambda answers: {"id": str(id), "status": "canceled", "info": answers[0]})
