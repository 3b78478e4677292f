"""Cassettes for the binance_portfolio plugin, built from Binance's portfolio-margin documentation.

The English pages were read in a third-party copy
(github.com/shubhamtaywade82/binance-docs-scraper, commit 891df63, scraped
2026-05-28); the zh-CN Cancel-Margin-Account-Order and
Cancel-Margin-Account-All-Open-Orders-on-a-Symbol in Binance's own docs
agree. Requests are what the plugin sends through ccxt's signing
(``timestamp``/``signature`` filtered, ``recvWindow=10000`` is ccxt's
default option). The same papi URL serves ``binance`` and ``binanceusdm``
(UM) or ``binancecoinm`` (CM).
"""

from __future__ import annotations

from typing import Any

from tests.support.cassette_factory import Cassette, Interaction, single_cancel_errors

DOCS = "https://developers.binance.com/docs/derivatives/portfolio-margin"
PAGE_UM = f"{DOCS}/trade/Cancel-UM-Order"
PAGE_CM = f"{DOCS}/trade/Cancel-CM-Order"
PAGE_MARGIN = f"{DOCS}/trade/Cancel-Margin-Account-Order"
PAGE_UM_ALL = f"{DOCS}/trade/Cancel-All-UM-Open-Orders"
PAGE_CM_ALL = f"{DOCS}/trade/Cancel-All-CM-Open-Orders"
PAGE_MARGIN_ALL = f"{DOCS}/trade/Cancel-Margin-Account-All-Open-Orders-on-a-Symbol"
PAGE_ERRORS = f"{DOCS}/error-code"
PAGE_GENERAL = f"{DOCS}/general-info"
SCRAPE = "read in a third-party copy of the page (shubhamtaywade82/binance-docs-scraper, commit 891df63)"

PAPI = "https://papi.binance.com/papi/v1"
RECV = "recvWindow=10000"

# Cancel-UM-Order's example answer.
UM_ORDER_ID = "4611875134427365000"
UM_CANCELED: dict[str, Any] = {
    "avgPrice": "0.00000", "clientOrderId": "myOrder1", "cumQty": "0", "cumQuote": "0", "executedQty": "0", "orderId": 4611875134427365000,
    "origQty": "0.40", "price": "0", "reduceOnly": False, "side": "BUY", "positionSide": "SHORT", "status": "CANCELED", "symbol": "BTCUSDT",
    "timeInForce": "GTC", "type": "LIMIT", "updateTime": 1571110484038, "selfTradePreventionMode": "NONE", "goodTillDate": 0, "priceMatch": "NONE",
}  # fmt: skip
# Cancel-CM-Order's example answer (its trailing comma dropped; BTCUSD_200925 -> BTCUSD_PERP).
CM_ORDER_ID = "283194212"
CM_CANCELED: dict[str, Any] = {
    "avgPrice": "0.0", "clientOrderId": "myOrder1", "cumQty": "0", "cumBase": "0", "executedQty": "0", "orderId": 283194212, "origQty": "2",
    "price": "0", "reduceOnly": False, "side": "BUY", "positionSide": "SHORT", "status": "CANCELED", "symbol": "BTCUSD_PERP", "pair": "BTCUSD",
    "timeInForce": "GTC", "type": "LIMIT", "updateTime": 1571110484038,
}  # fmt: skip
# Cancel-Margin-Account-Order's example answer.
MARGIN_ORDER_ID = "28"
MARGIN_CANCELED: dict[str, Any] = {
    "symbol": "LTCBTC", "orderId": 28, "origClientOrderId": "myOrder1", "clientOrderId": "cancelMyOrder1", "price": "1.00000000",
    "origQty": "10.00000000", "executedQty": "8.00000000", "cummulativeQuoteQty": "8.00000000", "status": "CANCELED", "timeInForce": "GTC",
    "type": "LIMIT", "side": "SELL",
}  # fmt: skip
MARGIN_ALL: list[dict[str, Any]] = [
    {
        "symbol": "BTCUSDT", "origClientOrderId": "E6APeyTJvkMvLMYMqu1KQ4", "orderId": 11, "orderListId": -1, "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx",
        "price": "0.089853", "origQty": "0.178622", "executedQty": "0.000000", "cummulativeQuoteQty": "0.000000", "status": "CANCELED",
        "timeInForce": "GTC", "type": "LIMIT", "side": "BUY",
    },
    {
        "orderListId": 1929, "contingencyType": "OCO", "listStatusType": "ALL_DONE", "listOrderStatus": "ALL_DONE",
        "listClientOrderId": "2inzWQdDvZLHbbAmAozX2N", "transactionTime": 1585230948299, "symbol": "BTCUSDT",
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
MARGIN_ALL_IDS = ["11", "20", "21"]
ACK = {"code": 200, "msg": "The operation of cancel all open order is done."}

UM_BY_ID = f"{PAPI}/um/order?symbol=BTCUSDT&orderId={UM_ORDER_ID}&{RECV}"
UM_BY_CLIENT_ID = f"{PAPI}/um/order?symbol=BTCUSDT&origClientOrderId=myOrder1&{RECV}"
CM_BY_ID = f"{PAPI}/cm/order?symbol=BTCUSD_PERP&orderId={CM_ORDER_ID}&{RECV}"
MARGIN_BY_ID = f"{PAPI}/margin/order?symbol=LTCBTC&orderId={MARGIN_ORDER_ID}&{RECV}"

UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}
INVALID_TIMESTAMP = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}

