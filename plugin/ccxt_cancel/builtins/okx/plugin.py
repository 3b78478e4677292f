"""Built-in plugin ``okx``: OKX v5 order cancels, as OKX's code and documentation describe them.

ccxt 4.5's okx drops the order id when a client id is given, sends
``"ordId": null`` with no id, loads every market before a cold cancel,
puts any number of ids into one ``cancel-batch-orders`` (OKX takes 20),
drops the failed items of a partial batch and has no ``cancel_all_orders``.
The gaps, with their sources, are :data:`gaps.GAPS`.

* ``cancel_order``      -> ``POST /api/v5/trade/cancel-order`` ``{"instId", "ordId" | "clOrdId"}``
* ``cancel_orders``     -> ``POST /api/v5/trade/cancel-batch-orders`` ``[{"instId", "ordId" | "clOrdId"}, ...]``, 20 per request
* ``cancel_all_orders`` -> ``GET /api/v5/trade/orders-pending?instId=...`` (paged), then the batch cancel

**Ids.** An order id wins over a client id: "Either ``ordId`` or ``clOrdId``
is required. If both are passed, ``ordId`` will be used." (third-party copy
of OKX's cancel-order and cancel-multiple-orders pages, the best source
found here; no official OKX source states the precedence). So both given ->
``ordId`` only; a client id alone (``params['clOrdId']`` or ccxt's unified
``clientOrderId``) -> ``clOrdId``; neither -> ``ArgumentsRequired``, nothing
sent. ``ordId`` must be decimal digits, ``clOrdId`` 1-32 ASCII letters or
digits (ccxt's okx ``fetch_order`` comment: ``[a-z0-9]{1,32}``; the copy's
place-order page: "case-sensitive alphanumerics ... up to 32 characters").

**Results.** ``sCode`` 0 acknowledges the request, it does not confirm the
cancel (see ``answers.py``): acknowledged orders have ``status: None``.
Batches follow the batch rule (``batch.Ledger`` / ``batch.chunked``).

Declined, so ccxt handles them as before: algo cancels (``trigger``,
``stop``, ``trailing`` other than False/None, ``algoId``, ``algoClOrdId``,
a ``method`` param or ``options['cancelOrders']['method']``), exchanges
other than ``okx``, and symbols whose instId cannot be derived (see
``markets.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadResponse, BaseError

from ccxt_cancel import batch, checks, errors, limits, orders, resolve
from ccxt_cancel.builtins.okx import answers, markets
from ccxt_cancel.builtins.okx.gaps import GAPS
from ccxt_cancel.builtins.okx.markets import Instrument
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Bulk, Items, Plan, Request, Resolution, Steps

log = logging.getLogger("ccxt_cancel")

EXCHANGE_ID = "okx"
CCXT_CANCEL_EXCHANGES = frozenset({EXCHANGE_ID})
API = ("private",)

# Paths of ccxt's generated entries (privatePostTradeCancelOrder, privatePostTradeCancelBatchOrders,
# privateGetTradeOrdersPending); the official SDK's consts.py L156, L157, L162.
PATH_ONE = "trade/cancel-order"
PATH_BATCH = "trade/cancel-batch-orders"
PATH_LIST = "trade/orders-pending"
# Order details, the one-order query that resolves and confirms (privateGetTradeOrder): "Either ordId or
# clOrdId is required, if both are passed, ordId will be used"; answers every state, canceled included
# (sources.COPY_ORDER_DETAILS; "60 requests per 2 seconds", User ID + Instrument ID).
PATH_QUERY = "trade/order"
INTERVAL_MS_QUERY = 2_000 / 60
PATH_HISTORY = "trade/orders-history"  # sources.COPY_ORDER_HISTORY
INTERVAL_MS_HISTORY = 2_000 / 40  # "40 requests per 2 seconds" (User ID)
# What this plugin asks ccxt's sign to sign, for the start-up self-check (selfcheck.py).
SIGNED_APIS = {exchange_id: [(API[0], PATH_ONE, "POST")] for exchange_id in sorted(CCXT_CANCEL_EXCHANGES)}

# "Maximum 20 orders can be canceled per request" (OKX's sample market maker, BaseStrategy.py L200, and
# it chunks at 20, L213; the copy of the cancel-multiple-orders page says the same).
BATCH_LIMIT = 20
# orders-pending: "limit ... The maximum is 100; The default is 100"; "after: Pagination of data to
# return records earlier than the requested ordId" (copy of the Order List page). OKX allows 500
# pending orders per instrument (copy of the General Info page), so 10 pages is a bound never reached
# by a documented account; reaching it is logged. The page never says that a page shorter than the
# limit is the last one, and a fault-injection run showed a short page mid-list: the listing goes on
# until a page is empty (one request more than the pages the orders fill).
PAGE_LIMIT = 100
MAX_PAGES = 11
# Cancel-all with confirm: how many times the scope is listed again after the cancels.

# Documented limits as the minimum spacing between two requests, in ms (copy of OKX's pages; no
# official source states them). ccxt's throttler spaces a request of cost c by c * exchange.rateLimit.
INTERVAL_MS_CANCEL_ONE = 2_000 / 60  # cancel-order: "60 requests per 2 seconds" (User ID + Instrument ID)
INTERVAL_MS_PER_BATCH_ORDER = 2_000 / 300  # cancel-batch-orders: "300 orders per 2 seconds"
INTERVAL_MS_LIST = 2_000 / 60  # orders-pending: "60 requests per 2 seconds" (User ID)
HEADROOM = limits.HEADROOM  # the core's (ccxt_cancel.limits), as every room's

ALGO_SELECTORS = ("trigger", "stop", "trailing")  # ccxt's switches to cancel-algos
ALGO_KEYS = ("algoId", "algoClOrdId", "method")  # algo ids, or ccxt's own endpoint switch
CLIENT_KEYS = ("clOrdId", "clientOrderId")  # ccxt reads them in this order
ALGO_ANY = frozenset(ALGO_SELECTORS + ALGO_KEYS)
DEFAULT_BATCH_METHOD = "privatePostTradeCancelBatchOrders"


# --- which calls are ours ---------------------------------------------------------------


def algo_call(exchange: Any, method: str, params: Mapping[str, Any]) -> bool:
    """True when ccxt would route this call to its cancel-algos path (or the caller picked an endpoint): declined."""
    if params and not params.keys().isdisjoint(ALGO_ANY):
        if not params.keys().isdisjoint(ALGO_KEYS):
            return True
        if any(params.get(key) is not None and params.get(key) is not False for key in ALGO_SELECTORS):
            return True
    if method == "cancelOrders":
        options = exchange.options.get("cancelOrders") if isinstance(exchange.options, Mapping) else None
        chosen = options.get("method") if isinstance(options, Mapping) else None
        return chosen is not None and chosen != DEFAULT_BATCH_METHOD
    return False


def claim(exchange: Any, method: str, symbol: Any, params: dict[str, Any]) -> Instrument | None:
    """The instrument of a call this plugin owns, or None to decline. Consumes the algo switches set to False/None."""
    if exchange.id != EXCHANGE_ID or algo_call(exchange, method, params):
        return None
    instrument = markets.resolve(exchange, method, symbol)
    if instrument is None:
        return None
    if not params:
        return instrument  # the common call: nothing to consume or check
    for key in ALGO_SELECTORS:
        params.pop(key, None)  # False or None: "not an algo order", never sent
    if "instId" in params:
        given = params.pop("instId")
        if given != instrument.inst_id:
            raise BadRequest(f"{exchange.id} {method}() params['instId'] {given!r} contradicts the symbol argument (instId {instrument.inst_id!r})")
    checks.wire_safe_params(exchange.id, method, params)
    return instrument


# --- ids ----------------------------------------------------------------------------------

CLIENT_ID_MAX = 32


def order_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    if value is None:
        raise BadRequest(f"{exchange_id} {method}() {name} is None; every order id must be a string of decimal digits")
    return checks.digits_id(exchange_id, method, name, value)


def client_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    """A clOrdId: 1 to 32 ASCII letters or digits (an int is taken as its digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.isalnum() or len(value) > CLIENT_ID_MAX:
        raise BadRequest(f"{exchange_id} {method}() {name} must be 1 to {CLIENT_ID_MAX} ASCII letters or digits (OKX's clOrdId), got {value!r}")
    return checks.not_missing_text(exchange_id, method, name, value)


def one_client_id(exchange_id: str, method: str, params: dict[str, Any]) -> str | None:
    """The client id from params['clOrdId'] / params['clientOrderId'] (consumed), or None; two different ones are refused."""
    if not params:
        return None
    found = {key: client_id(exchange_id, method, f"params[{key!r}]", params.pop(key)) for key in CLIENT_KEYS if key in params}
    if len(set(found.values())) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client ids {found!r}; pass one")
    return next(iter(found.values()), None)


def id_list(value: Any) -> list[Any] | None:
    """ccxt's okx ``parse_ids``: a comma-separated string is a list; a list or tuple as given."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.split(",")
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


# --- rate limits --------------------------------------------------------------------------


cost = limits.cost


def batch_cost(exchange: Any, count: int) -> float | None:
    # "If there is only one order in the request, it will consume the rate limit of Cancel order."
    return cost(exchange, INTERVAL_MS_CANCEL_ONE if count == 1 else count * INTERVAL_MS_PER_BATCH_ORDER)


# --- answers ------------------------------------------------------------------------------


def acknowledged(exchange: Any, instrument: Instrument, item: Mapping[str, Any], field: str, key: str) -> dict[str, Any]:
    """The entry of an acknowledged cancel: status None (the request was accepted, the cancel is not confirmed), the item as info."""
    ord_id = item.get("ordId") or (key if field == "id" else None)
    cl_ord_id = item.get("clOrdId") or (key if field == "clientOrderId" else None)
    return orders.acknowledged(exchange, ord_id, cl_ord_id, instrument.symbol, item)


def parse_one(exchange: Any, instrument: Instrument, field: str, wire_field: str, key: str, answers_: list[Any]) -> dict[str, Any]:
    """cancel-order's one item: acknowledged (status None), or its error raised."""
    (answer,) = answers_
    items = answers.items_of(answer)
    if items is None or len(items) != 1:
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrder() expected one item with an sCode, got {answer!r}; the outcome is unknown")
    (item,) = answers.match(items, [key], wire_field)
    if item is None:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrder() sent {wire_field} {key} but the answer speaks for another order; the outcome is unknown: {answer!r}"
        )
    code = str(item.get("sCode"))
    if code != answers.ACKNOWLEDGED:
        raise answers.item_error(exchange, code, item.get("sMsg"), answers.describe(exchange.id, "cancelOrder", wire_field, key, item))
    return acknowledged(exchange, instrument, item, field, key)


