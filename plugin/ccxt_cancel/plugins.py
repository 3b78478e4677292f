"""Plugin discovery and dispatch.

The manager is built on first use: built-in plugins are registered first,
then third-party plugins from the ``ccxt_cancel`` entry-point group, so that
pluggy (which calls later registrations first) consults third-party plugins
before the built-ins. Two environment variables follow pytest's and
datasette's conventions:

* ``CCXT_CANCEL_DISABLE_PLUGIN_AUTOLOAD`` (any non-empty value): do not load
  entry-point plugins at all (like ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``).
* ``CCXT_CANCEL_BLOCK_PLUGINS``: comma-separated plugin names never to
  register, built-ins included (like ``pytest -p no:NAME``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import os
import threading
from collections.abc import Mapping
from typing import Any

import pluggy
from ccxt.base.errors import BaseError

from ccxt_cancel import hookspecs
from ccxt_cancel.builtins import BUILTIN_PLUGINS
from ccxt_cancel.errors import PluginError, PluginLoadError
from ccxt_cancel.markers import PROJECT_NAME
from ccxt_cancel.plans import Plan

ENTRY_POINT_GROUP = "ccxt_cancel"
DISABLE_AUTOLOAD_ENV = "CCXT_CANCEL_DISABLE_PLUGIN_AUTOLOAD"
BLOCK_ENV = "CCXT_CANCEL_BLOCK_PLUGINS"

_manager: pluggy.PluginManager | None = None
_lock = threading.Lock()


def blocked_names(environ: Mapping[str, str]) -> list[str]:
    return [name.strip() for name in environ.get(BLOCK_ENV, "").split(",") if name.strip()]


def load_entrypoint_plugins(pm: pluggy.PluginManager) -> int:
    """Load the ``ccxt_cancel`` entry points one name at a time, so a failure names its plugin."""
    names = sorted({ep.name for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)})
    loaded = 0
    for name in names:
        try:
            loaded += pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP, name=name)
        except Exception as exc:
            raise PluginLoadError(name, f"failed to load from entry point group {ENTRY_POINT_GROUP!r}: {type(exc).__name__}: {exc}") from exc
    return loaded


def build_manager(environ: Mapping[str, str] | None = None) -> pluggy.PluginManager:
    """A new, fully loaded manager. Tests use this to get one that no other test touched."""
    env = os.environ if environ is None else environ
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in blocked_names(env):
        pm.set_blocked(name)
    for name, module in BUILTIN_PLUGINS.items():
        if not pm.is_blocked(name):
            pm.register(importlib.import_module(module), name=name)
    if not env.get(DISABLE_AUTOLOAD_ENV):
        load_entrypoint_plugins(pm)
    return pm


def plugin_manager() -> pluggy.PluginManager:
    """The process-wide manager, built on first use."""
    global _manager
    pm = _manager
    if pm is None:
        with _lock:
            if _manager is None:
                _manager = build_manager()
            pm = _manager
    return pm


def set_plugin_manager(pm: pluggy.PluginManager | None) -> pluggy.PluginManager | None:
    """Swap the process-wide manager (``None``: rebuild on next use); returns the previous one."""
    global _manager
    with _lock:
        previous, _manager = _manager, pm
    return previous


def claim(hook_name: str, kwargs: dict[str, Any]) -> tuple[Plan, str] | None:
    """Ask the implementations of ``hook_name`` in pluggy's order; return the first plan and its plugin.

    ``kwargs`` holds every argument of the hook by name, ``exchange`` included.

    pluggy's own ``firstresult`` call would give the plan but not who made
    it, nor who raised; walking ``get_hookimpls()`` ourselves (in the same
    reverse order pluggy's ``_multicall`` uses) lets every error name the
    plugin. Wrapper implementations have nothing to wrap here and are skipped.
    """
    caller = getattr(plugin_manager().hook, hook_name)
    for impl in reversed(caller.get_hookimpls()):
        if impl.wrapper or impl.hookwrapper:
            continue
        try:
            result = impl.function(*[kwargs[name] for name in impl.argnames])
        except BaseError:
            raise  # a deliberate ccxt answer, such as ArgumentsRequired for bad input
        except Exception as exc:
            raise PluginError(impl.plugin_name, f"raised {type(exc).__name__} in {hook_name}: {exc}") from exc
        if result is None:
            continue
        if type(result) is Plan:
            return result, impl.plugin_name
        if inspect.isawaitable(result):
            close = getattr(result, "close", None)
            if close is not None:
                close()  # no "coroutine was never awaited" warning on top of our error
            raise PluginError(impl.plugin_name, f"returned an awaitable from {hook_name}; hook implementations must be synchronous")
        if not isinstance(result, Plan):
            raise PluginError(impl.plugin_name, f"returned {type(result).__name__} from {hook_name}; expected ccxt_cancel.Plan or None")
        return result, impl.plugin_name
    return None
