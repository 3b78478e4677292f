"""Rules every Binance product's cancel shares, in one place: ids, recvWindow, client ids, answers, HTTP 503.

Binance documents its products on separate pages (spot ``/api/v3``, USD-M
``/fapi/v1``, COIN-M ``/dapi/v1``, margin ``/sapi/v1/margin``, portfolio
margin ``/papi/v1``), but they agree on much: ``orderId`` is a LONG, a
client id goes in ``origClientOrderId``, ``recvWindow`` is capped where a
page says so, a batch answer is a list whose failed items are ``{"code",
"msg"}``, and a 503 may mean "outcome unknown". The product modules
(``coinm``, ``usdm``, ``spot``, ``margin``, ``portfolio``) keep what is
theirs (paths, costs, id precedence, pages) and take the rest from here.

Everything here is pure: it checks input, builds request params, or reads
answers; the core does the I/O. A check that fails raises a ccxt error that
names the parameter and the rule, before anything is sent.

``per_id_plan`` is the batch of products without a batch-by-ids endpoint
(spot, margin, portfolio margin): one documented single cancel per id,
sent through ``batch.chunked`` so that the batch rule holds (every id gets
an entry, the plan goes on after a failed id, and stops after a rate limit,
a credentials error or a clock error).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Collection, Generator, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import (
    ArgumentsRequired,
    AuthenticationError,
    BadRequest,
    BadResponse,
    BaseError,
    ExchangeNotAvailable,
    InvalidNonce,
    RequestTimeout,
)

from ccxt_cancel import batch, checks, errors, resolve
from ccxt_cancel.plans import ACCEPT, Bulk, HttpAnswer, Items, Plan, Request, Resolution, Steps, _Accept

log = logging.getLogger("ccxt_cancel")

LONG_MAX = 2**63 - 1
RECV_WINDOW_MAX = 60_000

# Params under which ccxt cancels something else: conditional/algo orders, whose
# endpoints and ids differ (algoId, strategyId ...), and tokenized stocks.
CONDITIONAL_KEYS = frozenset(
    {
        "stop", "trigger", "conditional", "stopPrice", "triggerPrice",
        "algoId", "clientAlgoId", "algoType", "strategyId", "newClientStrategyId",
    }
)  # fmt: skip
# Params that make ccxt pick another market type than the symbol's own.
ROUTING_KEYS = frozenset({"type", "defaultType", "subType", "defaultSubType", "stock", "defaultStock", "callerMethodName"})
# ccxt's switches, read the way ccxt reads them and never sent (see portfolio_margin_switch, margin_mode).
PORTFOLIO_KEYS = frozenset({"papi", "defaultPapi", "portfolioMargin", "defaultPortfolioMargin"})
MARGIN_MODE_KEYS = frozenset({"marginMode", "defaultMarginMode"})

CLIENT_ID_KEYS = ("origClientOrderId", "clientOrderId")  # ccxt reads them in this order
CLIENT_LIST_KEYS = ("origClientOrderIdList", "clientOrderIds")
# What a cancel consumes from params (never sent as such), by method: the ids, and ccxt's switches.
SWITCH_KEYS = PORTFOLIO_KEYS | MARGIN_MODE_KEYS
CONSUMED_ONE = SWITCH_KEYS | {"orderId", *CLIENT_ID_KEYS}
CONSUMED_BATCH = SWITCH_KEYS | set(CLIENT_LIST_KEYS)
# Spellings of the batch lists that would bypass the ids argument; refused as ambiguous.
RAW_LIST_KEYS = ("orderIdList", "orderidlist", "origclientorderidlist")

# Binance's rule for client order ids (newClientOrderId on every product's "New Order" page).
CLIENT_ID_RULE = re.compile(r"[.A-Z:/a-z0-9_-]{1,36}")


# --- the portfolio-margin and margin-mode switches, read as ccxt reads them ---------------


# How ccxt spells the portfolio-margin switch: 'papi' first, then 'portfolioMargin', each also as default*.
PORTFOLIO_OPTIONS = (("papi", "defaultPapi"), ("portfolioMargin", "defaultPortfolioMargin"))


def option_value(options: Mapping[str, Any], method: str, names: tuple[str, str]) -> Any:
    """``handle_option_and_params`` without params: options[method][name], then options[name] (each also as defaultName)."""
    scoped = options.get(method)
    if scoped is not None and isinstance(scoped, Mapping):
        for name in names:
            value = scoped.get(name)
            if value is not None:
                return value
    for name in names:
        value = options.get(name)
        if value is not None:
            return value
    return None


def portfolio_margin(options: Mapping[str, Any], method: str) -> bool:
    """Portfolio margin possibly switched on in options: any value but False counts (COIN-M's cautious reading: it declines then).

    A plain dict walk: ccxt's helper costs more than the rest of a hook.
    """
    for names in PORTFOLIO_OPTIONS:
        value = option_value(options, method, names)
        if value is not None:
            return value is not False
    return False


def _param_or_option(params: Mapping[str, Any], options: Mapping[str, Any], method: str, names: tuple[str, str]) -> Any:
    for name in names:
        value = params.get(name)
        if value is not None:
            return value
    return option_value(options, method, names)


def portfolio_margin_switch(exchange_id: str, options: Mapping[str, Any], method: str, params: Mapping[str, Any]) -> bool:
    """ccxt's ``handle_option_bool_and_params_2(params, method, 'papi', 'portfolioMargin', False)``, exactly.

    'papi' through params, options[method] and options first; only if it is
    nowhere, 'portfolioMargin' the same way. ``check_option_bool``: booleans,
    'true'/'false' and 1/0 count; anything else is ccxt's own BadRequest.
    """
    value = None
    for names in PORTFOLIO_OPTIONS:
        value = _param_or_option(params, options, method, names)
        if value is not None:
            break
    if value is None or value is False or value is True:
        return value is True
    if value == "true" or (isinstance(value, (int, float)) and value == 1):
        return True
    if value == "false" or (isinstance(value, (int, float)) and value == 0):
        return False
    raise BadRequest(f"{exchange_id} {method}() option papi must be a boolean")


def margin_mode(options: Mapping[str, Any], method: str, params: Mapping[str, Any]) -> Any:
    """ccxt's ``handle_margin_mode_and_params(method, params)``: params, then options[method], then options (each also default*)."""
    return _param_or_option(params, options, method, ("marginMode", "defaultMarginMode"))


# --- input checks (pure) -------------------------------------------------------------------


def long_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    """An order id that is a Java LONG: non-negative digits up to 2**63-1, returned in canonical decimal."""
    if type(value) is str and len(value) < 19 and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
        return value  # the common case: already canonical, and 18 digits always fit
    text = checks.digits_id(exchange_id, method, name, value)
    number = int(text)
    if number > LONG_MAX:
        raise BadRequest(f"{exchange_id} {method}() {name} must fit a signed 64-bit LONG (at most {LONG_MAX}), got {value!r}")
    return str(number)


def recv_window(exchange_id: str, method: str, params: Mapping[str, Any], options: Mapping[str, Any]) -> int | None:
    """The recvWindow this call will send, checked: an integer from 1 to 60000 (params first, else options).

    Only for products whose pages cap it at 60000. An integer even where a
    page allows three decimals (spot): ccxt's ``binance.sign`` sends
    ``safe_integer(recvWindow)``, so a decimal would be truncated silently.
    """
    if "recvWindow" in params:
        name, value = "params['recvWindow']", params["recvWindow"]
    else:
        value = options.get("recvWindow")
        if value is None:
            return None
        if type(value) is int and 1 <= value <= RECV_WINDOW_MAX:
            return value  # the common case: ccxt's default option, 10000
        name = "options['recvWindow']"
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (isinstance(value, str) and not checks.is_ascii_digits(value)):
        raise BadRequest(f"{exchange_id} {method}() {name} must be an integer from 1 to {RECV_WINDOW_MAX} (milliseconds), got {value!r}")
    number = int(value)
    if not 1 <= number <= RECV_WINDOW_MAX:
        raise BadRequest(f"{exchange_id} {method}() {name} must be an integer from 1 to {RECV_WINDOW_MAX} (milliseconds), got {value!r}")
    return number


def client_id(exchange_id: str, method: str, params: Mapping[str, Any]) -> str | None:
    """The client order id in params (``origClientOrderId`` or ccxt's alias ``clientOrderId``), or None."""
    if "origClientOrderId" not in params and "clientOrderId" not in params:
        return None
    found = {key: params[key] for key in CLIENT_ID_KEYS if key in params}
    for key, value in found.items():
        if isinstance(value, bool) or not isinstance(value, (str, int)) or (isinstance(value, str) and not value):
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] must be a non-empty string, got {value!r}")
        checks.not_missing_text(exchange_id, method, f"params[{key!r}]", str(value))
    values = {str(v) for v in found.values()}
    if len(values) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client ids {found!r}; pass one of {CLIENT_ID_KEYS}")
    return values.pop() if values else None