class Ledger(batch.Ledger):
    """``batch.Ledger``, plus what orders-pending said about each order of a cancel-all.

    For a cancel-all, ``listed`` (ordId -> the order orders-pending listed)
    fills in the order's details.
    """

    def __init__(
        self, exchange: Any, method: str, keys: Sequence[str], key_field: str, instrument: Instrument, listed: Mapping[str, Mapping[str, Any]] | None = None
    ) -> None:
        super().__init__(exchange, method, keys, key_field, instrument.symbol)
        self.instrument = instrument
        self.listed = listed or {}

    def _with_listing(self, index: int) -> None:
        """A cancel-all entry also says what orders-pending said about the order (side, price, amount, times), read by ccxt's parse_order."""
        order, listed = self.entries[index], self.listed.get(self.keys[index])
        if order is None or listed is None:
            return
        parsed = self.exchange.parse_order(listed, self.instrument.market)
        for name, value in parsed.items():
            if name not in ("id", "symbol", "status", "info", batch.ERROR_KEY) and order.get(name) is None:
                order[name] = value

    def canceled(self, index: int, order: dict[str, Any]) -> None:
        super().canceled(index, order)
        self._with_listing(index)

    def failed(self, index: int, error: BaseError, info: Any = None) -> None:
        super().failed(index, error, info)
        self._with_listing(index)


