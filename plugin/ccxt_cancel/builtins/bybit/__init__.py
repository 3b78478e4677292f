"""Bybit v5: the built-in plugin ``bybit`` (:mod:`.plugin`) and its parts, one job each.

* :mod:`.markets`     the market a call is about (category, symbol on the wire) without a request
* :mod:`.ids` orderId / orderLinkId, single and batch, checked before sending
* :mod:`.limits`      batch sizes and rate limits from the pages, as ccxt costs
* :mod:`.errors`      retCodes and HTTP statuses as ccxt classes
* :mod:`.answers`     acknowledgements read into unified orders (status None), batch items paired with their codes
* :mod:`.gaps`        what ccxt 4.5 gets wrong, as data with probes
"""
