"""Every page this room cites, with the short quote it relies on.

URLs are the Bitget API pages ccxt 4.5.90's bitget.py links for each call.
The quotes are as issue 21 cites them from those pages; this room's author
could not re-read the pages or Bitget's SDKs here (the search corpora hold
no copy of them), so each quote is second-hand until checked against the page.
"""

from __future__ import annotations

SPOT_CANCEL = "https://www.bitget.com/api-doc/spot/trade/Cancel-Order"
MIX_CANCEL = "https://www.bitget.com/api-doc/contract/trade/Cancel-Order"
ID_PRECEDENCE = "Either orderId or clientOid is required. If both are present, orderId prevails."
SPOT_BATCH = "https://www.bitget.com/api-doc/spot/trade/Batch-Cancel-Orders"
MIX_BATCH = "https://www.bitget.com/api-doc/contract/trade/Batch-Cancel-Orders"
BATCH_LIMIT_QUOTE = "orderList ... maximum length: 50"
ERROR_CODES = "https://www.bitget.com/api-doc/common/error-code/restapi"
NO_ORDER_QUOTE = "22001 No order to cancel"