def read_chunk(
    exchange: Any,
    method: str,
    instrument: Instrument,
    ledger: batch.Ledger,
    wire_field: str,
    answer: Any,
    positions: Sequence[int],
) -> None:
    """One cancel-batch-orders answer into the ledger, item by item (see ``answers.match``)."""
    items = answers.items_of(answer)
    if items is None:
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() expected items with an sCode, got {answer!r}; the outcome is unknown")
    keys = [ledger.keys[i] for i in positions]
    failures: dict[int, tuple[BaseError, Any]] = {}
    acknowledged_any = False
    for index, key, item in zip(positions, keys, answers.match(items, keys, wire_field), strict=True):
        if item is None:
            failures[index] = (
                errors.unknown_outcome(
                    BadResponse, f"{exchange.id} {method}() {wire_field} {key}: the answer has no item for it; its outcome is unknown: {answer!r}"
                ),
                None,
            )
            continue
        code = str(item.get("sCode"))
        if code == answers.ACKNOWLEDGED:
            acknowledged_any = True
            ledger.canceled(index, acknowledged(exchange, instrument, item, ledger.key_field, key))
        else:
            failures[index] = (answers.item_error(exchange, code, item.get("sMsg"), answers.describe(exchange.id, method, wire_field, key, item)), item)
    for index, (error, info) in failures.items():
        ledger.failed(index, error, info)
    if answers.code_of(answer) == answers.ALL_FAILED and not acknowledged_any and failures:
        # "code": "1", "Operation failed": the request failed as a whole for the batch rule (when every
        # request failed the call raises), but each of its ids keeps its own item's error.
        raise batch.RequestFailed(next(iter(failures.values()))[0])


