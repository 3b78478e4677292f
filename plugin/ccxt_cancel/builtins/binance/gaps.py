"""Every Binance product's gaps: the records (``SPOT``, ``USDM``, ``COINM``, ``MARGIN``, ``PORTFOLIO``) and their probes.

Each probe runs ccxt's own cancel for one product on probe.py's stub
transport. :class:`Product` describes a product once; the questions are the
same everywhere: does ccxt drop the order id when a client id is in params,
send the text ``None`` for a missing id, or load every market before a
cancel. Each product module returns its tuple from ``ccxt_cancel_gaps``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ccxt.base.errors import BadRequest, BaseError, OrderNotFound

from ccxt_cancel import probe
from ccxt_cancel.builtins.binance.limits import FUTURES_BATCH_LIMIT, MARGIN_ORDER_COST
from ccxt_cancel.builtins.binance.sources import (
    COINM_PAGES,
    MARGIN_PAGE_ONE,
    PORTFOLIO_PAGE_ERRORS,
    PORTFOLIO_PAGE_UM,
    SPOT_DOCS,
    SPOT_PAGE_ALL,
    SPOT_PAGE_ONE,
    USDM_PAGE_BATCH,
    USDM_PAGE_ONE,
)
from ccxt_cancel.gaps import Gap

CLIENT_ID = "myOrder1"  # the pages' example client order id


def deletes(outcome: probe.Outcome) -> list[probe.Sent]:
    return [sent for sent in outcome.sent if sent.method == "DELETE"]


@dataclass(frozen=True)
class Product:
    """One Binance product as ccxt's own cancel reaches it."""

    exchange_id: str
    symbol: str
    order_id: str  # the product page's example order
    market: Callable[[Any], dict[str, Any]]  # the probe market, in ccxt's unified structure
    params: Mapping[str, Any] = field(default_factory=dict)  # what selects the product: marginMode, portfolioMargin
    path: str = ""  # the endpoint a cancel should reach (a suffix of the URL path)

    def run(self, method: str, *args: Any, cold: bool = False, answer: Any = None, costs: list[Any] | None = None) -> probe.Outcome:
        """ccxt's own ``method``: GETs answer ``[]``, the rest ``answer`` (``{}``); ``costs`` collects what ccxt charges its throttler."""
        exchange = probe.exchange(self.exchange_id)
        if costs is not None:
            exchange.enableRateLimit = True
            exchange.throttle = lambda cost=None: costs.append(cost)

        def reply(sent: probe.Sent) -> Any:
            if sent.method == "GET":
                return []
            return {} if answer is None else answer

        return probe.run(exchange, method, *args, markets=None if cold else [self.market(exchange)], answer=reply)

    def drops_order_id(self) -> bool:
        sent = deletes(self.run("cancel_order", self.order_id, self.symbol, {**self.params, "origClientOrderId": CLIENT_ID}))
        return bool(sent) and sent[0].path.endswith(self.path) and sent[0].query.get("orderId") != self.order_id

    def sends_none(self) -> bool:
        sent = deletes(self.run("cancel_order", None, self.symbol, dict(self.params)))
        return bool(sent) and sent[0].query.get("orderId") == "None"

    def loads_markets_first(self) -> bool:
        return any(sent.method == "GET" for sent in self.run("cancel_order", self.order_id, self.symbol, dict(self.params), cold=True).sent)

    def oversized_batch(self, limit: int) -> bool:
        """ccxt's batch cancel of ``limit + 2`` ids goes out in one request, over the page's limit."""
        ids = [str(int(self.order_id) + i) for i in range(limit + 2)]
        return any(len(json.loads(sent.query.get("orderidlist", "[]"))) > limit for sent in deletes(self.run("cancel_orders", ids, self.symbol)))


# --- binance_spot (spot.py) -----------------------------------------------------------------------