# A batch without a batch endpoint: one DELETE /papi/v1/um/order per id.
BATCH_IDS = ["4611875134427365000", "4611875134427365001", "4611875134427365002"]


def um_uri(order_id: str) -> str:
    return f"{PAPI}/um/order?symbol=BTCUSDT&orderId={order_id}&{RECV}"


def um_answer(order_id: str) -> dict[str, Any]:
    return {**UM_CANCELED, "orderId": int(order_id)}


# error key -> (status, answer, what, source, note)
ERRORS: dict[str, tuple[int, Any, str, str, str]] = {
    "unknown_order": (
        400,
        UNKNOWN_ORDER,
        "-2011 CANCEL_REJECTED -> OperationRejected (ccxt's portfolio-margin table; not claimed as not found)",
        PAGE_ERRORS,
        'error body: code -2011 (the page: "CANCEL_REJECTED") with the message the other Binance pages give it; HTTP 400 assumed',
    ),
    "invalid_timestamp": (
        400,
        INVALID_TIMESTAMP,
        "-1021 INVALID_TIMESTAMP -> InvalidNonce (ccxt's papi table: BadRequest)",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 400 assumed",
    ),
    "timeout": (
        408,
        {"code": -1007, "msg": "Timeout waiting for response from backend server. Send status unknown; execution status unknown."},
        "-1007 TIMEOUT: execution status unknown -> RequestTimeout saying UNKNOWN (ccxt's papi table: BadResponse)",
        PAGE_ERRORS,
        "error body from the error-code page; HTTP 408 assumed (the USD-M general info: 408 for a backend timeout)",
    ),
    "unknown_outcome": (
        503,
        {"code": -1000, "msg": "Unknown error, please check your request or try again later."},
        "HTTP 503 unknown outcome -> ExchangeNotAvailable saying UNKNOWN, never canceled",
        f"{PAGE_GENERAL} (HTTP 503, message A)",
        'body built from the page\'s prose (503 with "Unknown error, please check your request or try again later."); code -1000 assumed',
    ),
}