def batch_plan(
    exchange: Any, method: str, instrument: Instrument, keys: list[str], field: str, listed: Mapping[str, Any] | None = None
) -> Generator[Request, Any, list[dict[str, Any]]]:
    """The general-form plan of a batch cancel: chunks of 20, one entry per key (the batch rule)."""
    wire_field = "ordId" if field == "id" else "clOrdId"
    ledger = Ledger(exchange, method, keys, field, instrument, listed)
    chunks = []
    for start in range(0, len(keys), BATCH_LIMIT):
        part = keys[start : start + BATCH_LIMIT]
        body = [{"instId": instrument.inst_id, wire_field: key} for key in part]
        chunks.append((Request(PATH_BATCH, API, "POST", body, batch_cost(exchange, len(part))), range(start, start + len(part))))
    read = partial(read_chunk, exchange, method, instrument, ledger, wire_field)
    result: list[dict[str, Any]] = yield from batch.chunked(ledger, chunks, read)
    return result


def pending_orders(exchange: Any, instrument: Instrument) -> Generator[Request, Any, list[Mapping[str, Any]]]:
    """Every order orders-pending lists for the instrument, newest first, paged with ``after`` (bounded)."""
    listed: dict[str, Mapping[str, Any]] = {}
    after: str | None = None
    for _ in range(MAX_PAGES):
        query = {"instId": instrument.inst_id, "limit": str(PAGE_LIMIT)}
        if after is not None:
            query["after"] = after
        answer = yield Request(PATH_LIST, API, "GET", query, cost(exchange, INTERVAL_MS_LIST))
        data = answer.get("data") if isinstance(answer, Mapping) else None
        if not isinstance(data, list) or not all(isinstance(order, Mapping) and checks.is_ascii_digits(str(order.get("ordId", ""))) for order in data):
            raise BadResponse(f"{exchange.id} cancelAllOrders() expected a list of orders with an ordId, got {answer!r}")
        for order in data:
            if order.get("instId") == instrument.inst_id:
                listed.setdefault(str(order["ordId"]), order)  # a page boundary that moved lists an order twice
        if not data:
            return list(listed.values())
        after = str(data[-1]["ordId"])
    log.warning(
        "%s cancelAllOrders(): more than %d pending orders on %s; cancelling the %d listed",
        exchange.id,
        MAX_PAGES * PAGE_LIMIT,
        instrument.inst_id,
        len(listed),
    )
    return list(listed.values())


def cancel_all_plan(exchange: Any, instrument: Instrument) -> Generator[Request, Any, list[dict[str, Any]]]:
    try:
        orders = yield from pending_orders(exchange, instrument)
    except BaseError as error:
        errors.not_sent(error)  # the listing failed before any cancel was sent
        raise
    if not orders:
        return []
    by_id = {str(order["ordId"]): order for order in orders}
    result: list[dict[str, Any]] = yield from batch_plan(exchange, "cancelAllOrders", instrument, list(by_id), "id", by_id)
    return result


def verify_all(exchange: Any, instrument: Instrument, result: list[dict[str, Any]], policy: resolve.Policy) -> Steps:
    """Cancel-all with ``confirm``: the core's :func:`ccxt_cancel.resolve.verify_listing` over orders-pending.

    What the first listing missed is cancelled in batches, as the first
    cancels were.
    """

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        listed = yield from pending_orders(exchange, instrument)
        return {str(order["ordId"]): order for order in listed}

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        more: list[dict[str, Any]] = yield from batch_plan(exchange, "cancelAllOrders", instrument, list(missed), "id", missed)
        return more

    return resolve.verify_listing(exchange, instrument.symbol, list(result), still_open, cancel_left, "orders-pending", policy)


