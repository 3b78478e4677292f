"""Binance's id rules and input checks, shared by every product: ids, recvWindow, client ids, ccxt's switches.

Binance documents its products on separate pages (spot ``/api/v3``, USD-M
``/fapi/v1``, COIN-M ``/dapi/v1``, margin ``/sapi/v1/margin``, portfolio
margin ``/papi/v1``), but they agree on much: ``orderId`` is a LONG, a
client id goes in ``origClientOrderId``, ``recvWindow`` is capped where a
page says so. Everything here is pure: a check that fails raises a ccxt
error that names the parameter and the rule, before anything is sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping
from typing import Any

from ccxt.base.errors import (
    ArgumentsRequired,
    BadRequest,
)

from ccxt_cancel import batch, checks
from ccxt_cancel.builtins.binance.limits import RECV_WINDOW_MAX

log = logging.getLogger("ccxt_cancel")

LONG_MAX = 2**63 - 1

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
        if type(value) is str and len(value) < 19 and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            order_ids.append(value)  # long_id's common case, in place: a 1000-id batch checks 1000 ids
            continue
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
