"""The one module that touches ccxt's classes and instances.

``install`` replaces ``cancel_order``, ``cancel_orders`` and
``cancel_all_orders`` (and the camelCase names ccxt's ``Exchange.__init__``
copies them to on the class) with wrappers that ask the hooks first and fall
back to the original with the caller's own arguments. ``uninstall`` puts back
the very objects it found.

The first claimed call on an exchange attaches an error hook to that
instance: its ``handle_errors`` then offers each answer of a running plan to
the plan's ``on_error`` first, and forwards everything else to ccxt's own.
Attaching per instance (not per install) means an uninstall can never pull
the hook from under a plan in flight, and an exchange that never runs a plan
carries no hook at all. ``uninstall(exchange)`` removes it.
"""

from __future__ import annotations

import functools
import inspect
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

from ccxt_cancel import executor, plugins

# snake_case method -> (camelCase alias, hook name)
METHODS: dict[str, tuple[str, str]] = {
    "cancel_order": ("cancelOrder", "ccxt_cancel_order"),
    "cancel_orders": ("cancelOrders", "ccxt_cancel_orders"),
    "cancel_all_orders": ("cancelAllOrders", "ccxt_cancel_all_orders"),
}
ATTRIBUTES = tuple(name for snake, (camel, _) in METHODS.items() for name in (snake, camel))

# Hook argument names, in ccxt's positional order.
HOOK_ARGS: dict[str, tuple[str, ...]] = {
    "ccxt_cancel_order": ("id", "symbol", "params"),
    "ccxt_cancel_orders": ("ids", "symbol", "params"),
    "ccxt_cancel_all_orders": ("symbol", "params"),
}

ORIGINAL_ATTR = "__ccxt_cancel_original__"
INSTANCE_MARK = "_ccxt_cancel_saved"
HOOK_SAVED = "_ccxt_cancel_error_hook_replaced"  # what vars(exchange)["handle_errors"] held before the hook


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()

_lock = threading.RLock()
# class -> {attribute: what its __dict__ held before install, or MISSING}
_saved_classes: dict[type, dict[str, Any]] = {}
# one wrapper per original function, so a subclass that inherits a method
# gets the very same wrapper object as its parent
_wrappers: dict[tuple[str, Callable[..., Any]], Callable[..., Any]] = {}


def _unwrap(function: Callable[..., Any]) -> Callable[..., Any]:
    return getattr(function, ORIGINAL_ATTR, function)


_REQUIRED: Any = object()


class _Binder:
    """Maps a call's ``*args, **kwargs`` to the hook's arguments, or ``None`` if ccxt itself would reject them.

    Faster than ``inspect.Signature.bind`` on every cancel; the signature is
    read once per original function. ``params`` is copied, so a hook that
    changes it changes neither the caller's dict nor ccxt's shared default.
    """

    def __init__(self, original: Callable[..., Any], hook_args: tuple[str, ...]) -> None:
        parameters = list(inspect.signature(original).parameters.values())[1:]
        self.names = tuple(p.name for p in parameters)
        self.defaults = tuple(_REQUIRED if p.default is p.empty else p.default for p in parameters)
        self.hook_args = hook_args
        self.usable = len(self.names) == len(hook_args) and all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)

    def __call__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        count = len(self.names)
        if not self.usable or len(args) > count:
            return None
        values = list(args) + [_REQUIRED] * (count - len(args))
        for key, value in kwargs.items():
            try:
                index = self.names.index(key)
            except ValueError:
                return None  # ccxt raises TypeError for this: let it
            if values[index] is not _REQUIRED:
                return None
            values[index] = value
        for index in range(len(args), count):
            if values[index] is _REQUIRED:
                if self.defaults[index] is _REQUIRED:
                    return None
                values[index] = self.defaults[index]
        call = dict(zip(self.hook_args, values))
        params = call.get("params")
        if type(params) is dict:
            call["params"] = dict(params)
        return call


def _cancel_wrapper(method: str, original: Callable[..., Any]) -> Callable[..., Any]:
    hook = METHODS[method][1]
    bind = _Binder(original, HOOK_ARGS[hook])
    claim = plugins.claim

    if inspect.iscoroutinefunction(original):

        async def async_wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            call = bind(args, kwargs)
            if call is not None:
                call["exchange"] = self
                claimed = claim(hook, call)
                if claimed is not None:
                    attach_error_hook(self)
                    return await executor.run_async(self, *claimed)
            return await original(self, *args, **kwargs)

        wrapper: Callable[..., Any] = async_wrapper
    else:

        def sync_wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            call = bind(args, kwargs)
            if call is not None:
                call["exchange"] = self
                claimed = claim(hook, call)
                if claimed is not None:
                    attach_error_hook(self)
                    return executor.run_sync(self, *claimed)
            return original(self, *args, **kwargs)

        wrapper = sync_wrapper
    return wrapper