# --- hooks ----------------------------------------------------------------------------------


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    instrument = claim(exchange, method, symbol, params)
    if instrument is None:
        return None
    cid = one_client_id(exchange.id, method, params)
    oid = None if checks.no_order_id(id) else order_id(exchange.id, method, "id", id)
    if "ordId" in params:
        from_params = order_id(exchange.id, method, "params['ordId']", params.pop("ordId"))
        if oid is not None and oid != from_params:
            raise BadRequest(f"{exchange.id} {method}() id {id!r} and params['ordId'] {from_params!r} differ; pass one")
        oid = from_params
    if oid is not None:
        field, wire_field, key = "id", "ordId", oid
        if cid is not None:
            log.debug("%s %s: ordId is used when both are passed; clOrdId not sent", exchange.id, method)
    elif cid is not None:
        field, wire_field, key = "clientOrderId", "clOrdId", cid
    else:
        raise ArgumentsRequired(f"{exchange.id} {method}() requires an order id, or params['clOrdId'] / params['clientOrderId'] when id is None or ''")
    body = {"instId": instrument.inst_id, wire_field: key, **params}
    return Plan(
        requests=[Request(PATH_ONE, API, "POST", body, cost(exchange, INTERVAL_MS_CANCEL_ONE))],
        parse=partial(parse_one, exchange, instrument, field, wire_field, key),
        on_error=partial(answers.on_error, exchange),
        resolution=partial(resolution, exchange, instrument, wire_field, key, params),
    )


