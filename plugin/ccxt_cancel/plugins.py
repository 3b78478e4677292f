"""Plugin discovery, registration and dispatch.

The manager is built on first use: built-in plugins first (from the one list
in ``ccxt_cancel.builtins``), then third-party plugins from the
``ccxt_cancel`` entry-point group, so that pluggy (which calls later
registrations first) consults third-party plugins before the built-ins.
Two environment variables follow pytest's and datasette's conventions:

* ``CCXT_CANCEL_DISABLE_PLUGIN_AUTOLOAD`` (any non-empty value): do not load
  entry-point plugins at all (like ``PYTEST_DISABLE_PLUGIN_AUTOLOAD``).
* ``CCXT_CANCEL_BLOCK_PLUGINS``: comma-separated plugin names never to
  register, built-ins included (like ``pytest -p no:NAME``).

Dispatch (:func:`claim`) walks the implementations itself instead of using
pluggy's ``firstresult`` call, so that every error and every DEBUG log line
names the plugin. It asks only the implementations routed to the
exchange's id (:func:`routes`): a plugin that declares
``CCXT_CANCEL_EXCHANGES`` is asked about those exchanges only, so an
unclaimed cancel on any other exchange costs one dictionary lookup however
many plugins are installed (nothing at all on an exchange no plugin serves:
its classes are not wrapped). The routing table is rebuilt, and the
``WATCHERS`` are told, whenever a plugin is registered, unregistered or
blocked.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import logging
import operator
import os
import threading
from collections.abc import Callable, Collection, Mapping
from typing import Any

import pluggy
from ccxt.base.errors import BaseError

from ccxt_cancel import hookspecs
from ccxt_cancel.builtins import BUILTIN_PLUGINS
from ccxt_cancel.errors import PluginError, PluginLoadError
from ccxt_cancel.markers import PROJECT_NAME
from ccxt_cancel.plans import Plan

log = logging.getLogger("ccxt_cancel")

ENTRY_POINT_GROUP = "ccxt_cancel"
DISABLE_AUTOLOAD_ENV = "CCXT_CANCEL_DISABLE_PLUGIN_AUTOLOAD"
BLOCK_ENV = "CCXT_CANCEL_BLOCK_PLUGINS"
EXCHANGES_ATTR = "CCXT_CANCEL_EXCHANGES"


class Manager(pluggy.PluginManager):
    """A pluggy manager that keeps the routing table current and refuses hooks the dispatch cannot honour."""

    def __init__(self) -> None:
        super().__init__(PROJECT_NAME)
        # hook name -> exchange id -> implementations to ask, in order
        self.route_table: dict[str, dict[str, tuple[Route, ...]]] = {}

    def register(self, plugin: object, name: str | None = None) -> str | None:
        registered = super().register(plugin, name)
        if registered is not None:
            try:
                _refuse_wrappers(self, plugin, registered)
            except PluginLoadError:
                self.unregister(plugin)
                raise
            _warn_if_undeclared(self, plugin, registered)
        self._changed()
        return registered

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any | None:
        try:
            return super().unregister(plugin, name)
        finally:
            self._changed()

    def set_blocked(self, name: str) -> None:
        super().set_blocked(name)
        self._changed()

    def _changed(self) -> None:
        self.route_table.clear()
        if self is _manager:
            _notify()


_warned_undeclared: set[str] = set()  # plugin names warned about, once each per process (bounded by the plugins installed)


def _warn_if_undeclared(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """A plugin with cancel hooks and no CCXT_CANCEL_EXCHANGES is asked about every call: say so once."""
    if exchanges_of(plugin) is not None or name in _warned_undeclared:
        return
    if not any(caller.name in hookspecs.HOOKS.values() for caller in pm.get_hookcallers(plugin) or []):
        return
    _warned_undeclared.add(name)
    log.warning(
        "plugin %s declares no %s: it is asked about every cancel on every exchange, claimed or not, which costs every "
        "cancel a call into it (declare the exchange ids it serves; docs/writing-a-plugin.md)",
        name,
        EXCHANGES_ATTR,
    )


def _refuse_wrappers(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        exchanges_of(plugin)
    except TypeError as exc:
        raise PluginLoadError(name, str(exc)) from exc
    for impl in pm.get_hookcallers(plugin) or []:
        for hookimpl in impl.get_hookimpls():
            if hookimpl.plugin is plugin and (hookimpl.hookwrapper or hookimpl.wrapper):
                raise PluginLoadError(
                    name, f"declares {impl.name} as a wrapper (wrapper=True / hookwrapper=True); a cancel has nothing to wrap, so the dispatch cannot honour it"
                )


def exchanges_of(plugin: object) -> frozenset[str] | None:
    """The exchange ids a plugin declares (``CCXT_CANCEL_EXCHANGES``), or None for every exchange."""
    declared = getattr(plugin, EXCHANGES_ATTR, None)
    if declared is None:
        return None
    if isinstance(declared, str) or not isinstance(declared, Collection):
        raise TypeError(f"{EXCHANGES_ATTR} must be a collection of ccxt exchange ids, got {declared!r}")
    return frozenset(declared)


def served_ids(pm: pluggy.PluginManager) -> frozenset[str] | None:
    """Every exchange id some cancel hook of ``pm`` is routed to, or None when a plugin that declares nothing makes it every id."""
    ids: set[str] = set()
    for hook_name in hookspecs.HOOKS.values():
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            declared = exchanges_of(impl.plugin)
            if declared is None:
                return None
            ids |= declared
    return frozenset(ids)


def blocked_names(environ: Mapping[str, str]) -> list[str]:
    return [name.strip() for name in environ.get(BLOCK_ENV, "").split(",") if name.strip()]


def load_entrypoint_plugins(pm: pluggy.PluginManager) -> int:
    """Load the ``ccxt_cancel`` entry points one name at a time, so a failure names its plugin."""
    names = sorted({ep.name for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)})
    loaded = 0
    for name in names:
        try:
            loaded += pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP, name=name)
        except PluginLoadError:
            raise
        except Exception as exc:
            raise PluginLoadError(name, f"failed to load from entry point group {ENTRY_POINT_GROUP!r}: {type(exc).__name__}: {exc}") from exc
    return loaded


def build_manager(environ: Mapping[str, str] | None = None) -> Manager:
    """A new, fully loaded manager. Tests use this to get one that no other test touched."""
    env = os.environ if environ is None else environ
    pm = Manager()
    pm.add_hookspecs(hookspecs)
    for name in blocked_names(env):
        pm.set_blocked(name)
    for name, module in BUILTIN_PLUGINS.items():
        if not pm.is_blocked(name):
            pm.register(importlib.import_module(module), name=name)
    if not env.get(DISABLE_AUTOLOAD_ENV):
        load_entrypoint_plugins(pm)
    return pm


_manager: Manager | None = None
_lock = threading.Lock()
# Called with no argument whenever what the process-wide manager serves may have changed (patching
# wraps the classes and instances that a newly served exchange id needs). A list, so this module
# never imports the one that touches ccxt's classes.
WATCHERS: list[Callable[[], None]] = []


def _notify() -> None:
    for watcher in WATCHERS:
        watcher()


def plugin_manager() -> Manager:
    """The process-wide manager, built on first use."""
    global _manager
    pm = _manager
    if pm is None:
        with _lock:
            built = _manager is None
            pm = _manager = build_manager() if _manager is None else _manager
        if built:
            _notify()
    return pm


def set_plugin_manager(pm: Manager | None) -> Manager | None:
    """Swap the process-wide manager (``None``: rebuild on next use); returns the previous one."""
    global _manager
    with _lock:
        previous, _manager = _manager, pm
    if previous is not pm:
        _notify()
    return previous


class Route:
    """One implementation to ask about an exchange: pluggy's ``HookImpl`` with its arguments' getter made once.

    ``arguments(call)`` is the tuple of the hook's arguments read from the call's
    dict by name (``operator.itemgetter``, in C): one call less per claimed cancel.
    """

    __slots__ = ("argnames", "arguments", "function", "impl", "plugin_name")

    def __init__(self, impl: pluggy.HookImpl) -> None:
        self.impl = impl
        self.function = impl.function
        self.plugin_name = impl.plugin_name
        self.argnames = tuple(impl.argnames)
        names = self.argnames
        self.arguments: Callable[[Mapping[str, Any]], tuple[Any, ...]] = (
            operator.itemgetter(*names) if len(names) > 1 else (lambda call: tuple(call[name] for name in names))
        )


def _build_routes(pm: Manager, hook_name: str, exchange_id: str) -> tuple[Route, ...]:
    caller = getattr(pm.hook, hook_name)
    # get_hookimpls() is in call-last-first order; pluggy's _multicall walks it reversed.
    chosen = []
    for impl in reversed(caller.get_hookimpls()):
        exchanges = exchanges_of(impl.plugin)
        if exchanges is None or exchange_id in exchanges:
            chosen.append(Route(impl))
    return tuple(chosen)


def routes(hook_name: str, exchange_id: Any) -> tuple[Route, ...]:
    """The implementations of ``hook_name`` to ask about ``exchange_id``, in pluggy's order."""
    pm = _manager or plugin_manager()
    by_exchange = pm.route_table.get(hook_name)
    if by_exchange is None:
        by_exchange = pm.route_table[hook_name] = {}
    found = by_exchange.get(exchange_id)
    if found is None:
        found = by_exchange[exchange_id] = _build_routes(pm, hook_name, str(exchange_id))
    return found


