"""Every page this room cites, with the short quote it relies on.

Read from Gate's official SDK gate/gateapi-python 7.2.57 (commit
628948b8a6e908644d78deb54b3f1fe887f8d3f4, 2026-03-31): its ``docs/*.md``
pages are generated from the same OpenAPI spec as the API v4 page
https://www.gate.com/docs/developers/apiv4/ . ccxt 4.5.90's ``gate.py`` was
read for the api sections, paths and signing.
"""

from __future__ import annotations

SDK = "https://github.com/gate/gateapi-python/blob/628948b8a6e908644d78deb54b3f1fe887f8d3f4"
API_V4 = "https://www.gate.com/docs/developers/apiv4/"
SPOT_API = f"{SDK}/docs/SpotApi.md"
FUTURES_API = f"{SDK}/docs/FuturesApi.md"
DELIVERY_API = f"{SDK}/docs/DeliveryApi.md"
DELIVERY_ONE = f"{DELIVERY_API} cancel_delivery_order(settle, order_id): order_id 'ID returned when order is successfully created'"
ORDER_MODEL = f"{SDK}/docs/Order.md"
FUTURES_ORDER_MODEL = f"{SDK}/docs/FuturesOrder.md"
CANCEL_BATCH_ORDER = f"{SDK}/docs/CancelBatchOrder.md"
CANCEL_ORDER_RESULT = f"{SDK}/docs/CancelOrderResult.md"
FUTURE_CANCEL_RESULT = f"{SDK}/docs/FutureCancelOrderResult.md"
CCXT_GATE = "ccxt 4.5.90 python/ccxt/gate.py"

ORDER_ID_PATH = (
    "order_id: The order ID returned when the order was successfully created or the custom ID specified by the user's creation (i.e. the `text` field)"
)
TEXT_RULE = (
    "text: ... prefixed with `t-` ... no longer than 28 bytes without `t-` prefix ... can only include 0-9, A-Z, a-z, underscore(_), hyphen(-) or dot(.)"
)
SPOT_CANCEL_DEFAULT = "Cancel single order. By default, orders for spot, unified accounts and leveraged accounts are revoked."
SPOT_BATCH_LIMIT = "Cancel batch orders by specified ID list. Multiple currency pairs can be specified, but maximum 20 orders are allowed per request"
FUTURES_BATCH_LIMIT = (
    "Cancel batch orders by specified ID list. Multiple different order IDs can be specified. A maximum of 20 records can be cancelled in one request"
)
UNIFIED_ITEM = "account: If the canceled order is a unified account apikey, this field must be specified and set to `unified`"
SPOT_CANCEL_ALL = (
    "Cancel all `open` orders in specified currency pair. When the `account` parameter is not specified, all pending orders including spot, "
    "unified account, and isolated margin will be cancelled. When `currency_pair` is not specified, all trading pair pending orders will be cancelled."
)
FUTURES_CANCEL_ALL = "Cancel all orders with 'open' status ... contract: Contract Identifier; if specified, only cancel pending orders related to this contract"
SPOT_STATUS = "status: Order status - `open`: to be filled - `closed`: closed order - `cancelled`: cancelled"
FUTURES_STATUS = "status: `open`: Pending - `finished`: Completed; finish_as: filled: all filled - cancelled: manually cancelled ..."
# The one-order queries that resolve an unknown outcome (SpotApi.md get_order, FuturesApi.md get_futures_order,
# DeliveryApi.md get_delivery_order; gateapi-python at 0d99dbb, read 2026-12-05).
SPOT_QUERY = (
    f"{SPOT_API} get_order(order_id, currency_pair, account): GET /spot/orders/{{order_id}}, 'Query single order details'; order_id: "
    "'Operations based on custom IDs can only be checked in pending orders. Only order ID can be used after the order is finished'"
)
FUTURES_QUERY = (
    f"{FUTURES_API} get_futures_order(settle, order_id): GET /futures/{{settle}}/orders/{{order_id}}; "
    "'Zero-filled order cannot be retrieved 10 minutes after order cancellation. You will get a 404 not found for such orders'"
)
DELIVERY_QUERY = f"{DELIVERY_API} get_delivery_order(settle, order_id): GET /delivery/{{settle}}/orders/{{order_id}}"
BATCH_RESULT = "succeeded: Whether cancellation succeeded; label: Error label when failed to cancel the order; message: Error description"
