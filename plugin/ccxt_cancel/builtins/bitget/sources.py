"""Every page this room cites, with the short quote it relies on.

Read on 2026-12-05 through the project's stored copies of Bitget's API pages
(``www.bitget.com/api-doc/...``; the pages carry no version number, so the
date read is the version). Where the www.bitget.com copy is older than a copy
of the same page on another Bitget domain (``www.bitget.live``), both are
named and the newer text is quoted. Error codes: Bitget's classic REST
error-code page could not be read here; the codes come from ccxt 4.5.90's
bitget table, the bitget-api npm SDK (tiagosiebler, v3.0.12; third-party,
named as such) and Bitget's UTA error-code page (a copy on another domain).
Bitget's official SDK (BitgetLimited/v3-bitget-api-sdk, commit 9d7fdff) was
read for the endpoint paths only: it states none of these rules.
"""

from __future__ import annotations

READ = "read 2026-12-05 (Bitget's pages carry no version)"
SDK = "https://github.com/BitgetLimited/v3-bitget-api-sdk/blob/9d7fdff5488e11ca4ad6acdafc6ef925c4bc93a2"
SDK_SPOT_ORDERS = f"{SDK}/bitget-python-sdk-api/bitget/v2/spot/order_api.py"  # cancelOrder / batchCancelOrder paths

SPOT_CANCEL = "https://www.bitget.com/api-doc/spot/trade/Cancel-Order"
SPOT_CANCEL_QUOTE = 'orderId ... "Either orderId or clientOid is required"; answer data {"orderId", "clientOid"}; "Frequency limit:10 times/1s (UID)"'

MIX_CANCEL = "https://www.bitget.com/api-doc/contract/trade/Cancel-Order"
ID_PRECEDENCE = "Either orderId or clientOid is required. If both are present, orderId prevails."
MIX_CANCEL_QUOTE = f'"{ID_PRECEDENCE}"; productType "Yes" (USDT-FUTURES, COIN-FUTURES, USDC-FUTURES); "Frequency limit: 10 times/1s"'

SPOT_BATCH = "https://www.bitget.com/api-doc/spot/trade/Batch-Cancel-Orders"
BATCH_LIMIT_QUOTE = "orderList | Array | Yes | Order ID List ,maximum length: 50"
SPOT_BATCH_QUOTE = f'"{BATCH_LIMIT_QUOTE}"; failureList items "orderId", "clientOid", "errorMsg", "errorCode"; "Frequency limit:10 times/1s (UID)"'

MIX_BATCH = "https://www.bitget.com/api-doc/contract/trade/Batch-Cancel-Orders"
MIX_BATCH_NEWER = "https://www.bitget.live/api-doc/contract/trade/Batch-Cancel-Orders"  # the same page, newer text: the 50 limit
MIX_BATCH_LIMIT_QUOTE = "orderIdList | List | No | Order ID list.maximum length: 50 If filled in, symbol must not be null"
MIX_BATCH_QUOTE = (
    f'"{MIX_BATCH_LIMIT_QUOTE}"; "Order cancelling interface, can be used to cancel by product type and trading pair."; '
    '"Speed limit is 10 times/s for average users. Frequency limit imposed according to user ID"'
)

SPOT_CANCEL_ALL = "https://www.bitget.com/api-doc/spot/trade/Cancel-Symbol-Orders"
SPOT_CANCEL_ALL_QUOTE = (
    'answer data {"symbol": "BGBUSDT"}: "Cancelled symbol (This request is executed asynchronously. If you need to know the result, '
    'please query the Get History Orders endpoint.)"; "Frequency limit: 5 times/1s (UID)"'
)

