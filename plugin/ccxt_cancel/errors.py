"""Errors of ccxt_cancel itself. Each names the plugin at fault.

They subclass ccxt's ``ExchangeError`` so a bot's existing
``except ccxt.BaseError`` / ``except ccxt.ExchangeError`` keeps catching them.
"""

from __future__ import annotations

from ccxt.base.errors import ExchangeError


class PluginError(ExchangeError):  # type: ignore[misc]  # ccxt ships no type information
    """A plugin failed: it raised a non-ccxt exception, or broke the hook contract."""

    def __init__(self, plugin_name: str, message: str) -> None:
        self.plugin_name = plugin_name
        super().__init__(f"ccxt_cancel plugin {plugin_name!r} {message}")


class PluginLoadError(PluginError):
    """A plugin named in the ``ccxt_cancel`` entry-point group could not be loaded."""
