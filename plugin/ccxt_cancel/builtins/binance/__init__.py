"""Binance: one plugin module per product whose cancels ccxt gets wrong.

``coinm`` (COIN-M, ``/dapi``), ``usdm`` (USD-M, ``/fapi``), ``spot``
(``/api/v3``), ``margin`` (``/sapi/v1/margin``) and ``portfolio``
(``/papi``). ``_route`` decides which product a call is about, for all of
them; ``_common`` holds the rules they share.
"""
