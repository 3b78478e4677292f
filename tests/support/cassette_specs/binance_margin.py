"""Cassettes for the binance_margin plugin, built from Binance's margin trading documentation.

Margin-Account-Cancel-Order was read in English on developers.binance.com
(the stored docs corpus); Margin-Account-Cancel-All-Open-Orders in its zh-CN
twin (the English page was not in the corpus). Requests are what the plugin
sends through ccxt's signing (``timestamp``/``signature`` filtered,
``recvWindow=10000`` is ccxt's default option). Answers are the pages'
examples, the ``// if isolated margin`` comments dropped.
"""

from __future__ import annotations

from typing import Any

from tests.support.cassette_factory import Cassette, Interaction

DOCS = "https://developers.binance.com/docs/margin_trading"
PAGE_ONE = f"{DOCS}/trade/Margin-Account-Cancel-Order"
PAGE_ALL = "https://developers.binance.com/docs/zh-CN/margin_trading/trade/Margin-Account-Cancel-All-Open-Orders"
PAGE_GENERAL = f"{DOCS}/general-info"

SAPI = "https://api.binance.com/sapi/v1/margin"
RECV = "recvWindow=10000"

# Margin-Account-Cancel-Order's example answer (its orderId is a string there).
ORDER_ID = "28"
CLIENT_ID = "myOrder1"
CANCELED_ISOLATED: dict[str, Any] = {
    "symbol": "LTCBTC",
    "isIsolated": True,
    "orderId": "28",
    "origClientOrderId": "myOrder1",
    "clientOrderId": "cancelMyOrder1",
    "price": "1.00000000",
    "origQty": "10.00000000",
    "executedQty": "8.00000000",
    "cummulativeQuoteQty": "8.00000000",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "SELL",
}
CANCELED = {k: v for k, v in CANCELED_ISOLATED.items() if k != "isIsolated"}  # the page: isIsolated only "if isolated margin"

URI_BY_ID = f"{SAPI}/order?symbol=LTCBTC&orderId={ORDER_ID}&{RECV}"
URI_ISOLATED = f"{SAPI}/order?symbol=LTCBTC&isIsolated=TRUE&orderId={ORDER_ID}&{RECV}"
URI_BY_CLIENT_ID = f"{SAPI}/order?symbol=LTCBTC&origClientOrderId={CLIENT_ID}&{RECV}"
URI_ALL = f"{SAPI}/openOrders?symbol=BTCUSDT&{RECV}"
URI_ALL_ISOLATED = f"{SAPI}/openOrders?symbol=BTCUSDT&isIsolated=TRUE&{RECV}"

UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}
BATCH_IDS = ["28", "29", "30"]
BATCH_FAILED = {"29"}


def uri_for(order_id: str) -> str:
    return f"{SAPI}/order?symbol=LTCBTC&orderId={order_id}&{RECV}"


# Margin-Account-Cancel-All-Open-Orders (zh-CN) example: two orders and an OCO list of two.
ALL_ANSWER: list[dict[str, Any]] = [
    {
        "symbol": "BTCUSDT", "isIsolated": True, "origClientOrderId": "E6APeyTJvkMvLMYMqu1KQ4", "orderId": 11, "orderListId": -1,
        "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "price": "0.089853", "origQty": "0.178622", "executedQty": "0.000000",
        "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "BUY", "selfTradePreventionMode": "NONE",
    },
    {
        "symbol": "BTCUSDT", "isIsolated": False, "origClientOrderId": "A3EF2HCwxgZPFMrfwbgrhv", "orderId": 13, "orderListId": -1,
        "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "price": "0.090430", "origQty": "0.178622", "executedQty": "0.000000",
        "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "BUY", "selfTradePreventionMode": "NONE",
    },
    {
        "orderListId": 1929, "contingencyType": "OCO", "listStatusType": "ALL_DONE", "listOrderStatus": "ALL_DONE",
        "listClientOrderId": "2inzWQdDvZLHbbAmAozX2N", "transactionTime": 1585230948299, "symbol": "BTCUSDT", "isIsolated": True,
        "orders": [
            {"symbol": "BTCUSDT", "orderId": 20, "clientOrderId": "CwOOIPHSmYywx6jZX77TdL"},
            {"symbol": "BTCUSDT", "orderId": 21, "clientOrderId": "461cPg51vQjV3zIMOXNz39"},
        ],
        "orderReports": [
            {
                "symbol": "BTCUSDT", "origClientOrderId": "CwOOIPHSmYywx6jZX77TdL", "orderId": 20, "orderListId": 1929,
                "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "price": "0.668611", "origQty": "0.690354", "executedQty": "0.000000",
                "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "STOP_LOSS_LIMIT", "side": "BUY",
                "stopPrice": "0.378131", "icebergQty": "0.017083",
            },
            {
                "symbol": "BTCUSDT", "origClientOrderId": "461cPg51vQjV3zIMOXNz39", "orderId": 21, "orderListId": 1929,
                "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx", "price": "0.008791", "origQty": "0.690354", "executedQty": "0.000000",
                "cummulativeQuoteQty": "0.000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT_MAKER", "side": "BUY",
                "icebergQty": "0.639962",
            },
        ],
    },
]  # fmt: skip
ALL_IDS = ["11", "13", "20", "21"]
ALL_NOTE = "the zh-CN page's example answer, its comments dropped; the OCO list's orderReports as the same list on the portfolio-margin page's example"