SPOT_ORDER_ID = "4"  # the page's example order
# The page's cancel-all example, shortened to one order and one order list of two.
SPOT_ALL_ANSWER = [
    {"symbol": "BTCUSDT", "origClientOrderId": "E6APeyTJvkMvLMYMqu1KQ4", "orderId": 11, "orderListId": -1, "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx",
     "transactTime": 1684804350068, "price": "0.089853", "origQty": "0.178622", "executedQty": "0.000000", "status": "CANCELED", "type": "LIMIT", "side": "BUY"},
    {"orderListId": 1929, "contingencyType": "OCO", "listStatusType": "ALL_DONE", "listOrderStatus": "ALL_DONE", "symbol": "BTCUSDT",
     "orders": [{"symbol": "BTCUSDT", "orderId": 20}, {"symbol": "BTCUSDT", "orderId": 21}],
     "orderReports": [
         {"symbol": "BTCUSDT", "orderId": 20, "orderListId": 1929, "status": "CANCELED", "type": "STOP_LOSS_LIMIT", "side": "BUY", "price": "0.668611", "origQty": "0.690354"},
         {"symbol": "BTCUSDT", "orderId": 21, "orderListId": 1929, "status": "CANCELED", "type": "LIMIT_MAKER", "side": "BUY", "price": "0.008791", "origQty": "0.690354"},
     ]},
]  # fmt: skip


def _spot_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="BTC", quoteId="USDT", type="spot", spot=True, margin=True,
    )  # fmt: skip


SPOT_PROBED = Product("binance", "BTC/USDT", SPOT_ORDER_ID, _spot_market)


def _spot_cannot_cancel_orders() -> bool:
    outcome = SPOT_PROBED.run("cancel_orders", [SPOT_ORDER_ID, "5"], "BTC/USDT")
    return isinstance(outcome.error, BadRequest) and not deletes(outcome)


def _restriction_reads_not_found() -> bool:
    body = '{"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}'
    exchange = probe.exchange("binance")
    try:
        exchange.handle_errors(400, "Bad Request", "https://api.binance.com/api/v3/order", "DELETE", {}, body, json.loads(body), None, None)
    except OrderNotFound:
        return True
    except BaseError:
        return False
    return False


def _hides_order_lists() -> bool:
    outcome = SPOT_PROBED.run("cancel_all_orders", "BTC/USDT", answer=SPOT_ALL_ANSWER)
    return isinstance(outcome.result, list) and any(order.get("id") is None for order in outcome.result)


SPOT = (
    Gap(
        id="binance.spot.both-ids",
        exchange="binance",
        product="spot",
        rule=(
            "If both orderId and origClientOrderId are provided, the orderId is searched first, then the origClientOrderId from that result "
            "is checked against that order. If both conditions are not met the request will be rejected."
        ),
        source=SPOT_PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id",
        plugin_does="sends both ids in one request, so the exchange cross-checks them; a client id alone cancels by origClientOrderId",
        probe=SPOT_PROBED.drops_order_id,
    ),
    Gap(
        id="binance.spot.no-id",
        exchange="binance",
        product="spot",
        rule="Either orderId or origClientOrderId must be sent.",
        source=SPOT_PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=SPOT_PROBED.sends_none,
    ),
    Gap(
        id="binance.spot.cold-cancel",
        exchange="binance",
        product="spot",
        rule="DELETE /api/v3/order, Weight: 1",
        source=SPOT_PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (8 requests on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=SPOT_PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.spot.cancel-orders",
        exchange="binance",
        product="spot",
        rule="DELETE /api/v3/order: Cancel an active order.",
        source=SPOT_PAGE_ONE,
        ccxt_does="cancel_orders raises BadRequest (only supported for swap markets): spot has no batch endpoint",
        plugin_does="one DELETE /api/v3/order per id (n ids, n requests), one entry per id, failures with their error",
        probe=_spot_cannot_cancel_orders,
    ),
    Gap(
        id="binance.spot.cancel-all-order-lists",
        exchange="binance",
        product="spot",
        rule="Cancels all active orders on a symbol. This includes orders that are part of an order list.",
        source=SPOT_PAGE_ALL,
        ccxt_does="returns an order list of the answer as one order without id or status",
        plugin_does="returns each canceled order of the list (its orderReports), status 'canceled'",
        probe=_hides_order_lists,
    ),
    Gap(
        id="binance.spot.cancel-restrictions",
        exchange="binance",
        product="spot",
        rule='If the order did not pass the conditions for cancelRestrictions, the error will be: {"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}',
        source=f"{SPOT_DOCS}#regarding-cancelrestrictions",
        ccxt_does="raises OrderNotFound, as for every -2011: the order reads as gone while it is still there",
        plugin_does="raises OperationRejected: the order exists, its status did not match the restriction",
        probe=_restriction_reads_not_found,
    ),
)


# --- binance_usdm (usdm.py) -----------------------------------------------------------------------

USDM_ORDER_ID = "283194212"  # the pages' example order


def _usdm_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", baseId="BTC", quoteId="USDT", settleId="USDT",
        type="swap", swap=True, contract=True, linear=True, inverse=False, subType="linear", contractSize=1,
    )  # fmt: skip