def client_id_list(exchange_id: str, method: str, params: Mapping[str, Any]) -> list[str]:
    """The client-id list in params (``origClientOrderIdList`` or ccxt's ``clientOrderIds``), empty if none."""
    found = {key: params[key] for key in CLIENT_LIST_KEYS if key in params}
    lists: dict[str, list[str]] = {}
    for key, value in found.items():
        if not isinstance(value, (list, tuple)):
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] must be a list of client order ids, got {type(value).__name__}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not CLIENT_ID_RULE.fullmatch(item):
                raise BadRequest(
                    f"{exchange_id} {method}() params[{key!r}][{index}] must be a client order id matching ^[.A-Z:/a-z0-9_-]{{1,36}}$, got {item!r}"
                )
            checks.not_missing_text(exchange_id, method, f"params[{key!r}][{index}]", item)
        lists[key] = list(value)
    distinct = {tuple(v) for v in lists.values()}
    if len(distinct) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client-id lists; pass one of {CLIENT_LIST_KEYS}")
    return list(distinct.pop()) if distinct else []


def check_symbol_param(exchange_id: str, method: str, params: Mapping[str, Any], market_id: str) -> None:
    if "symbol" in params and params["symbol"] != market_id:
        raise BadRequest(f"{exchange_id} {method}() params['symbol'] {params['symbol']!r} contradicts the symbol argument (market id {market_id!r})")


