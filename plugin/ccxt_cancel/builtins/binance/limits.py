"""Binance's documented limits, as data (the pages are cited in ``sources.py``).

Costs are the pages' request weights in ccxt's own rate-limit unit for each
API (ccxt's ``binance`` describes the unit: "1 IP (api) => cost = 0.2",
"1 IP (sapi) => cost = 0.1", fapi/dapi/papi charge 1 per weight).
"""

from __future__ import annotations

# Every product page that caps recvWindow: "cannot be greater than 60000" (USD-M gives no cap).
RECV_WINDOW_MAX = 60_000

# USD-M and COIN-M Cancel-Multiple-Orders: "orderIdList ... max length 10".
FUTURES_BATCH_LIMIT = 10

# Margin-Account-Cancel-Order, "Request Weight 10(IP)", in ccxt's sapi unit ("1 IP (sapi) => cost = 0.1").
MARGIN_ORDER_COST = 1.0