USDM_PROBED = Product("binanceusdm", "BTC/USDT:USDT", USDM_ORDER_ID, _usdm_market)


def _drops_failed_items() -> bool:
    # The page's own answer: one canceled order, one failed item. ccxt returns one order for two ids.
    answer = [
        {"orderId": int(USDM_ORDER_ID), "symbol": "BTCUSDT", "status": "CANCELED", "clientOrderId": "myOrder1"},
        {"code": -2011, "msg": "Unknown order sent."},
    ]
    outcome = USDM_PROBED.run("cancel_orders", [USDM_ORDER_ID, str(int(USDM_ORDER_ID) + 1)], "BTC/USDT:USDT", answer=answer)
    return outcome.error is None and isinstance(outcome.result, list) and len(outcome.result) < 2


USDM = (
    Gap(
        id="binance.usdm.both-ids",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="Either orderId or origClientOrderId must be sent.",
        source=USDM_PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id the caller gave",
        plugin_does="sends orderId (the page is silent on both; the exchange's own id wins); a client id alone cancels by origClientOrderId",
        probe=USDM_PROBED.drops_order_id,
    ),
    Gap(
        id="binance.usdm.no-id",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="Either orderId or origClientOrderId must be sent.",
        source=USDM_PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=USDM_PROBED.sends_none,
    ),
    Gap(
        id="binance.usdm.cold-cancel",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="DELETE /fapi/v1/order, Request Weight 1",
        source=USDM_PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (4 requests on binanceusdm, 8 on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=USDM_PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.usdm.batch-limit",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="orderIdList: max length 10",
        source=USDM_PAGE_BATCH,
        ccxt_does="puts every id into one DELETE /fapi/v1/batchOrders (25 ids: one request)",
        plugin_does="chunks of 10 (25 ids: 3 requests), one entry per requested id in the caller's order",
        probe=partial(USDM_PROBED.oversized_batch, FUTURES_BATCH_LIMIT),
    ),
    Gap(
        id="binance.usdm.batch-failed-items",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule='{"code": -2011, "msg": "Unknown order sent."}',
        source=USDM_PAGE_BATCH,
        ccxt_does="drops a failed item of the batch answer: two ids, one order back",
        plugin_does="every id comes back; a failed one keeps its id and carries its error (OrderNotFound for -2011)",
        probe=_drops_failed_items,
    ),
)


# --- binance_coinm (coinm.py) ---------------------------------------------------------------------


def _coinm_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSD_PERP", symbol="BTC/USD:BTC", base="BTC", quote="USD", settle="BTC", baseId="BTC", quoteId="USD", settleId="BTC",
        type="swap", swap=True, contract=True, linear=False, inverse=True, subType="inverse", contractSize=100,
    )  # fmt: skip


COINM_PROBED = Product("binancecoinm", "BTC/USD:BTC", "4612097861", _coinm_market)