def refuse_selector(exchange_id: str, method: str, params: Mapping[str, Any], product: str) -> None:
    """BitoPro's ``margin`` selector must not leak into a signed Binance query (Binance refuses params it does not read)."""
    if "margin" in params:
        raise BadRequest(f"{exchange_id} {method}() params['margin'] is not a Binance parameter ({product}); select margin with params['marginMode']")


ID_KEYS = ("orderId", *CLIENT_ID_KEYS, *CLIENT_LIST_KEYS, *RAW_LIST_KEYS)


def refuse_ids(exchange_id: str, method: str, params: Mapping[str, Any]) -> None:
    """A cancel-all names no order: an id in its params would be refused by the page's parameter table, or read as a narrower cancel."""
    for key in ID_KEYS:
        if key in params:
            raise BadRequest(f"{exchange_id} {method}() cancels every open order of the symbol; params[{key!r}] names an order: use cancel_order")


def order_id(exchange_id: str, method: str, id: Any, params: Mapping[str, Any]) -> str | None:
    """The order id of a single cancel: ``id``, or ``params['orderId']`` (ccxt's params override the id), as a LONG; both must agree."""
    if "orderId" in params:
        from_params = long_id(exchange_id, method, "params['orderId']", params["orderId"])
        if not checks.no_order_id(id) and long_id(exchange_id, method, "id", id) != from_params:
            raise BadRequest(f"{exchange_id} {method}() id {id!r} and params['orderId'] {params['orderId']!r} differ; pass one")
        return from_params
    return None if checks.no_order_id(id) else long_id(exchange_id, method, "id", id)


def id_fields(exchange_id: str, method: str, id: Any, params: Mapping[str, Any], *, both: bool = False) -> dict[str, str]:
    """The id fields of a single cancel: ``orderId``, ``origClientOrderId``, or (``both``) each one given.

    Every Binance cancel page says "Either orderId or origClientOrderId must
    be sent". Spot's adds that with both, the two are checked against each
    other, so spot sends both (``both=True``). The futures, margin and
    portfolio-margin pages are silent on both, so the exchange's own id wins
    and the client id is not sent. Neither given: ``ArgumentsRequired``.
    """
    cid = client_id(exchange_id, method, params)
    oid = order_id(exchange_id, method, id, params)
    if oid is None:
        if cid is None:
            raise ArgumentsRequired(f"{exchange_id} {method}() requires an order id, or params['origClientOrderId'] when id is None or ''")
        return {"origClientOrderId": cid}
    if cid is None:
        return {"orderId": oid}
    if both:
        return {"orderId": oid, "origClientOrderId": cid}
    log.debug("%s %s: orderId takes precedence; client id not sent", exchange_id, method)
    return {"orderId": oid}


