"""Futures cancel-all with ``confirm``: list the symbol's open orders again, cancel what is left, name what stays.

The cancel-all answer (``DELETE /api/v3/orders?symbol=``) lists
``cancelledOrderIds``: an acknowledgement, not a confirmation
(sources.FUTURES_CANCEL_ALL_QUOTE). With ``confirm`` the symbol's open
orders are listed again (``GET /api/v1/orders?status=active&symbol=``,
weight 2, up to 1000 a page: sources.LIST_FUTURES_QUOTE), up to
:data:`ccxt_cancel.resolve.VERIFY_ROUNDS` times, :class:`~ccxt_cancel.plans.Wait` apart. An order the
cancel-all answer did not name is cancelled by the same cancel-all once more
(one request for whatever is left; none after the last listing). After the
last listing, an acknowledged order still listed keeps its entry with an
unknown-outcome error (its cancel may yet take effect), an order never
acknowledged gets an ``ExchangeError`` saying it was not canceled; a failed
cancel keeps its own error. Entries stay ``status: None``: the listing says
which orders are still open, not what became of the others.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Mapping
from typing import Any

from ccxt.base.errors import BadResponse

from ccxt_cancel import resolve
from ccxt_cancel.builtins.kucoin import answers
from ccxt_cancel.builtins.kucoin.limits import cost
from ccxt_cancel.builtins.kucoin.markets import Target
from ccxt_cancel.plans import Request, Steps

log = logging.getLogger("ccxt_cancel")

PATH, API = "orders", ("futuresPrivate",)
PAGE_SIZE = 1000  # the page's maximum (sources.LIST_FUTURES_QUOTE)
MAX_PAGES = 5


def open_orders(exchange: Any, target: Target) -> Generator[Request, Any, list[Mapping[str, Any]]]:
    """Every open order the listing shows for the symbol, page by page until an empty page or the last one (bounded)."""
    listed: dict[str, Mapping[str, Any]] = {}
    for page in range(1, MAX_PAGES + 1):
        params = {"status": "active", "symbol": target.market_id, "pageSize": str(PAGE_SIZE), "currentPage": str(page)}
        answer = yield Request(PATH, API, "GET", params, cost(exchange, "futures.list"))
        data = answer.get("data") if isinstance(answer, Mapping) else None
        items = answers.listed(answer, "items")
        for item in items:
            if not isinstance(item, Mapping) or item.get("id") is None:
                raise BadResponse(f"{exchange.id} cancelAllOrders(): the open-orders listing holds an item without an id: {item!r:.300}")
            if item.get("symbol") == target.market_id:
                listed.setdefault(str(item["id"]), item)  # a page boundary that moved lists an order twice
        total = data.get("totalPage") if isinstance(data, Mapping) else None
        if not items or not isinstance(total, int) or page >= total:
            return list(listed.values())
    log.warning("%s cancelAllOrders(): more than %d open orders listed; verifying the %d listed", exchange.id, MAX_PAGES * PAGE_SIZE, len(listed))
    return list(listed.values())


def verify_all(exchange: Any, target: Target, cancel: Request, result: Any, policy: resolve.Policy) -> Steps | None:
    """``Plan.confirm`` of a futures cancel-all: the core's :func:`ccxt_cancel.resolve.verify_listing` over the listing."""
    if not isinstance(result, list):
        return None

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        listed = yield from open_orders(exchange, target)
        return {str(order["id"]): order for order in listed}

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        again: list[dict[str, Any]] = answers.parse_all(exchange, target, (yield cancel))
        return again

    listing = "the open-orders listing"
    return resolve.verify_listing(exchange, target.symbol, list(result), still_open, cancel_left, listing, policy, client_key="clientOid")
