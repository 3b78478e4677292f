"""Every page and SDK file this room cites, with the short quote it relies on.

Read: KuCoin's official universal SDK, ``Kucoin/kucoin-universal-sdk`` at commit
78c90c77d749e4e57d61e99b7c04f090150e08d2 (2025-11-04), its OpenAPI files
``spec/rest/api/openapi-futures-order.json`` and ``openapi-spot-order.json``
(the source of the SDK's generated Python ``generate/futures/order`` and
``generate/spot/order`` modules); each endpoint there links its docs page
(``x-api-doc``), given below. Quotes marked "issue 23" are KuCoin's page
as issue 23 quotes it; the spec files do not carry that sentence.
"""

from __future__ import annotations

SDK = "https://github.com/Kucoin/kucoin-universal-sdk/blob/78c90c77d749e4e57d61e99b7c04f090150e08d2/spec/rest/api/openapi-futures-order.json"
SPOT_SDK = "https://github.com/Kucoin/kucoin-universal-sdk/blob/78c90c77d749e4e57d61e99b7c04f090150e08d2/spec/rest/api/openapi-spot-order.json"

FUTURES_CANCEL_BY_ID = "https://www.kucoin.com/docs-new/api-3470239"
FUTURES_CANCEL_BY_ID_QUOTE = (
    "DELETE /api/v1/orders/{orderId}: Cancel order by system generated orderId. data.cancelledOrderIds: The orderId that is to be canceled"
)
FUTURES_CANCEL_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470240"
FUTURES_CANCEL_BY_CLIENT_QUOTE = "DELETE /api/v1/orders/client-order/{clientOid}?symbol= (symbol required): Cancel order by client defined orderId"
FUTURES_BATCH = "https://www.kucoin.com/docs-new/api-3470241"
FUTURES_BATCH_QUOTE = "DELETE /api/v1/orders/multi-cancel, body orderIdsList or clientOidsList [{symbol, clientOid}]; data: [{orderId, clientOid, code, msg}]"
FUTURES_BATCH_LIMIT_QUOTE = "A maximum of 10 orders can be canceled at a time. (issue 23)"
FUTURES_BATCH_PREVAIL_QUOTE = "When orderIdsList and clientOidsList are used at the same time, orderIdsList shall prevail. (issue 23)"
FUTURES_CANCEL_ALL = "https://www.kucoin.com/docs-new/api-3470242"
FUTURES_CANCEL_ALL_QUOTE = "DELETE /api/v3/orders?symbol= (required): Cancel all limit orders for a specific symbol only; data.cancelledOrderIds"
FUTURES_CANCEL_ALL_V1 = "https://www.kucoin.com/docs-new/api-3470362"
FUTURES_CANCEL_ALL_V1_QUOTE = "DELETE /api/v1/orders: unless otherwise specified, all limit orders will be deleted"

SPOT_HF_CANCEL_BY_ID = "https://www.kucoin.com/docs-new/api-3470174"
SPOT_HF_CANCEL_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470184"
SPOT_CLASSIC_CANCEL_BY_ID = "https://www.kucoin.com/docs-new/api-3470343"
SPOT_CLASSIC_CANCEL_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470344"
SPOT_ACK_QUOTE = (
    "This endpoint only sends cancellation requests. The results of the requests must be obtained by checking the order status or subscribing to Websocket."
)
SPOT_CLASSIC_CANCEL_ALL = "https://www.kucoin.com/docs-new/api-3470345"
SPOT_CLASSIC_CANCEL_ALL_QUOTE = "DELETE /api/v1/orders: Request via this endpoint to cancel all open orders."

ACCOUNT_MODE = "https://www.kucoin.com/docs-new/rest/ua/get-account-mode"
ACCOUNT_MODE_QUOTE = "GET /api/ua/v1/account/mode -> data.selfAccountMode (ccxt 4.5.90 kucoin.is_uta_enabled: 'UNIFIED' means the unified account)"