def batch_keys(exchange_id: str, method: str, ids: Any, params: Mapping[str, Any]) -> tuple[list[str], bool]:
    """The ids of a batch and whether they are order ids (True) or client ids (False); order ids win when both are given.

    Order ids come from ``ids`` (each a LONG), client ids from
    ``params['origClientOrderIdList']`` or ccxt's ``clientOrderIds``. Raw
    list spellings are refused, duplicates too (an answer could not be
    matched to one of two equal ids).
    """
    for key in (*RAW_LIST_KEYS, "orderId", *CLIENT_ID_KEYS):
        if key in params:
            # A single id beside a list would be sent with every chunk (or override each single cancel's id).
            raise BadRequest(
                f"{exchange_id} {method}() params[{key!r}] is not accepted: pass order ids as the ids argument, client ids as params['origClientOrderIdList']"
            )
    if ids is not None and not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange_id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    order_ids = []
    for index, value in enumerate(ids or []):
        if value is None:
            raise BadRequest(f"{exchange_id} {method}() ids[{index}] is None; every order id must be a LONG")
        order_ids.append(long_id(exchange_id, method, f"ids[{index}]", value))
    client_ids = client_id_list(exchange_id, method, params)
    if order_ids:
        return batch.unique_keys(exchange_id, method, "ids", order_ids), True
    if client_ids:
        return batch.unique_keys(exchange_id, method, "params['origClientOrderIdList']", client_ids), False
    raise ArgumentsRequired(f"{exchange_id} {method}() requires a non-empty ids list, or params['origClientOrderIdList'] when ids is empty")


def extra_params(
    exchange_id: str, method: str, given: Mapping[str, Any], consumed: Collection[str], options: Mapping[str, Any], capped: bool = True
) -> dict[str, Any]:
    """Params passed through as ccxt would, after the keys the plugin consumed; recvWindow checked where the page caps it (``capped``)."""
    extra = {k: v for k, v in given.items() if k not in consumed and k != "symbol"} if given else {}
    if capped:
        window = recv_window(exchange_id, method, given, options)
        extra.pop("recvWindow", None)
        if "recvWindow" in given and window is not None:
            extra["recvWindow"] = window  # the checked integer; an options value is added by ccxt's sign
    return extra


# --- answers (pure) ------------------------------------------------------------------------


def named_in(answer: Mapping[str, Any], fields: Mapping[str, Any]) -> str | None:
    """The id an answer names for the field the cancel was keyed by: its orderId, else its client id.

    Spot and margin answers carry the canceled order's client id as
    ``origClientOrderId`` (their ``clientOrderId`` is the cancel request's own
    new id); futures and portfolio-margin answers as ``clientOrderId``.
    """
    if "orderId" in fields:
        value = answer.get("orderId")
    else:
        value = answer.get("origClientOrderId", answer.get("clientOrderId")) if answer.get("orderId") is not None else None
    return None if value is None else str(value)


def parse_one(exchange: Any, market: dict[str, Any], fields: Mapping[str, Any], answers: list[Any]) -> Any:
    """A single cancel's answer: the order it names must be the one requested (``fields``), or the outcome is unknown."""
    (answer,) = answers
    if not isinstance(answer, Mapping) or answer.get("orderId") is None:
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrder() expected an order with an orderId, got {answer!r}; the outcome is unknown")
    field = "orderId" if "orderId" in fields else "origClientOrderId"
    key = fields[field]
    named = named_in(answer, fields)
    if named != str(key):
        raise errors.unknown_outcome(
            BadResponse,
            f"{exchange.id} cancelOrder() asked to cancel {field} {key} but the answer is about {named!r}; the outcome for {key} is unknown: {answer!r}",
        )
    return exchange.parse_order(answer, market)


