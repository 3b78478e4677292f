"""BitoPro margin order ids: decimal digits; the cancel page has no client-id form."""

from __future__ import annotations

from typing import Any

from ccxt.base.errors import BadRequest

from ccxt_cancel import checks


def list_id(exchange_id: str, method: str, index: int, value: Any) -> str:
    # A None inside the list is a malformed list, not a missing argument: BadRequest, like any other bad entry.
    if value is None:
        raise BadRequest(f"{exchange_id} {method}() ids[{index}] is None; every id must be an int or a string of decimal digits")
    return checks.digits_id(exchange_id, method, f"ids[{index}]", value)