def read_query(exchange: Any, instrument: Instrument, wire_field: str, key: str, answer: Any) -> dict[str, Any]:
    """An order-details answer: its one order, which must be the one asked about, parsed by ccxt."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    items = [item for item in data if isinstance(item, Mapping)] if isinstance(data, list) else []
    item = items[0] if len(items) == 1 else None
    if item is None or item.get(wire_field) != key or item.get("instId") != instrument.inst_id:
        raise BadResponse(f"{exchange.id} fetchOrder: order details for {wire_field} {key} answered about another order: {answer!r}")
    order: dict[str, Any] = exchange.parse_order(item, instrument.market)
    order["symbol"] = instrument.symbol
    return order


def resolution(exchange: Any, instrument: Instrument, wire_field: str, key: str, params: Mapping[str, Any]) -> Resolution:
    """How to learn what became of one order (order details), and cancel it again by its ordId."""
    query = Request(PATH_QUERY, API, "GET", {"instId": instrument.inst_id, wire_field: key}, cost(exchange, INTERVAL_MS_QUERY))

    def cancel_again(ord_id: str) -> Request:
        # By the exchange's order id only: the client id may already name a replacement order.
        return Request(PATH_ONE, API, "POST", {"instId": instrument.inst_id, "ordId": ord_id, **params}, cost(exchange, INTERVAL_MS_CANCEL_ONE))

    return Resolution(
        query=query,
        read=partial(read_query, exchange, instrument, wire_field, key),
        cancel_again=cancel_again,
        read_cancel=lambda ord_id, answer: parse_one(exchange, instrument, "id", "ordId", ord_id, [answer]),
    )


def inst_type(inst_id: str) -> str | None:
    """orders-history's required instType, where the instId alone says it; None for SPOT-or-MARGIN pairs.

    A ``BTC-USDT`` order may be SPOT or MARGIN (its tdMode decides) and the
    listing is by one type: those ids are queried one by one instead.
    """
    parts = inst_id.split("-")
    if parts[-1] == "SWAP":
        return "SWAP"
    if len(parts) == 3 and len(parts[2]) == 6 and parts[2].isdigit():
        return "FUTURES"
    if len(parts) == 5 and parts[4] in ("C", "P"):
        return "OPTION"
    return None


def bulk(exchange: Any, instrument: Instrument, wire_field: str, keys: Sequence[str]) -> Bulk | None:
    """One page of orders-pending and one of orders-history for the instrument (100 each, newest first).

    An id on neither page (older than the newest 100) is left out: the core
    then queries it by itself.
    """
    kind = inst_type(instrument.inst_id)
    if kind is None:
        return None
    wanted = frozenset(keys)
    requests = [
        Request(PATH_LIST, API, "GET", {"instId": instrument.inst_id, "limit": str(PAGE_LIMIT)}, cost(exchange, INTERVAL_MS_LIST)),
        Request(PATH_HISTORY, API, "GET", {"instType": kind, "instId": instrument.inst_id, "limit": str(PAGE_LIMIT)}, cost(exchange, INTERVAL_MS_HISTORY)),
    ]

    def read(answers_: list[Any]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for answer in answers_:
            data = answer.get("data") if isinstance(answer, Mapping) else None
            if not isinstance(data, list):
                raise BadResponse(f"{exchange.id} fetchOrders: expected a list of orders, got {answer!r}")
            for item in data:
                key = item.get(wire_field) if isinstance(item, Mapping) else None
                if key in wanted and key not in found and item.get("instId") == instrument.inst_id:
                    order: dict[str, Any] = exchange.parse_order(item, instrument.market)
                    order["symbol"] = instrument.symbol
                    found[key] = order
        return found

    return Bulk(requests, read)


def items(exchange: Any, instrument: Instrument, field: str) -> Items:
    """How the core learns what became of a batch's ids: order details per id, or the two listings (:func:`bulk`)."""
    wire_field = "ordId" if field == "id" else "clOrdId"
    return Items(field, partial(resolution, exchange, instrument, wire_field, params={}), partial(bulk, exchange, instrument, wire_field))


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    instrument = claim(exchange, method, symbol, params)
    if instrument is None:
        return None
    values = id_list(ids)
    if ids is not None and values is None:
        raise BadRequest(f"{exchange.id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    order_ids = [order_id(exchange.id, method, f"ids[{index}]", value) for index, value in enumerate(values or [])]
    client_lists = {}
    for key in CLIENT_KEYS:
        if key in params:
            raw = params.pop(key)
            listed = id_list(raw)
            if listed is None:
                raise BadRequest(f"{exchange.id} {method}() params[{key!r}] must be a list of client order ids, got {type(raw).__name__}")
            client_lists[key] = [client_id(exchange.id, method, f"params[{key!r}][{index}]", value) for index, value in enumerate(listed)]
    if len({tuple(v) for v in client_lists.values()}) > 1:
        raise BadRequest(f"{exchange.id} {method}() params carry two different client-id lists; pass one of {CLIENT_KEYS}")
    client_ids = next(iter(client_lists.values()), [])
    if params:
        # The body is a JSON array of {instId, ordId | clOrdId}: there is nowhere to put another param
        # (ccxt drops them silently; refusing says so).
        raise BadRequest(f"{exchange.id} {method}() does not take params {sorted(params)}: cancel-batch-orders items carry only instId, ordId, clOrdId")
    if order_ids:
        keys, field, name = order_ids, "id", "ids"
        if client_ids:
            log.debug("%s %s: ordId is used when both are passed; the client-id list is not sent", exchange.id, method)
    elif client_ids:
        keys, field, name = client_ids, "clientOrderId", "params['clOrdId']"
    else:
        raise ArgumentsRequired(
            f"{exchange.id} {method}() requires a non-empty ids list, or params['clOrdId'] / params['clientOrderId'] (a list) when ids is empty"
        )
    keys = batch.unique_keys(exchange.id, method, name, keys)
    steps = batch_plan(exchange, method, instrument, keys, field)
    return Plan(
        steps=steps,
        on_error=partial(answers.on_error, exchange),
        expected_requests=-(-len(keys) // BATCH_LIMIT),
        items=partial(items, exchange, instrument, field),
    )


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelAllOrders"
    if exchange.id != EXCHANGE_ID or algo_call(exchange, method, params):
        return None
    if symbol is None:
        # OKX has no cancel-all endpoint for ordinary orders (mass-cancel is for MMP options only);
        # listing every pending order of the account to cancel it is not what a bot that forgot
        # the symbol means. A symbol scopes the listing to one instId.
        raise ArgumentsRequired(f"{exchange.id} {method}() requires a symbol argument: OKX cancels all orders of one instrument at a time")
    instrument = claim(exchange, method, symbol, params)
    if instrument is None:
        return None
    if params:
        raise BadRequest(f"{exchange.id} {method}() does not take params {sorted(params)}: it lists the symbol's pending orders and cancels them")
    return Plan(steps=cancel_all_plan(exchange, instrument), on_error=partial(answers.on_error, exchange), confirm=partial(verify_all, exchange, instrument))


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