CASSETTES: list[Cassette] = [
    Cassette(
        name="binance/margin_cancel_order.yaml",
        what="cancel one cross margin order by orderId: canceled",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note='the page\'s example answer without "isIsolated" (the page prints it "if isolated margin")',
    ),
    Cassette(
        name="binance/margin_cancel_order_isolated.yaml",
        what='cancel one isolated margin order: isIsolated=TRUE, the page\'s spelling ("TRUE", "FALSE")',
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_ISOLATED, 200, CANCELED_ISOLATED)],
        note="the page's example answer as is",
    ),
    Cassette(
        name="binance/margin_cancel_order_both_ids.yaml",
        what="cancel with id and origClientOrderId: orderId only on the wire (the page is silent on both; the exchange's id wins)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_ID, 200, CANCELED)],
        note="request: orderId only, the plugin's documented choice; answer: the page's example without isIsolated",
    ),
    Cassette(
        name="binance/margin_cancel_order_client_id.yaml",
        what="cancel by origClientOrderId only (id None)",
        source=PAGE_ONE,
        interactions=[Interaction("DELETE", URI_BY_CLIENT_ID, 200, CANCELED)],
        note="the client id is the example answer's origClientOrderId",
    ),
    Cassette(
        name="binance/margin_cancel_order_unknown_order.yaml",
        what='-2011 "Unknown order sent." (the page: the order "could not be found in the matching engine") -> OrderNotFound',
        source=f"{PAGE_ONE} (Error Code Description)",
        interactions=[Interaction("DELETE", URI_BY_ID, 400, UNKNOWN_ORDER)],
        note="body: the page's own CANCEL_REJECTED error; HTTP 400 assumed",
    ),
    Cassette(
        name="binance/margin_cancel_order_unknown_outcome.yaml",
        what="HTTP 503: the execution status is UNKNOWN (every 5XX, says margin's general info) -> ExchangeNotAvailable saying UNKNOWN",
        source=f"{PAGE_ONE} (request); {PAGE_GENERAL} (HTTP 5XX)",
        interactions=[Interaction("DELETE", URI_BY_ID, 503, {"code": -1000, "msg": "Unknown error, please check your request or try again later."})],
        note=(
            "general info read in a copy of the page found in the public code corpus (the page itself was not stored); "
            'body: the SAPI unknown-outcome message with code -1000 ("If there is an error message ... with the error code -1000")'
        ),
    ),
    Cassette(
        name="binance/margin_cancel_orders_per_id.yaml",
        what="cancel 3 cross margin orders (no batch endpoint): one DELETE /sapi/v1/margin/order per id, the second unknown; 3 entries back",
        source=PAGE_ONE,
        interactions=[
            Interaction(
                "DELETE",
                uri_for(i),
                400 if i in BATCH_FAILED else 200,
                UNKNOWN_ORDER if i in BATCH_FAILED else {**CANCELED, "orderId": i, "origClientOrderId": f"myOrder{i}"},
            )
            for i in BATCH_IDS
        ],
        note="answers: the page's example with orderIds 28 and 30; the page's -2011 error for 29, HTTP 400 assumed",
    ),
    Cassette(
        name="binance/margin_cancel_all_orders.yaml",
        what="cancel all cross margin orders of BTCUSDT: two orders and an OCO list of two, four canceled orders back",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL, 200, ALL_ANSWER)],
        note=ALL_NOTE,
    ),
    Cassette(
        name="binance/margin_cancel_all_orders_isolated.yaml",
        what="cancel all isolated margin orders of BTCUSDT: isIsolated=TRUE on the wire",
        source=PAGE_ALL,
        interactions=[Interaction("DELETE", URI_ALL_ISOLATED, 200, ALL_ANSWER)],
        note=ALL_NOTE,
    ),
]
