"""Errors of ccxt_cancel itself. Each names the plugin at fault.

``PluginError`` happens during a cancel, so it is a ccxt error
(``ccxt.ExchangeError``): a bot's existing ``except ccxt.BaseError`` keeps
catching it. ``PluginLoadError`` happens at start-up (``install()``,
``plugin_manager()``), where it is not an exchange's answer at all: it is a
plain ``Exception``, so a bot's ``except ccxt.ExchangeError`` around its
start-up cannot swallow a broken plugin.
"""

from __future__ import annotations

from ccxt.base.errors import ExchangeError


class PluginError(ExchangeError):  # type: ignore[misc]  # ccxt ships no type information
    """A plugin failed during a call: it raised a non-ccxt exception, or broke the hook contract."""

    def __init__(self, plugin_name: str, message: str) -> None:
        self.plugin_name = plugin_name
        super().__init__(f"ccxt_cancel plugin {plugin_name!r} {message}")


class PluginLoadError(Exception):
    """A plugin could not be loaded or registered: it failed to import, or it declares a hook the core cannot honour."""

    def __init__(self, plugin_name: str, message: str) -> None:
        self.plugin_name = plugin_name
        super().__init__(f"ccxt_cancel plugin {plugin_name!r} {message}")