def read_chunk(exchange: Any, market: dict[str, Any], ledger: batch.Ledger, key_field: str, answer: Any, positions: Sequence[int]) -> None:
    """One batch answer into the ledger, item by item, matched by identity (``batch.match``).

    A failed item (``{"code": -2011, "msg": "Unknown order sent."}``) names
    no order: it fails the first requested id no item named, with the ccxt
    class binance's own error table gives that code; the item is the entry's
    ``info``. A requested id that no item answers has an unknown outcome.
    """
    keys = [ledger.keys[i] for i in positions]
    if not isinstance(answer, list) or not all(isinstance(item, Mapping) for item in answer):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrders() expected a list of items for {keys!r}, got {answer!r}; the outcome is unknown")
    fields = {"orderId": None} if key_field == "orderId" else {"origClientOrderId": None}
    found = batch.match(answer, keys, lambda item: named_in(item, fields))
    if answer and not any(found):
        # Items, but none about a requested id: the answer proves nothing about this chunk.
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrders() no item of the answer names one of {keys!r}; the outcome is unknown: {answer!r}"
        )
    if not answer:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrders() expected an item for each of {keys!r}, got an empty list; the outcome is unknown"
        )
    for index, key, item in zip(positions, keys, found, strict=True):
        if item is None:
            error = errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrders() the answer has no item for {key_field} {key}; its outcome is unknown")
            ledger.failed(index, error)
        elif item.get("orderId") is None:
            feedback = f"{exchange.id} cancelOrders() {key_field} {key}: {json.dumps(item, separators=(',', ':'))}"
            ledger.failed(index, batch.item_error(exchange, item.get("code"), item.get("msg"), feedback), item)
        else:
            ledger.canceled(index, exchange.parse_order(item, market))


def parse_all(exchange: Any, market: dict[str, Any], answers: list[Any]) -> list[Any]:
    """A futures cancel-all: ccxt's own shape, a list answer parsed, the documented ``{"code": 200, "msg": ...}`` acknowledgement wrapped.

    Anything else (an empty or truncated body) proves nothing: BadResponse, never a result.
    """
    (answer,) = answers
    if isinstance(answer, list):
        return list(exchange.parse_orders(answer, market))
    if isinstance(answer, Mapping) and str(answer.get("code")) == "200":
        return [exchange.safe_order({"info": answer})]
    raise BadResponse(f"{exchange.id} cancelAllOrders() expected the documented {{'code': 200, 'msg': ...}} acknowledgement, got {answer!r}")


FUTURES_OPEN = "openOrders"  # GET /fapi/v1/openOrders, /dapi/v1/openOrders with a symbol: weight 1 (DESIGN.md section 10)


def verify_futures_all(exchange: Any, market: dict[str, Any], cancel: Request, result: Any, policy: resolve.Policy) -> Steps | None:
    """A futures cancel-all with ``confirm``: ``GET openOrders`` for the symbol again (core ``verify_listing``).

    The answer (``{"code": 200, "msg": ...}``) acknowledges the whole symbol
    and names no order, so an order still listed after the last round is an
    unknown outcome, and what is left is cancelled by the same cancel-all.
    """
    if not isinstance(result, list):
        return None
    query = Request(FUTURES_OPEN, cancel.api, "GET", {"symbol": market["id"]}, resolve.ccxt_cost(exchange, cancel.api, "GET", FUTURES_OPEN))

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        answer = yield query
        if not isinstance(answer, list) or not all(isinstance(o, Mapping) and o.get("orderId") is not None for o in answer):
            raise BadResponse(f"{exchange.id} fetchOpenOrders: expected a list of orders with an orderId, got {str(answer)[:300]}")
        return {str(o["orderId"]): o for o in answer if o.get("symbol") == market["id"]}

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        answer = yield cancel
        return [o for o in parse_all(exchange, market, [answer]) if o.get("id") is not None]  # an acknowledgement adds no entry

    return resolve.verify_listing(
        exchange, market["symbol"], list(result), still_open, cancel_left, "openOrders", policy, client_key="clientOrderId", acknowledged_all=True
    )


