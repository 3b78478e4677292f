"""ccxt-cancel: correct cancels for ccxt bots, through pluggy hooks.

One line at start-up::

    import ccxt_cancel
    ccxt_cancel.install()          # every exchange class of ccxt, ccxt.async_support, ccxt.pro

or per instance: ``ccxt_cancel.install(exchange)``. Calls that no plugin
claims go to ccxt exactly as before.

Importing this package is cheap: it loads pluggy and the markers only; ccxt
and the plugins are loaded by ``install()`` / ``plugin_manager()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import ACCEPT, HttpAnswer, Plan, Request

if TYPE_CHECKING:
    import pluggy

    from ccxt_cancel.errors import PluginError, PluginLoadError

__all__ = [
    "ACCEPT",
    "HttpAnswer",
    "Plan",
    "PluginError",
    "PluginLoadError",
    "Request",
    "hookimpl",
    "install",
    "plugin_manager",
    "uninstall",
]

E = TypeVar("E")


def install(exchange: E | None = None) -> E | None:
    """Route cancels through the hooks: of one exchange instance, or (no argument) of every ccxt exchange class.

    Loads the plugins first, so a broken third-party plugin fails here, at
    start-up, and not in the middle of a cancel. Idempotent.
    """
    from ccxt_cancel import patching, plugins

    plugins.plugin_manager()
    if exchange is None:
        patching.install_classes()
        return None
    return patching.install_instance(exchange)  # type: ignore[no-any-return]


def uninstall(exchange: E | None = None) -> E | None:
    """Undo ``install`` for that instance, or for the classes: every attribute is the object it was before."""
    from ccxt_cancel import patching

    if exchange is None:
        patching.uninstall_classes()
        return None
    return patching.uninstall_instance(exchange)  # type: ignore[no-any-return]


def plugin_manager() -> pluggy.PluginManager:
    """The ``pluggy.PluginManager`` (project ``"ccxt_cancel"``) with built-in and entry-point plugins loaded."""
    from ccxt_cancel import plugins

    return plugins.plugin_manager()


def __getattr__(name: str) -> Any:
    # The error classes subclass ccxt's, so importing them would import ccxt.
    if name in ("PluginError", "PluginLoadError"):
        from ccxt_cancel import errors

        return getattr(errors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
