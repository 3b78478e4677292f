"""Built-in plugin ``binance_margin``: Binance cross and isolated margin cancels (``/sapi/v1/margin``) from the margin pages.

The gaps (ccxt 4.5.90, measured on a stub transport; see :data:`GAPS`)
--------------------------------------------------------------------
* With a client id in ``params`` ccxt sends ``origClientOrderId`` only and
  drops the order id; with ``id=None`` it sends ``orderId=None``.
* A cold cancel first loads every market: 8 requests on ``binance``.
* ccxt charges ``DELETE /sapi/v1/margin/order`` cost 0.006667 ("Weight(UID):
  1"); the page says "Request Weight 10(IP)", which in ccxt's own sapi unit
  ("1 IP (sapi) => cost = 0.1") is 1.0: ccxt lets 150 times too many
  through its throttler.
* ``cancel_orders`` raises ``BadRequest`` on a margin symbol; margin has no
  batch endpoint. ``cancel_all_orders`` turns an OCO list into one order
  without id or status.

What is claimed
---------------
On ``binance``, a spot symbol (``BTC/USDT``, or ``BTCUSDT`` as ccxt reads
it) whose ``marginMode`` is ``'cross'`` or ``'isolated'``, read exactly as
ccxt's ``handle_margin_mode_and_params`` reads it: ``params['marginMode']``
/ ``['defaultMarginMode']``, then ``options['cancelOrder']`` (per method),
then ``options``; not in portfolio margin. Any other marginMode value
(ccxt: cross margin) stays ccxt's. ``marginMode`` never reaches the wire.

Rules (developers.binance.com/docs/margin_trading/trade)
-------------------------------------------------------
``cancel_order`` (Margin-Account-Cancel-Order, ``DELETE
    /sapi/v1/margin/order``, "Request Weight 10(IP)"): "Either orderId or
    origClientOrderId must be sent." The page is silent on both: with
    both, ``orderId`` only (the exchange's own id wins; the client id is
    not sent). ``isIsolated`` "TRUE" for isolated margin (the page's
    spelling; ccxt sends ``true``), nothing for cross (default "FALSE"); a
    ``params['isIsolated']`` that contradicts the marginMode is refused.
    ``recvWindow`` "cannot be greater than 60000"; ``orderId`` a LONG.
``cancel_orders``: no batch endpoint (margin's DELETE routes are
    ``order``, ``openOrders`` and ``orderList``), so one ``DELETE
    /sapi/v1/margin/order`` per id (n ids, n requests, weight 10 each)
    under the batch rule.
``cancel_all_orders`` (Margin-Account-Cancel-All-Open-Orders, ``DELETE
    /sapi/v1/margin/openOrders``, weight 1, OCO orders included): each
    cancel report (``"status": "CANCELED"``) is a canceled order; an
    order list contributes its ``orderReports``.
HTTP 5XX (margin general info, as on spot): "the execution status is
    UNKNOWN and could have been a success": said so, never canceled.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import BadRequest, BaseError

from ccxt_cancel import checks, probe
from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all_reports, parse_one, per_id_plan, resolution
from ccxt_cancel.builtins.binance.errors import unknown_outcome_5xx
from ccxt_cancel.builtins.binance.ids import (
    CONSUMED_BATCH,
    CONSUMED_ONE,
    SWITCH_KEYS,
    batch_keys,
    check_symbol_param,
    extra_params,
    id_fields,
    refuse_ids,
    refuse_selector,
)
from ccxt_cancel.builtins.binance.sources import MARGIN_PAGE_ONE as PAGE_ONE
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Plan, Request

CCXT_CANCEL_EXCHANGES = frozenset({"binance"})
API = ("sapi",)


# The pages' weights in ccxt's sapi unit ("1 IP (sapi) => cost = 0.1", 12 000 per minute):
# order 10(IP) => 1.0 (ccxt's own entry says 0.006667, "Weight(UID): 1"); openOrders 1 => 0.1.
PATH_ONE, COST_ONE = "margin/order", 1.0
# What this plugin asks ccxt's sign to sign, for the start-up self-check (selfcheck.py).
SIGNED_APIS = {exchange_id: [(API[0], PATH_ONE, "DELETE")] for exchange_id in sorted(CCXT_CANCEL_EXCHANGES)}
PATH_ALL, COST_ALL = "margin/openOrders", 0.1

# isIsolated is read by _claim and sent by _request in the page's spelling.
CONSUMED_ONE_MARGIN = CONSUMED_ONE | {"isIsolated"}
CONSUMED_BATCH_MARGIN = CONSUMED_BATCH | {"isIsolated"}
CONSUMED_ALL_MARGIN = SWITCH_KEYS | {"isIsolated"}
ISOLATED_VALUES = {True: True, "TRUE": True, "true": True, False: False, "FALSE": False, "false": False}


def _claim(exchange: Any, method: str, symbol: Any, given: dict[str, Any]) -> markets.Route | None:
    target = markets.route(exchange, method, symbol, given)
    if target is None or target.product != markets.MARGIN:
        return None
    refuse_selector(exchange.id, method, given, "margin is selected by marginMode")
    checks.wire_safe_params(exchange.id, method, given)
    check_symbol_param(exchange.id, method, given, target.market_id)
    if "isIsolated" in given:
        value = given["isIsolated"]
        if type(value) not in (bool, str) or value not in ISOLATED_VALUES or ISOLATED_VALUES[value] is not target.isolated:
            mode = "isolated" if target.isolated else "cross"
            raise BadRequest(f"{exchange.id} {method}() params['isIsolated'] {value!r} contradicts marginMode {mode!r}; leave isIsolated out")
    return target


def _request(exchange: Any, method: str, target: markets.Route, given: dict[str, Any], consumed: Collection[str]) -> dict[str, Any]:
    request: dict[str, Any] = {"symbol": target.market_id}
    if target.isolated:
        request["isIsolated"] = "TRUE"  # the page's spelling: "TRUE", "FALSE", default "FALSE"
    request.update(extra_params(exchange.id, method, given, consumed, exchange.options))
    return request


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    target = _claim(exchange, method, symbol, params)
    if target is None:
        return None
    fields = id_fields(exchange.id, method, id, params)
    request = _request(exchange, method, target, params, CONSUMED_ONE_MARGIN)
    request.update(fields)
    cancel = Request(PATH_ONE, API, "DELETE", request, COST_ONE)
    return Plan(
        requests=[cancel],
        parse=partial(parse_one, exchange, target.market, fields),
        on_error=partial(unknown_outcome_5xx, exchange.id),
        resolution=partial(resolution, exchange, target.market, cancel),
    )


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    target = _claim(exchange, method, symbol, params)
    if target is None:
        return None
    keys, by_order_id = batch_keys(exchange.id, method, ids, params)
    request = _request(exchange, method, target, params, CONSUMED_BATCH_MARGIN)

    def build(fields: dict[str, str]) -> Request:
        return Request(PATH_ONE, API, "DELETE", {**request, **fields}, COST_ONE)

    return per_id_plan(exchange, method, keys, by_order_id, target.market["symbol"], target.market, build, partial(unknown_outcome_5xx, exchange.id))


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelAllOrders"
    target = _claim(exchange, method, symbol, params)
    if target is None:
        return None
    refuse_ids(exchange.id, method, params)
    return Plan(
        requests=[Request(PATH_ALL, API, "DELETE", _request(exchange, method, target, params, CONSUMED_ALL_MARGIN), COST_ALL)],
        parse=partial(parse_all_reports, exchange, target.market),
        on_error=partial(unknown_outcome_5xx, exchange.id),
    )


# --- the gaps, as data -----------------------------------------------------------------------

ORDER_ID = "28"  # the page's example order
CROSS = {"marginMode": "cross"}


def _probe_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="LTCBTC", symbol="LTC/BTC", base="LTC", quote="BTC", baseId="LTC", quoteId="BTC", type="spot", spot=True, margin=True,
    )  # fmt: skip


PROBED = gaps.Product("binance", "LTC/BTC", ORDER_ID, _probe_market, CROSS, path="/sapi/v1/margin/order")


def _under_charges() -> bool:
    costs: list[Any] = []
    PROBED.run("cancel_order", ORDER_ID, "LTC/BTC", dict(CROSS), costs=costs)
    return bool(costs) and float(costs[-1]) < COST_ONE


def _cannot_cancel_orders() -> bool:
    outcome = PROBED.run("cancel_orders", [ORDER_ID, "29"], "LTC/BTC", dict(CROSS))
    return isinstance(outcome.error, BaseError) and not gaps.deletes(outcome)


GAPS = (
    Gap(
        id="binance.margin.both-ids",
        exchange="binance",
        product="cross and isolated margin",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id the caller gave",
        plugin_does="sends orderId (the page is silent on both; the exchange's own id wins); a client id alone cancels by origClientOrderId",
        probe=PROBED.drops_order_id,
    ),
    Gap(
        id="binance.margin.no-id",
        exchange="binance",
        product="cross and isolated margin",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=PROBED.sends_none,
    ),
    Gap(
        id="binance.margin.cold-cancel",
        exchange="binance",
        product="cross and isolated margin",
        rule="DELETE /sapi/v1/margin/order, Request Weight 10(IP)",
        source=PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (8 requests on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.margin.weight",
        exchange="binance",
        product="cross and isolated margin",
        rule="Request Weight 10(IP)",
        source=PAGE_ONE,
        ccxt_does="throttles DELETE /sapi/v1/margin/order at cost 0.006667 (1 UID weight): 150 times below 10 IP weight in its own unit",
        plugin_does="cost 1.0 (10 IP weight x ccxt's 0.1 per sapi IP weight)",
        probe=_under_charges,
    ),
    Gap(
        id="binance.margin.cancel-orders",
        exchange="binance",
        product="cross and isolated margin",
        rule="Cancel an active order for margin account.",
        source=PAGE_ONE,
        ccxt_does="cancel_orders raises BadRequest (only supported for swap markets): margin has no batch endpoint",
        plugin_does="one DELETE /sapi/v1/margin/order per id (n ids, n requests), one entry per id, failures with their error",
        probe=_cannot_cancel_orders,
    ),
)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
