"""The built-in plugins: one module or package per exchange, registered from the one list below.

Like datasette's ``default_*`` plugins and llm's ``default_plugins/``, each
built-in is an ordinary pluggy plugin: a module of ``@hookimpl`` functions
that a third party could have written. The core (``ccxt_cancel.plugins``)
imports none of them by name; it walks :data:`BUILTIN_PLUGINS`.
"""

from __future__ import annotations

# plugin name -> module. pluggy asks the last registered first; the order
# changes speed only, never the outcome, because no two built-ins claim the
# same exchange and product (the Binance ones all ask binance/markets.py).
# On binance spot is asked first, then USD-M (the commonest products; the
# first Binance plugin that routes a call leaves its answer for the next
# ones), then COIN-M, which on binancecoinm is asked first.
BUILTIN_PLUGINS: dict[str, str] = {
    "binance_portfolio": "ccxt_cancel.builtins.binance.portfolio",
    "binance_margin": "ccxt_cancel.builtins.binance.margin",
    "binance_coinm": "ccxt_cancel.builtins.binance.coinm",
    "binance_usdm": "ccxt_cancel.builtins.binance.usdm",
    "binance_spot": "ccxt_cancel.builtins.binance.spot",
    "bybit": "ccxt_cancel.builtins.bybit.plugin",
    "bitopro_margin": "ccxt_cancel.builtins.bitopro.plugin",
    "okx": "ccxt_cancel.builtins.okx.plugin",
    "bitget": "ccxt_cancel.builtins.bitget.plugin",
    "gate": "ccxt_cancel.builtins.gate.plugin",
    "kucoin": "ccxt_cancel.builtins.kucoin.plugin",
}