COINM = (
    Gap(
        id="binance.coinm.order-id-precedence",
        exchange="binancecoinm, binance",
        product="COIN-M futures",
        rule="If both orderId and origClientOrderId are provided, orderId takes precedence.",
        source=f"{COINM_PAGES}/Cancel-Order",
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id",
        plugin_does="sends orderId (the id wins); a client id alone cancels by origClientOrderId",
        probe=COINM_PROBED.drops_order_id,
    ),
    Gap(
        id="binance.coinm.no-id",
        exchange="binancecoinm, binance",
        product="COIN-M futures",
        rule="Either orderId or origClientOrderId must be sent.",
        source=f"{COINM_PAGES}/Cancel-Order",
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=COINM_PROBED.sends_none,
    ),
    Gap(
        id="binance.coinm.cold-cancel",
        exchange="binancecoinm, binance",
        product="COIN-M futures",
        rule="DELETE /dapi/v1/order, weight 1",
        source=f"{COINM_PAGES}/Cancel-Order",
        ccxt_does="loads every market before a cold cancel (4 requests on binancecoinm, 8 on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=COINM_PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.coinm.batch-limit",
        exchange="binancecoinm, binance",
        product="COIN-M futures",
        rule="orderIdList: max length 10",
        source=f"{COINM_PAGES}/Cancel-Multiple-Orders",
        ccxt_does="puts every id into one DELETE /dapi/v1/batchOrders, and drops failed items",
        plugin_does="chunks of 10, one entry per requested id in the caller's order, failures with their error",
        probe=partial(COINM_PROBED.oversized_batch, FUTURES_BATCH_LIMIT),
    ),
)


# --- binance_margin (margin.py) -------------------------------------------------------------------

MARGIN_ORDER_ID = "28"  # the page's example order
CROSS = {"marginMode": "cross"}


def _margin_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="LTCBTC", symbol="LTC/BTC", base="LTC", quote="BTC", baseId="LTC", quoteId="BTC", type="spot", spot=True, margin=True,
    )  # fmt: skip


MARGIN_PROBED = Product("binance", "LTC/BTC", MARGIN_ORDER_ID, _margin_market, CROSS, path="/sapi/v1/margin/order")


def _under_charges() -> bool:
    costs: list[Any] = []
    MARGIN_PROBED.run("cancel_order", MARGIN_ORDER_ID, "LTC/BTC", dict(CROSS), costs=costs)
    return bool(costs) and float(costs[-1]) < MARGIN_ORDER_COST


def _margin_cannot_cancel_orders() -> bool:
    outcome = MARGIN_PROBED.run("cancel_orders", [MARGIN_ORDER_ID, "29"], "LTC/BTC", dict(CROSS))
    return isinstance(outcome.error, BaseError) and not deletes(outcome)


MARGIN = (
    Gap(
        id="binance.margin.both-ids",
        exchange="binance",
        product="cross and isolated margin",
        rule="Either orderId or origClientOrderId must be sent.",
        source=MARGIN_PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id the caller gave",
        plugin_does="sends orderId (the page is silent on both; the exchange's own id wins); a client id alone cancels by origClientOrderId",
        probe=MARGIN_PROBED.drops_order_id,
    ),
    Gap(
        id="binance.margin.no-id",
        exchange="binance",
        product="cross and isolated margin",
        rule="Either orderId or origClientOrderId must be sent.",
        source=MARGIN_PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=MARGIN_PROBED.sends_none,
    ),
    Gap(
        id="binance.margin.cold-cancel",
        exchange="binance",
        product="cross and isolated margin",
        rule="DELETE /sapi/v1/margin/order, Request Weight 10(IP)",
        source=MARGIN_PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (8 requests on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=MARGIN_PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.margin.weight",
        exchange="binance",
        product="cross and isolated margin",
        rule="Request Weight 10(IP)",
        source=MARGIN_PAGE_ONE,
        ccxt_does="throttles DELETE /sapi/v1/margin/order at cost 0.006667 (1 UID weight): 150 times below 10 IP weight in its own unit",
        plugin_does="cost 1.0 (10 IP weight x ccxt's 0.1 per sapi IP weight)",
        probe=_under_charges,
    ),
    Gap(
        id="binance.margin.cancel-orders",
        exchange="binance",
        product="cross and isolated margin",
        rule="Cancel an active order for margin account.",
        source=MARGIN_PAGE_ONE,
        ccxt_does="cancel_orders raises BadRequest (only supported for swap markets): margin has no batch endpoint",
        plugin_does="one DELETE /sapi/v1/margin/order per id (n ids, n requests), one entry per id, failures with their error",
        probe=_margin_cannot_cancel_orders,
    ),
)


# --- binance_portfolio (portfolio.py) -------------------------------------------------------------

PORTFOLIO_ORDER_ID = "4611875134427365000"  # the UM page's example order
PM = {"portfolioMargin": True}


def _portfolio_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", baseId="BTC", quoteId="USDT", settleId="USDT",
        type="swap", swap=True, contract=True, linear=True, inverse=False, subType="linear", contractSize=1,
    )  # fmt: skip