def _error_hook(exchange: Any, previous: Any) -> Callable[..., Any]:
    """``handle_errors`` for an exchange that ran a plan: the active plan's on_error first, then ccxt's own."""

    def handle_errors(*args: Any, **kwargs: Any) -> Any:
        # Only the context running a plan has ACTIVE_PLAN set: concurrent calls
        # on the same exchange that no plugin owns go straight to ccxt's code.
        if executor.ACTIVE_PLAN.get() is not None and len(args) >= 7:
            code, reason, url, method, _headers, body, response = args[:7]
            if executor.offer_error(code, reason, url, method, body, response):
                return None  # accepted by the plan: its parse reads the answer
        if previous is not MISSING:
            return previous(*args, **kwargs)
        # Looked up at call time, so a class restored by uninstall() is honoured.
        return type(exchange).handle_errors(exchange, *args, **kwargs)

    return handle_errors


def attach_error_hook(exchange: Any) -> None:
    """Give this exchange the error hook its plans need, once; it stays until ``uninstall(exchange)``.

    Attached to the instance at its first claimed call rather than to the
    classes at install time: an uninstall can then never pull the hook from
    under a plan in flight, and exchanges that never run a plan carry none.
    Without a plan in flight it only forwards to ccxt's own handle_errors.
    """
    state = vars(exchange)
    if HOOK_SAVED in state:
        return
    with _lock:
        if HOOK_SAVED not in state:
            previous = state.get("handle_errors", MISSING)
            state["handle_errors"] = _error_hook(exchange, previous)
            state[HOOK_SAVED] = previous


def detach_error_hook(exchange: Any) -> None:
    with _lock:
        state = vars(exchange)
        if HOOK_SAVED not in state:
            return
        previous = state.pop(HOOK_SAVED)
        if previous is MISSING:
            state.pop("handle_errors", None)
        else:
            state["handle_errors"] = previous


def _wrapper_for(method: str, original: Callable[..., Any]) -> Callable[..., Any]:
    key = (method, original)
    wrapper = _wrappers.get(key)
    if wrapper is None:
        wrapper = _cancel_wrapper(method, original)
        functools.update_wrapper(wrapper, original)  # same name, doc and signature as ccxt's
        setattr(wrapper, ORIGINAL_ATTR, original)
        _wrappers[key] = wrapper
    return wrapper


def exchange_classes() -> Iterator[type]:
    """Every exchange class of ``ccxt``, ``ccxt.async_support`` and ``ccxt.pro``."""
    import ccxt
    import ccxt.async_support
    import ccxt.pro

    seen: set[type] = set()
    for module in (ccxt, ccxt.async_support, ccxt.pro):
        for name in module.exchanges:
            cls = getattr(module, name, None)
            if isinstance(cls, type) and cls not in seen:
                seen.add(cls)
                yield cls


def install_classes() -> None:
    with _lock:
        if _saved_classes:
            return
        classes = list(exchange_classes())
        saved = {cls: {attr: cls.__dict__.get(attr, MISSING) for attr in ATTRIBUTES} for cls in classes}
        for method, (camel, _) in METHODS.items():
            for cls in classes:
                wrapper = _wrapper_for(method, _unwrap(getattr(cls, method)))
                setattr(cls, method, wrapper)
                setattr(cls, camel, wrapper)
        _saved_classes.update(saved)


def uninstall_classes() -> None:
    with _lock:
        # snake_case before camelCase: ccxt's __init__ copies snake onto camel at every construction.
        for attr in ATTRIBUTES:
            for cls, attributes in _saved_classes.items():
                value = attributes[attr]
                if value is MISSING:
                    if attr in cls.__dict__:
                        delattr(cls, attr)
                else:
                    setattr(cls, attr, value)
        _saved_classes.clear()


def classes_installed() -> bool:
    return bool(_saved_classes)


def install_instance(exchange: Any) -> Any:
    with _lock:
        if INSTANCE_MARK in vars(exchange):
            return exchange
        cls = type(exchange)
        saved: dict[str, Any] = {}
        for method, (camel, _) in METHODS.items():
            bound = types.MethodType(_wrapper_for(method, _unwrap(getattr(cls, method))), exchange)
            for attr in (method, camel):
                saved[attr] = vars(exchange).get(attr, MISSING)
                setattr(exchange, attr, bound)
        vars(exchange)[INSTANCE_MARK] = saved
        return exchange


def uninstall_instance(exchange: Any) -> Any:
    detach_error_hook(exchange)
    with _lock:
        saved = vars(exchange).pop(INSTANCE_MARK, None)
        if saved is None:
            return exchange
        for attr, value in saved.items():
            if value is MISSING:
                vars(exchange).pop(attr, None)
            else:
                setattr(exchange, attr, value)
        return exchange