CASSETTES: list[Cassette] = [
    Cassette(
        name="binance/portfolio_um_cancel_order.yaml",
        what="cancel one portfolio-margin UM order by orderId (DELETE /papi/v1/um/order): canceled",
        source=PAGE_UM,
        interactions=[Interaction("DELETE", UM_BY_ID, 200, UM_CANCELED)],
        note=f"the page's example answer as is; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_um_cancel_order_both_ids.yaml",
        what="cancel a UM order with id and origClientOrderId: orderId only on the wire (the page is silent on both)",
        source=PAGE_UM,
        interactions=[Interaction("DELETE", UM_BY_ID, 200, UM_CANCELED)],
        note=f"request: orderId only, the plugin's documented choice; answer: the page's example; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_um_cancel_order_client_id.yaml",
        what="cancel a UM order by origClientOrderId only (id None)",
        source=PAGE_UM,
        interactions=[Interaction("DELETE", UM_BY_CLIENT_ID, 200, UM_CANCELED)],
        note=f"the client id is the example answer's clientOrderId; {SCRAPE}",
    ),
    *single_cancel_errors("binance/portfolio_um_cancel_order_", "portfolio-margin UM", PAGE_UM, UM_BY_ID, ERRORS, SCRAPE),
    Cassette(
        name="binance/portfolio_um_cancel_orders_per_id.yaml",
        what="cancel 3 UM orders (no batch endpoint on portfolio margin): one DELETE /papi/v1/um/order per id, the second rejected; 3 entries",
        source=f"{PAGE_UM}; {PAGE_ERRORS} (-2011)",
        interactions=[
            Interaction("DELETE", um_uri(BATCH_IDS[0]), 200, um_answer(BATCH_IDS[0])),
            Interaction("DELETE", um_uri(BATCH_IDS[1]), 400, UNKNOWN_ORDER),
            Interaction("DELETE", um_uri(BATCH_IDS[2]), 200, um_answer(BATCH_IDS[2])),
        ],
        note=f"answers: the page's example with the orderIds adapted; -2011 for the second, HTTP 400 assumed; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_um_cancel_orders_clock_error.yaml",
        what="cancel 3 UM orders one by one: the second gets -1021, so the third is not sent (a clock error would fail it too)",
        source=f"{PAGE_UM}; {PAGE_ERRORS} (-1021)",
        interactions=[
            Interaction("DELETE", um_uri(BATCH_IDS[0]), 200, um_answer(BATCH_IDS[0])),
            Interaction("DELETE", um_uri(BATCH_IDS[1]), 400, INVALID_TIMESTAMP),
        ],
        note=f"two interactions: the plugin stops sending after a clock error; HTTP 400 assumed; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_um_cancel_all_orders.yaml",
        what="cancel all portfolio-margin UM orders of BTCUSDT: the documented acknowledgement",
        source=PAGE_UM_ALL,
        interactions=[Interaction("DELETE", f"{PAPI}/um/allOpenOrders?symbol=BTCUSDT&{RECV}", 200, ACK)],
        note=f"the page's example answer as is; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_cm_cancel_order.yaml",
        what="cancel one portfolio-margin CM order by orderId (DELETE /papi/v1/cm/order): canceled",
        source=PAGE_CM,
        interactions=[Interaction("DELETE", CM_BY_ID, 200, CM_CANCELED)],
        note=f"the page's example answer, its trailing comma dropped, symbol BTCUSD_PERP (page: BTCUSD_200925); {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_cm_cancel_all_orders.yaml",
        what="cancel all portfolio-margin CM orders of BTCUSD_PERP: the documented acknowledgement",
        source=PAGE_CM_ALL,
        interactions=[Interaction("DELETE", f"{PAPI}/cm/allOpenOrders?symbol=BTCUSD_PERP&{RECV}", 200, ACK)],
        note=f"the page's example answer as is; {SCRAPE}",
    ),
    Cassette(
        name="binance/portfolio_margin_cancel_order.yaml",
        what="cancel one portfolio-margin margin order (marginMode cross; DELETE /papi/v1/margin/order): canceled",
        source=PAGE_MARGIN,
        interactions=[Interaction("DELETE", MARGIN_BY_ID, 200, MARGIN_CANCELED)],
        note=f"the page's example answer as is; {SCRAPE}; the zh-CN page in Binance's docs has the same answer",
    ),
    Cassette(
        name="binance/portfolio_margin_cancel_all_orders.yaml",
        what="cancel all portfolio-margin margin orders of BTCUSDT: an order and an OCO list of two, three canceled orders back",
        source=PAGE_MARGIN_ALL,
        interactions=[Interaction("DELETE", f"{PAPI}/margin/allOpenOrders?symbol=BTCUSDT&{RECV}", 200, MARGIN_ALL)],
        note=f"the page's example answer as is; {SCRAPE}; the zh-CN page in Binance's docs has the same answer",
    ),
]
