"""Where every OKX rule the ``okx`` plugin follows was read, and what kind of source each one is.

OKX's own documentation pages (``www.okx.com/docs-v5``) could not be read
from the machine this plugin was written on, so no rule here cites them as
read. The sources, in the order they are trusted:

* **Official OKX code** (``okxapi`` and ``okx`` organisations on GitHub): the
  Python SDK ``okxapi/python-okx`` and the sample market maker
  ``okxapi/okx-sample-market-maker``, at the commits named below. They show
  endpoints, request bodies, signing, the 20-order batch limit and how OKX's
  own code reads ``sCode``.
* **ccxt's okx source** (ccxt 4.5.90 from PyPI, ``ccxt/okx.py``): the
  answer shapes quoted in its comments and its error-code table.
* **A third-party copy of OKX's documentation** (``qiuham/crypto-api-docs``,
  a Markdown scrape whose files name ``www.okx.com/docs-v5`` as their
  origin). It is *not* OKX's page and is cited as what it is. It is the best
  source found here for two rules no official source states: "If both are
  passed, ordId will be used" and "sCode ... 0 ... only means that your
  cancellation request has been accepted", and for the error messages,
  rate limits and the orders-pending parameters.
"""

from __future__ import annotations

# Official OKX Python SDK, at the commit that was read.
PYTHON_OKX = "https://github.com/okxapi/python-okx/blob/fa8d738249286b9b7ff8fed678218701f87bbb86"
SDK_CONSTS = f"{PYTHON_OKX}/okx/consts.py"  # L156 CANCEL_ORDER, L157 CANCEL_BATCH_ORDERS, L162 ORDERS_PENDING
SDK_TRADE = f"{PYTHON_OKX}/okx/Trade.py"  # L36-L38 cancel_order, L41-L42 cancel_multiple_orders, L78-L81 get_order_list
SDK_UTILS = f"{PYTHON_OKX}/okx/utils.py"  # L10-L13 sign, L16-L19 pre_hash, L22-L31 headers, L51-L54 timestamp
SDK_CLIENT = f"{PYTHON_OKX}/okx/okxclient.py"  # L37-L45: GET query in the signed path, POST body = json.dumps(params)
SDK_NOTEBOOK = f"{PYTHON_OKX}/example/get_started_en.ipynb"  # L569 cancel_order example, L586-L591 cancel_multiple_orders example

# OKX's sample market maker, at the commit that was read.
MARKET_MAKER = "https://github.com/okxapi/okx-sample-market-maker/blob/f726dc43ad4e24e238242e78f52d0d4079ebb95c"
MM_STRATEGY = f"{MARKET_MAKER}/okx_market_maker/strategy/BaseStrategy.py"  # L200, L213 (20 per request), L219-L235 (sCode -> CXL_ACK)

# ccxt's own okx module (the installed 4.5.90 wheel; its file hashes match the wheel's RECORD).
CCXT_OKX = "ccxt 4.5.90 (PyPI) ccxt/okx.py"

# A third-party Markdown copy of OKX's docs: cited as a copy, never as OKX's page.
THIRD_PARTY_COPY = "https://github.com/qiuham/crypto-api-docs/blob/0167ca33e9388ee4a14f019b0c859d84f8343571/docs/okx"
COPY_CANCEL_ORDER = f"{THIRD_PARTY_COPY}/order/book/trading-trade-post-cancel-order.md"
COPY_CANCEL_BATCH = f"{THIRD_PARTY_COPY}/order/book/trading-trade-post-cancel-multiple-orders.md"
COPY_ORDER_LIST = f"{THIRD_PARTY_COPY}/order/book/trading-trade-get-order-list.md"
# "GET /api/v5/trade/order", "60 requests per 2 seconds", "if both are passed, ordId will be used", states
# live / partially_filled / filled / canceled / mmp_canceled (the one-order query that resolves and confirms).
COPY_ORDER_DETAILS = f"{THIRD_PARTY_COPY}/order/book/trading-trade-get-order-details.md"
# "GET /api/v5/trade/orders-history", "40 requests per 2 seconds", instType required (SPOT, MARGIN, SWAP,
# FUTURES, OPTION), limit "The maximum is 100", newest first, "The incomplete orders that have been canceled
# are only reserved for 2 hours" (the listing that confirms many acknowledged cancels at once).
COPY_ORDER_HISTORY = f"{THIRD_PARTY_COPY}/order/book/trading-trade-get-order-history-last-7-days.md"
COPY_ERROR_CODES = f"{THIRD_PARTY_COPY}/error/code.md"
COPY_LABEL = "third-party copy of OKX's docs (qiuham/crypto-api-docs), not OKX's page; the best source found here"