def parse_all_reports(exchange: Any, market: dict[str, Any], answers: list[Any]) -> list[Any]:
    """A spot or margin cancel-all: the documented list of cancel reports, one unified order per canceled order.

    An order list (OCO ...) comes as one entry whose ``orderReports`` are its
    canceled orders; each report becomes an order (ccxt's ``parse_orders``
    would turn the list entry itself into an order without id or status).
    Each report carries ``"status": "CANCELED"``, which ``parse_order`` maps
    to ``'canceled'``.
    """
    (answer,) = answers
    if not isinstance(answer, list) or not all(isinstance(item, Mapping) for item in answer):
        raise BadResponse(f"{exchange.id} cancelAllOrders() expected the documented list of canceled orders, got {answer!r}")
    reports: list[Any] = []
    for item in answer:
        nested = item.get("orderReports")
        if isinstance(nested, list):
            reports.extend(report for report in nested if isinstance(report, Mapping))
        else:
            reports.append(item)
    return [exchange.parse_order(report, market) for report in reports]


# --- HTTP answers before ccxt's handle_errors -------------------------------------------------

# Futures and portfolio-margin general info, "HTTP Return Codes": a 503 with this
# message means the request reached the engine but no answer came in time; with
# "Service Unavailable." or "Internal error; ..." it is a failure to retry.
UNKNOWN_OUTCOME_MESSAGE = "Unknown error, please check your request or try again later."


def _unknown(exchange_id: str, kind: type[BaseError], answer: HttpAnswer) -> BaseException:
    error: BaseException = errors.unknown_outcome(
        kind,
        f"{exchange_id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status} {answer.reason}: outcome UNKNOWN, the order may or may not have been canceled; "
        f"check it with fetch_order or retry the cancel. {answer.body}",
    )
    return error


