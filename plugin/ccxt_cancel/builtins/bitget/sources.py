"""Every page this room cites, with the short quote it relies on (Bitget API docs as read through ccxt 4.5.90's bitget.py links)."""

from __future__ import annotations

SPOT_CANCEL = "https://www.bitget.com/api-doc/spot/trade/Cancel-Order"
MIX_CANCEL = "https://www.bitget.com/api-doc/contract/trade/Cancel-Order"
ID_PRECEDENCE = "Either orderId or clientOid is required. If both are present, orderId prevails."
SPOT_BATCH = "https://www.bitget.com/api-doc/spot/trade/Batch-Cancel-Orders"
MIX_BATCH = "https://www.bitget.com/api-doc/contract/trade/Batch-Cancel-Orders"
BATCH_LIMIT_QUOTE = "orderList ... maximum length: 50"
ERROR_CODES = "https://www.bitget.com/api-doc/common/error-code/restapi"
NO_ORDER_QUOTE = "22001 No order to cancel"
