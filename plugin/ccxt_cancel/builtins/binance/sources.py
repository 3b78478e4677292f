"""Every page Binance's room cites, one home: URL (and the commit read where the page is versioned).

The rules quoted from them sit beside the code that applies them (the product
modules' docstrings and ``gaps.py``). Spot: binance-spot-api-docs at commit
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

# usdm
USDM_PAGES = "https://developers.binance.com/docs/derivatives/usds-margined-futures"
USDM_PAGE_ONE = f"{USDM_PAGES}/trade/rest-api/Cancel-Order"
USDM_PAGE_BATCH = f"{USDM_PAGES}/trade/rest-api/Cancel-Multiple-Orders"
USDM_PAGE_ALL = f"{USDM_PAGES}/trade/rest-api/Cancel-All-Open-Orders"

# coinm
COINM_PAGES = "https://developers.binance.com/docs/derivatives/coin-margined-futures/trade/rest-api"

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
# USD-M All Orders (resolving a batch's unknown ids with one listing), read 2026-12-05 in a stored copy of the page.
ALL_ORDERS = "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/All-Orders"