def unknown_outcome(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """HTTP 503 (futures, portfolio margin): an outcome Binance documents as unknown never reads as a failure, nor as canceled.

    ``ExchangeNotAvailable`` (the class ccxt itself gives HTTP 503) whose
    message says the outcome is unknown, for Binance's "Unknown error"
    message; other 503 answers are failures and stay with ccxt's mapping
    (which never reads a 503 body as an order). ccxt's code table alone
    would turn the unknown case's ``{"code": -1000}`` into ``OperationFailed``.
    """
    if answer.status != 503 or UNKNOWN_OUTCOME_MESSAGE not in answer.body:
        return None
    return _unknown(exchange_id, ExchangeNotAvailable, answer)


def unknown_outcome_5xx(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """Any HTTP 5XX (spot and margin): their general info says the execution status of every 5XX is UNKNOWN.

    "HTTP 5XX return codes are used for internal errors; the issue is on
    Binance's side. It is important to NOT treat this as a failure
    operation; the execution status is UNKNOWN and could have been a
    success." The class is the one ccxt gives that HTTP status
    (``ExchangeNotAvailable``, ``RequestTimeout`` for 504), the message says
    UNKNOWN, and no 5XX body is ever read as an order.
    """
    if not 500 <= answer.status < 600:
        return None
    kind = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
    return _unknown(exchange_id, kind, answer)


def batch_answer(on_error: Callable[[HttpAnswer], BaseException | None], answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 2xx list is read item by item; ccxt's handle_errors would raise on a one-item list holding an error."""
    if 200 <= answer.status < 300 and isinstance(answer.json, list):
        return ACCEPT
    return on_error(answer)


# Portfolio-margin error codes ccxt 4.5's 'portfolioMargin' table maps to a class that hides
# what the PM error-code page says they are (https://developers.binance.com/docs/derivatives/
# portfolio-margin/error-code): -1021 INVALID_TIMESTAMP and -1022 INVALID_SIGNATURE become
# BadRequest there, and -1007 TIMEOUT ("Send status unknown; execution status unknown.")
# BadResponse. Here they get the classes ccxt gives them on every other Binance API, so a
# batch stops after a clock or credentials error and an unknown outcome says so.
PAPI_CODES: dict[str, type[BaseException]] = {"-1021": InvalidNonce, "-1022": AuthenticationError}


def papi_error(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    error = unknown_outcome(exchange_id, answer)
    if error is not None or answer.status < 400 or not isinstance(answer.json, Mapping):
        return error
    code = str(answer.json.get("code"))
    if code == "-1007":
        return _unknown(exchange_id, RequestTimeout, answer)
    kind = PAPI_CODES.get(code)
    return None if kind is None else kind(f"{exchange_id} {answer.body}")


# --- unknown outcomes, resolved -----------------------------------------------------------------

# Every product's query endpoint is its cancel path with GET ("Query Order": spot GET /api/v3/order,
# USD-M GET /fapi/v1/order, COIN-M GET /dapi/v1/order, margin GET /sapi/v1/margin/order, portfolio
# margin GET /papi/v1/{um,cm,margin}/order), reading the same ids and scope; the parameters these
# pages list. Any other cancel parameter (cancelRestrictions, newClientOrderId) would be refused there.
QUERY_KEYS = ("symbol", "orderId", "origClientOrderId", "isIsolated", "recvWindow")


def read_query(exchange: Any, market: dict[str, Any], fields: Mapping[str, Any], answer: Any) -> dict[str, Any]:
    """A Query Order answer: the order it names must be the one asked about (``parse_one``'s rule), parsed by ccxt."""
    order: dict[str, Any] = parse_one(exchange, market, fields, [answer])
    return order


def resolution(exchange: Any, market: dict[str, Any], cancel: Request) -> Resolution:
    """How to learn what became of the order ``cancel`` names, and cancel it again by its orderId."""
    given = dict(cancel.params) if isinstance(cancel.params, Mapping) else {}
    asked = {key: given[key] for key in QUERY_KEYS if key in given}
    fields: dict[str, Any] = {key: asked[key] for key in ("orderId", "origClientOrderId") if key in asked}
    query = Request(cancel.path, cancel.api, "GET", asked, resolve.ccxt_cost(exchange, cancel.api[0], "GET", cancel.path))

    return Resolution(
        query=query,
        read=partial(read_query, exchange, market, fields),
        cancel_again=resolve.again_by_id(cancel, "orderId", ("origClientOrderId",)),
        read_cancel=lambda order_id, answer: parse_one(exchange, market, {"orderId": order_id}, [answer]),
    )


# USD-M "All Orders (USER_DATA)", GET /fapi/v1/allOrders (developers.binance.com/docs/derivatives/
# usds-margined-futures/trade/rest-api/All-Orders, read 2026-12-05): weight 5; "If orderId is set, it will
# get orders >= that orderId"; limit "Default 500; max 1000"; not found: "order status is CANCELED or
# EXPIRED AND order has NO filled trade AND created time + 3 days < current time". COIN-M's
# /dapi/v1/allOrders takes the same parameters; its cost is ccxt's table's.
ALL_ORDERS = "allOrders"
ALL_ORDERS_LIMIT = 1000
FUTURES_ONE = "order"  # DELETE and GET /fapi/v1/order, /dapi/v1/order: the single cancel and Query Order


def batch_items(exchange: Any, market: dict[str, Any], build: Callable[[dict[str, str]], Request], by_order_id: bool, listing: Sequence[str] | None) -> Items:
    """How the core resolves a batch's unknown entries: Query Order per id, or (futures, order ids) one All Orders page.

    ``build`` makes the single cancel of one id; ``listing`` is the API of
    the futures All Orders endpoint (None: per id only; spot, margin and
    portfolio margin batches are single cancels, each resolved by its query).
    """
    field = "orderId" if by_order_id else "origClientOrderId"

    def one(key: str) -> Resolution:
        return resolution(exchange, market, build({field: key}))

    bulk = partial(all_orders, exchange, market, listing) if listing is not None and by_order_id else None
    return Items("id" if by_order_id else "clientOrderId", one, bulk)


def all_orders(exchange: Any, market: dict[str, Any], api: Sequence[str], keys: Sequence[str]) -> Bulk | None:
    """One All Orders page from the lowest requested orderId: every requested order created since is on it (up to 1000)."""
    if not all(checks.is_ascii_digits(key) for key in keys):
        return None
    wanted = frozenset(keys)
    query = {"symbol": market["id"], "orderId": min(keys, key=int), "limit": str(ALL_ORDERS_LIMIT)}

    def read(answers: list[Any]) -> dict[str, dict[str, Any]]:
        (answer,) = answers
        if not isinstance(answer, list):
            raise BadResponse(f"{exchange.id} fetchOrders: All Orders expected a list, got {str(answer)[:300]}")
        found: dict[str, dict[str, Any]] = {}
        for item in answer:
            if isinstance(item, Mapping) and str(item.get("orderId")) in wanted and item.get("symbol") == market["id"]:
                found[str(item["orderId"])] = exchange.parse_order(item, market)
        return found

    return Bulk([Request(ALL_ORDERS, api, "GET", query, resolve.ccxt_cost(exchange, api[0], "GET", ALL_ORDERS))], read)


# --- batches ------------------------------------------------------------------------------------


def futures_batch_plan(
    exchange: Any,
    method: str,
    keys: list[str],
    by_order_id: bool,
    market_id: str,
    market: dict[str, Any],
    template: Request,
    limit: int,
    on_error: Callable[[HttpAnswer], BaseException | None],
) -> Plan:
    """``DELETE .../batchOrders`` in chunks of ``limit`` ids, read item by item (``read_chunk``) under the batch rule.

    The lists go in as Python lists, the way ``binance.sign`` expects them
    for ``DELETE batchOrders`` (``orderidlist`` / ``origClientOrderIdList``):
    it encodes them and signs exactly what it sends. ``template`` carries the
    path, api, cost and the extra params of every chunk.
    """
    list_param, key_field = ("orderidlist", "orderId") if by_order_id else ("origClientOrderIdList", "clientOrderId")
    ledger = batch.Ledger(exchange, method, keys, "id" if by_order_id else "clientOrderId", market["symbol"])
    extra = dict(template.params) if isinstance(template.params, Mapping) else {}
    chunks = [
        (
            Request(template.path, template.api, template.method, {"symbol": market_id, list_param: keys[start : start + limit], **extra}, template.cost),
            range(start, min(start + limit, len(keys))),
        )
        for start in range(0, len(keys), limit)
    ]
    read = partial(read_chunk, exchange, market, ledger, key_field)

    def build(fields: dict[str, str]) -> Request:
        cost = resolve.ccxt_cost(exchange, template.api[0], "DELETE", FUTURES_ONE)
        return Request(FUTURES_ONE, template.api, "DELETE", {"symbol": market_id, **fields, **extra}, cost)

    return Plan(
        steps=batch.chunked(ledger, chunks, read),
        on_error=partial(batch_answer, on_error),
        expected_requests=len(chunks),
        items=partial(batch_items, exchange, market, build, by_order_id, template.api),
    )


# --- batches without a batch endpoint: one single cancel per id ---------------------------------


def read_single(exchange: Any, market: dict[str, Any], ledger: batch.Ledger, answer: Any, positions: Sequence[int]) -> None:
    """One single-cancel answer into the ledger: the documented order, or BadResponse."""
    (index,) = positions
    fields = {"orderId" if ledger.key_field == "id" else "origClientOrderId": ledger.keys[index]}
    ledger.canceled(index, parse_one(exchange, market, fields, [answer]))


def per_id_plan(
    exchange: Any,
    method: str,
    keys: list[str],
    by_order_id: bool,
    symbol: str,
    market: dict[str, Any],
    build: Callable[[dict[str, str]], Request],
    on_error: Callable[[HttpAnswer], BaseException | None],
) -> Plan:
    """A batch sent as one single cancel per id (``build`` makes the request from ``{"orderId": id}`` or ``{"origClientOrderId": id}``).

    ``batch.chunked`` with chunks of one: each id gets an entry, a failed id
    keeps its id and its error, the plan goes on after a failure and stops
    after a rate limit, credentials or clock error (those ids then say "not sent").
    """
    field = "orderId" if by_order_id else "origClientOrderId"
    ledger = batch.Ledger(exchange, method, keys, "id" if by_order_id else "clientOrderId", symbol)
    chunks = [(build({field: key}), (index,)) for index, key in enumerate(keys)]
    return Plan(
        steps=batch.chunked(ledger, chunks, partial(read_single, exchange, market, ledger)),
        on_error=on_error,
        expected_requests=len(chunks),
        items=partial(batch_items, exchange, market, build, by_order_id, None),
    )