SIGNING = "https://github.com/Kucoin/kucoin-universal-sdk/blob/78c90c77d749e4e57d61e99b7c04f090150e08d2/sdk/python/example/example_sign.py"
SIGNING_QUOTE = (
    "signature = base64(HMAC-SHA256(secret, timestamp + method + raw_url + body)); the passphrase is itself signed "
    "(base64(HMAC-SHA256(secret, passphrase))); headers KC-API-KEY, KC-API-PASSPHRASE, KC-API-TIMESTAMP, KC-API-SIGN, "
    "KC-API-KEY-VERSION (the SDK example sends 3; ccxt 4.5.90 sends 2, the version issue 23 names, signed the same way)"
)
RATE_LIMIT = "https://www.kucoin.com/docs-new/rate-limit"
RATE_LIMIT_QUOTE = (
    "weights per endpoint: x-api-rate-limit-weight / x-api-rate-limit-pool in the SDK spec; VIP0 quotas Spot 4000 / 30 s, "
    "Futures 2000 / 30 s as ccxt 4.5.90's kucoin.py states them (the rate-limit page itself was not stored here)"
)

ERRORS_QUOTE = "429000 Too Many Requests; 400001-400007 key, signature, timestamp and passphrase errors; 100004 the order cannot be canceled (issue 23)"

# --- Resolving and confirming (issue 20): the one-order queries, their weights and retention ------------------------
# Weights: x-api-rate-limit-weight of each endpoint in the same SDK spec files (commit above), pools Spot / Futures.
QUERY_FUTURES_BY_ID = "https://www.kucoin.com/docs-new/api-3470245"
QUERY_FUTURES_BY_ID_QUOTE = "GET /api/v1/orders/{order-id}: Get a single order by order id (including a stop order). Futures weight 5"
QUERY_FUTURES_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470352"
QUERY_FUTURES_BY_CLIENT_QUOTE = "GET /api/v1/orders/byClientOid?clientOid= (required): Get a single order by client order ID. Futures weight 5"
QUERY_FUTURES_FIELDS_QUOTE = "isActive: Mark of the active orders; cancelExist: Mark of the canceled orders"
QUERY_SPOT_HF_BY_ID = "https://www.kucoin.com/docs-new/api-3470181"
QUERY_SPOT_HF_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470182"
QUERY_SPOT_HF_QUOTE = (
    "GET /api/v1/hf/orders/{orderId}?symbol= and /api/v1/hf/orders/client-order/{clientOid}?symbol= (symbol required), Spot weight 2: "
    "Canceled or fully filled orders are marked as completed Done status. active: true-The status of the order is active; false-The "
    "status of the order is done. cancelExist: Whether there is a cancellation record for the order."
)
QUERY_SPOT_CLASSIC_BY_ID = "https://www.kucoin.com/docs-new/api-3470348"
QUERY_SPOT_CLASSIC_BY_ID_QUOTE = "GET /api/v1/orders/{orderId} (Get Order By OrderId - Old): Request a single order info by order ID. Spot weight 2"
QUERY_SPOT_CLASSIC_BY_CLIENT = "https://www.kucoin.com/docs-new/api-3470349"
QUERY_SPOT_CLASSIC_BY_CLIENT_QUOTE = (
    "GET /api/v1/order/client-order/{clientOid} (Old), Spot weight 3: Request via this interface to check the information of a single "
    "active order via clientOid. The system will send a prompt that the order does not exist if the order does not exist or has been settled."
)
RETENTION = "https://www.kucoin.com/docs-new/rest/ua/get-order-details"
RETENTION_QUOTE = (
    "Max Query Range, Classic Account: SPOT Canceled 2 days (from now back to 2 * 24 hours); SPOT Filled 7 days; "
    "FUTURES Canceled / Filled By orderId: Last 3 months, By clientOid: Last 7 days (the page of the classic order-detail "
    "endpoint; the per-product query pages above state no range)"
)

LIST_FUTURES = "https://www.kucoin.com/docs-new/api-3470244"
LIST_FUTURES_QUOTE = (
    "GET /api/v1/orders (Get Order List), Futures weight 2: status active or done; symbol; pageSize: The default pageSize is 50, The maximum cannot exceed 1000"
)
LIST_FUTURES_RECENT = "https://www.kucoin.com/docs-new/api-3470246"
LIST_FUTURES_RECENT_QUOTE = (
    "GET /api/v1/recentDoneOrders?symbol= (Get Recent Closed Orders), Futures weight 5: a list of recent 1000 closed orders in the last 24 hours"
)
