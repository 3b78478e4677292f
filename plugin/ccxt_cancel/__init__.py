"""ccxt-cancel: correct cancels for ccxt bots, through pluggy hooks.

One line at start-up::

    import ccxt_cancel
    ccxt_cancel.install()          # the exchange classes a plugin serves (ccxt, async_support, pro)

or per instance: ``ccxt_cancel.install(exchange)``. Calls that no plugin
claims go to ccxt exactly as before.

Importing this package is cheap: it loads pluggy and the plan types only;
ccxt and the plugins are loaded by ``install()`` / ``plugin_manager()``, and
the names below that need ccxt are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, overload

from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import ACCEPT, HAND_BACK, Bulk, HttpAnswer, Items, Plan, Request, Resolution, Wait

if TYPE_CHECKING:
    import pluggy

    from ccxt_cancel.batch import ERROR_KEY, Ledger, batch_error, chunked, error_of, match
    from ccxt_cancel.errors import IncompatibleCcxt, PluginError, PluginLoadError, is_unknown_outcome, unknown_outcome
    from ccxt_cancel.gaps import Gap

__version__ = "0.2.0"

__all__ = [
    "ACCEPT",
    "ERROR_KEY",
    "HAND_BACK",
    "Bulk",
    "Gap",
    "HttpAnswer",
    "IncompatibleCcxt",
    "Items",
    "Ledger",
    "Plan",
    "PluginError",
    "PluginLoadError",
    "Request",
    "Resolution",
    "Wait",
    "__version__",
    "batch_error",
    "chunked",
    "error_of",
    "hookimpl",
    "install",
    "is_unknown_outcome",
    "layer_status",
    "match",
    "plugin_manager",
    "uninstall",
    "unknown_outcome",
]

E = TypeVar("E")


@overload
def install(exchange: None = None) -> None: ...
@overload
def install(exchange: E) -> E: ...
def install(exchange: Any = None) -> Any:
    """Route cancels through the hooks: of one exchange instance, or (no argument) of every ccxt exchange class.

    Loads the plugins and checks the ccxt internals the core relies on
    first, so a broken plugin or an incompatible ccxt fails here, at
    start-up, and not in the middle of a cancel. Idempotent.
    """
    from ccxt_cancel import patching, plugins, selfcheck

    plugins.plugin_manager()
    selfcheck.require(async_too=True if exchange is None else None)
    if exchange is None:
        patching.install_classes()
        return None
    return patching.install_instance(exchange)


@overload
def uninstall(exchange: None = None) -> None: ...
@overload
def uninstall(exchange: E) -> E: ...
def uninstall(exchange: Any = None) -> Any:
    """Undo ``install`` for that instance, or for the classes: every attribute is the object it was before."""
    from ccxt_cancel import patching

    if exchange is None:
        patching.uninstall_classes()
        return None
    return patching.uninstall_instance(exchange)


def plugin_manager() -> pluggy.PluginManager:
    """The ``pluggy.PluginManager`` (project ``"ccxt_cancel"``) with built-in and entry-point plugins loaded."""
    from ccxt_cancel import plugins

    return plugins.plugin_manager()


# name -> module, for the public names whose modules import ccxt
_LAZY = {
    "IncompatibleCcxt": "errors",
    "PluginError": "errors",
    "PluginLoadError": "errors",
    "ERROR_KEY": "batch",
    "Ledger": "batch",
    "chunked": "batch",
    "error_of": "batch",
    "batch_error": "batch",
    "match": "batch",
    "is_unknown_outcome": "errors",
    "unknown_outcome": "errors",
    "Gap": "gaps",
}


def layer_status() -> dict[str, Any]:
    """Whether the cancel layer is active in this process and how (``ccxt-cancel doctor`` prints the same)."""
    from ccxt_cancel import autoinstall

    return autoinstall.status()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"ccxt_cancel.{module}"), name)