# Error codes. Classic REST error-code page (could not be read here; ccxt links it).
# The one-order queries that resolve an unknown outcome and confirm an acknowledgement (read 2026-12-05 in the
# stored copies of www.bitget.com; the request and answer shapes agree with ccxt 4.5.90's bitget.fetch_order:
# privateSpotGetV2SpotTradeOrderInfo, data a list with "status"; privateMixGetV2MixOrderDetail, data an object
# with "state").
SPOT_ORDER_INFO = "https://www.bitget.com/api-doc/spot/trade/Get-Order-Info"
SPOT_ORDER_INFO_QUOTE = (
    '"Frequency limit: 20 times/1s (UID)"; GET /api/v2/spot/trade/orderInfo, "Either Order ID or clientOids is required."; '
    'status "init Initialize", "live pending match", "new Unfilled, waiting for a match", "partially_filled Partially filled", '
    '"filled All filled", "cancelled The order is cancelled" (the page\'s example answer says "full_fill")'
)
MIX_ORDER_DETAIL = "https://www.bitget.com/api-doc/contract/trade/Get-Order-Details"
MIX_ORDER_DETAIL_QUOTE = (
    '"Frequency limit: 10 times/1s (uid)"; GET /api/v2/mix/order/detail, symbol and productType "Yes", '
    "\"Either 'orderId' or 'clientOid' is required.\"; state \"live: New order, waiting for a match in orderbook\", "
    '"partially_filled: Partially filled", "filled: All filled", "canceled"'
)
# The listing that verifies a spot cancel-all with confirm (its answer names no order; the cancel runs asynchronously).
SPOT_OPEN = "https://www.bitget.com/api-doc/spot/trade/Get-Unfilled-Orders"
SPOT_OPEN_QUOTE = (
    '"Get Current Orders", "Frequency limit: 20 times/1s (UID)", GET /api/v2/spot/trade/unfilled-orders; symbol "Trading pair"; '
    'idLessThan "Requests the content on the page before this ID (older data)"; limit "default 100 max 100"; '
    'the example answer\'s symbol is lower case ("btcusdt")'
)
ERROR_CODES = "https://www.bitget.com/api-doc/common/error-code/restapi"
UTA_ERROR_CODES = "https://www.itouyu.top/api-doc/uta/error-code/websocket"  # a copy of Bitget's UTA error-code page on another domain
NO_ORDER_QUOTE = "22001 No order to cancel"
NPM_SDK = "https://app.unpkg.com/bitget-api@3.0.12/files/dist/mjs/constants/enum.d.ts"  # third-party SDK (tiagosiebler)
NPM_SDK_QUOTE = 'NO_ORDER_TO_CANCEL: "22001"; ORDER_DOES_NOT_EXIST_V3: "25204"; FUTURES_ORDER_CANCEL_NOT_FOUND: "40768"; ORDER_NOT_FOUND: "43001"'
CCXT_BITGET = "ccxt 4.5.90 (PyPI) ccxt/bitget.py: exceptions['exact'] 40768 / 43001 -> OrderNotFound; 22001 and 25204 absent"

# Limits as ccxt prices them (ccxt/bitget.py api table, rateLimit 50 ms): cancel-order / batch cost 2 (10/s), cancel-symbol-order cost 4 (5/s).
CCXT_COSTS = "ccxt 4.5.90 (PyPI) ccxt/bitget.py: 'v2/spot/trade/cancel-symbol-order': {'cost': 4}, the other cancels {'cost': 2}"

# Code 40084, a classic account's answer on the UTA v3 endpoints: not on a Bitget page read here. Two independent
# live reports, cited as what they are (third-party, not Bitget's): "The UTA v3 probe correctly rejected the Classic
# account with Bitget code 40084" (TraderAlice/OpenAlice pull request 951, 2026-08-01) and "Classic keys return code
# 40084 ("Classic Account mode")" (enarjord/passivbot pull request 601, 2026-06-14).
CLASSIC_40084 = (
    "https://github.com/TraderAlice/OpenAlice/pull/951 (third-party live report); https://github.com/enarjord/passivbot/pull/601 (third-party live report)"
)
