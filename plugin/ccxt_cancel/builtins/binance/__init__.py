"""Binance: one thin registered module per product whose cancels ccxt gets wrong, over shared modules.

Products (registered modules): ``spot`` (``/api/v3``), ``margin``
(``/sapi/v1/margin``), ``usdm`` (USD-M, ``/fapi``), ``coinm`` (COIN-M,
``/dapi``) and ``portfolio`` (``/papi``). Shared: ``markets`` (which product
and market a call is about: ``route`` / ``resolve``), ``ids`` (id rules and
input checks), ``limits`` (documented limits), ``errors`` (HTTP answers read
before ccxt's handle_errors), ``answers`` (answers -> unified orders, batch
plans), ``gaps`` (every product's gap records and their probes) and
``sources`` (every cited page, with the quotes that have no other home).
"""