def claim(hook_name: str, exchange_id: Any, kwargs: dict[str, Any], impls: tuple[Route, ...] | None = None) -> tuple[Plan, str] | None:
    """Ask the implementations routed to ``exchange_id`` in pluggy's order; return the first plan and its plugin.

    ``kwargs`` holds every argument of the hook by name, ``exchange`` included;
    ``impls``, when the caller already looked them up, is ``routes(hook_name, exchange_id)``.
    """
    debug = log.isEnabledFor(logging.DEBUG)
    for impl in routes(hook_name, exchange_id) if impls is None else impls:
        try:
            result = impl.function(*impl.arguments(kwargs))
        except BaseError:
            raise  # a deliberate ccxt answer, such as ArgumentsRequired for bad input
        except Exception as exc:
            raise PluginError(impl.plugin_name, f"raised {type(exc).__name__} in {hook_name}: {exc}") from exc
        if result is None:
            if debug:
                log.debug("%s %s: declined by %s", exchange_id, hook_name, impl.plugin_name)
            continue
        if type(result) is not Plan and not isinstance(result, Plan):
            if inspect.isawaitable(result):
                close = getattr(result, "close", None)
                if close is not None:
                    close()  # no "coroutine was never awaited" warning on top of our error
                raise PluginError(impl.plugin_name, f"returned an awaitable from {hook_name}; hook implementations must be synchronous")
            raise PluginError(impl.plugin_name, f"returned {type(result).__name__} from {hook_name}; expected ccxt_cancel.Plan or None")
        if debug:
            log.debug("%s %s: claimed by %s", exchange_id, hook_name, impl.plugin_name)
        return result, impl.plugin_name
    return None