PORTFOLIO_PROBED = Product("binanceusdm", "BTC/USDT:USDT", PORTFOLIO_ORDER_ID, _portfolio_market, PM, path="/papi/v1/um/order")


def _batch_goes_to_fapi() -> bool:
    sent = deletes(PORTFOLIO_PROBED.run("cancel_orders", [PORTFOLIO_ORDER_ID, "4611875134427365001"], "BTC/USDT:USDT", dict(PM)))
    return any(s.path.endswith("/fapi/v1/batchOrders") and s.query.get("portfolioMargin") == "true" for s in sent)


def _clock_error_reads_bad_request() -> bool:
    body = '{"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}'
    exchange = probe.exchange("binance")
    try:
        exchange.handle_errors(400, "Bad Request", "https://papi.binance.com/papi/v1/um/order", "DELETE", {}, body, json.loads(body), None, None)
    except BadRequest:
        return True
    except Exception:  # noqa: BLE001 - any other class means the gap is gone
        return False
    return False


PORTFOLIO = (
    Gap(
        id="binance.portfolio.both-ids",
        exchange="binance, binanceusdm, binancecoinm",
        product="portfolio margin (UM, CM, margin)",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PORTFOLIO_PAGE_UM,
        ccxt_does="with a client id in params, sends only origClientOrderId to /papi/v1/um/order and drops the order id the caller gave",
        plugin_does="sends orderId (the pages are silent on both; the exchange's own id wins); a client id alone cancels by origClientOrderId",
        probe=PORTFOLIO_PROBED.drops_order_id,
    ),
    Gap(
        id="binance.portfolio.no-id",
        exchange="binance, binanceusdm, binancecoinm",
        product="portfolio margin (UM, CM, margin)",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PORTFOLIO_PAGE_UM,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=PORTFOLIO_PROBED.sends_none,
    ),
    Gap(
        id="binance.portfolio.cold-cancel",
        exchange="binance, binanceusdm, binancecoinm",
        product="portfolio margin (UM, CM, margin)",
        rule="DELETE /papi/v1/um/order, Request Weight 1",
        source=PORTFOLIO_PAGE_UM,
        ccxt_does="loads every market before a cold cancel (4 requests on binanceusdm, 8 on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=PORTFOLIO_PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.portfolio.batch-to-fapi",
        exchange="binance, binanceusdm, binancecoinm",
        product="portfolio margin (UM, CM, margin)",
        rule="DELETE /papi/v1/um/order: Cancel an active UM LIMIT order",
        source=PORTFOLIO_PAGE_UM,
        ccxt_does="cancel_orders with portfolioMargin goes to /fapi/v1/batchOrders (not portfolio margin) with portfolioMargin=true on the wire",
        plugin_does="one DELETE /papi/v1/um/order (cm, margin) per id: portfolio margin has no batch cancel; one entry per id",
        probe=_batch_goes_to_fapi,
    ),
    Gap(
        id="binance.portfolio.error-classes",
        exchange="binance, binanceusdm, binancecoinm",
        product="portfolio margin (UM, CM, margin)",
        rule="-1021 INVALID_TIMESTAMP: Timestamp for this request is outside of the recvWindow.",
        source=PORTFOLIO_PAGE_ERRORS,
        ccxt_does="raises BadRequest for -1021 and -1022 (BadResponse for -1007 TIMEOUT) on /papi",
        plugin_does="InvalidNonce, AuthenticationError (ccxt's classes on every other Binance API; a batch stops after them), -1007 an UNKNOWN outcome",
        probe=_clock_error_reads_bad_request,
    ),
)
