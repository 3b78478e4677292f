"""Every page Binance's room cites, one home: URL (and the commit read where the page is versioned).

The rules quoted from them sit in the gap records (``gaps.py``), beside the
code that applies them (``limits.py``, ``errors.py`` ...) and in
``docs/exchanges/binance.md``; a quote with no other home is kept here, next
to its URL. Spot: binance-spot-api-docs at commit
a5e0bc3; derivatives and margin: developers.binance.com (English pages read in
the scraper copy github.com/shubhamtaywade82/binance-docs-scraper, commit
891df63, scraped 2026-05-28; zh-CN twins on Binance's own site agree).
"""

from __future__ import annotations

# spot
SPOT_DOCS = "https://github.com/binance/binance-spot-api-docs/blob/a5e0bc3ddc0fd7e6bb696849323b74423fa3a54d/rest-api.md"
SPOT_PAGE_ONE = f"{SPOT_DOCS}#cancel-order-trade"
SPOT_PAGE_ALL = f"{SPOT_DOCS}#cancel-all-open-orders-on-a-symbol-trade"
SPOT_PAGE_GENERAL = f"{SPOT_DOCS}#http-return-codes"
# Costs: Weight 1 (IP) per cancel, in ccxt's /api unit ("1 IP (api) => cost = 0.2", 6000 per minute).

# usdm
USDM_PAGES = "https://developers.binance.com/docs/derivatives/usds-margined-futures"
USDM_PAGE_ONE = f"{USDM_PAGES}/trade/rest-api/Cancel-Order"
USDM_PAGE_BATCH = f"{USDM_PAGES}/trade/rest-api/Cancel-Multiple-Orders"
USDM_PAGE_ALL = f"{USDM_PAGES}/trade/rest-api/Cancel-All-Open-Orders"
# Cancel-Order is silent on both ids; the Modify-Order page says "orderId will prevail", so orderId alone is sent.
# Cancel-Multiple-Orders: orderIdList and origClientOrderIdList are mutually exclusive ("不可同时发送", its zh-CN
# twin). The zh-CN twins of Cancel-Multiple-Orders and Cancel-Order agree on weights, params and the limit of 10.
# Costs: each page's Request Weight 1 in ccxt's fapi unit (cost 1 per weight): 1200/min against the documented
# 2400 weight/min, a cautious factor two kept as ccxt has it.

# coinm
COINM_PAGES = "https://developers.binance.com/docs/derivatives/coin-margined-futures/trade/rest-api"
# Read: Cancel-Order, Cancel-Multiple-Orders, Cancel-All-Open-Orders, general-info (HTTP return codes), error-code.

# margin
MARGIN_PAGES = "https://developers.binance.com/docs/margin_trading"
MARGIN_PAGE_ONE = f"{MARGIN_PAGES}/trade/Margin-Account-Cancel-Order"
MARGIN_PAGE_ALL = f"{MARGIN_PAGES}/trade/Margin-Account-Cancel-All-Open-Orders"
MARGIN_PAGE_ALL_ZH = "https://developers.binance.com/docs/zh-CN/margin_trading/trade/Margin-Account-Cancel-All-Open-Orders"
MARGIN_PAGE_GENERAL = f"{MARGIN_PAGES}/general-info"

# portfolio
PORTFOLIO_PAGES = "https://developers.binance.com/docs/derivatives/portfolio-margin"
PORTFOLIO_PAGE_UM = f"{PORTFOLIO_PAGES}/trade/Cancel-UM-Order"
PORTFOLIO_PAGE_ERRORS = f"{PORTFOLIO_PAGES}/error-code"
# The listings that verify a UM/CM cancel-all with confirm, read 2026-12-05 in stored copies of the zh-CN pages:
# "GET /papi/v1/um/openOrders", "请求权重: 带symbol 1 - 不带 40"; "GET /papi/v1/cm/openOrders", "带symbol 1 ; 不带 40".
PORTFOLIO_OPEN_UM = "https://developers.binance.com/docs/zh-CN/derivatives/portfolio-margin/trade/Query-All-Current-UM-Open-Orders"
PORTFOLIO_OPEN_CM = "https://developers.binance.com/docs/zh-CN/derivatives/portfolio-margin/trade/Query-All-Current-CM-Open-Orders"
# General info: "`recvWindow` cannot exceed 60000." The zh-CN Cancel-Margin-Account-Order and
# Cancel-Margin-Account-All-Open-Orders-on-a-Symbol agree (weights 2 and 5, recvWindow at most 60000).
# Costs: the pages' weights in the unit of ccxt's own papi cancel entries (cost = weight), which ccxt's
# comment ties to the PM order limit of 1200/min.

# USD-M All Orders (resolving a batch's unknown ids with one listing), read 2026-12-05 in a stored copy of the page.
ALL_ORDERS = "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/All-Orders"
