"""The one module that touches ccxt's classes and instances.

``install`` replaces ``cancel_order``, ``cancel_orders`` and
``cancel_all_orders`` (and the camelCase names ccxt's ``Exchange.__init__``
copies them to on each class) with wrappers that ask the hooks first and
fall back to the original with the caller's own arguments. A global
install covers the exchange classes of ``ccxt``, ``ccxt.async_support`` and
``ccxt.pro`` listed under an id some plugin serves, and every subclass of
them (a bot's ``class MyBinance(ccxt.binance)``), because ccxt writes
``cancelOrder`` onto the subclass itself at construction. Every other class
keeps ccxt's own methods, so its cancels cost exactly what they cost without
the plugin; a plugin that declares no ids (or an id ccxt does not list)
makes it every class. ``install(exchange)`` wraps the instance when a plugin
serves its id. A plugin registered later gets its classes and installed
instances wrapped then (``refresh``). ``uninstall`` puts back the very
objects it found.

On a wrapped exchange, a wrapper costs an unclaimed call one dictionary
lookup: the plugin manager's routing table (``plugins.routes``) says which
hook implementations care about ``exchange.id``, and when none does the
call goes straight to ccxt, before any argument is looked at.

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
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ccxt_cancel import executor, hookspecs, memo, plugins, resolve
from ccxt_cancel.plans import HAND_BACK, Plan
from ccxt_cancel.resolve import PARAM_KEYS

# snake_case method -> its camelCase alias, as ccxt's Exchange.__init__ spells it
CAMEL: dict[str, str] = {method: method.split("_")[0] + "".join(part.capitalize() for part in method.split("_")[1:]) for method in hookspecs.CANCEL_METHODS}
ATTRIBUTES = tuple(name for snake, camel in CAMEL.items() for name in (snake, camel))

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
_wrapper_set: set[Callable[..., Any]] = set()


def original(function: Callable[..., Any]) -> Callable[..., Any]:
    """ccxt's own function behind one of our wrappers (``__wrapped__``), or the function itself."""
    if function in _wrapper_set:
        inner: Callable[..., Any] = function.__wrapped__  # type: ignore[attr-defined]
        return inner
    return function


def original_method(cls: type, method: str) -> Callable[..., Any]:
    """The unpatched function ``cls.method`` resolves to, installed or not."""
    return original(getattr(cls, method))


_REQUIRED: Any = object()
KEYS = "ccxt_cancel_keys"  # where a bound call keeps its resolve/confirm keys (no hook argument has this name)


class _Binder:
    """Maps a call's ``*args, **kwargs`` to the hook's arguments, or ``None`` when the call stays ccxt's.

    ``None`` when ccxt itself would reject the arguments (it then raises its
    own ``TypeError``) and when ``params`` is not a mapping. Otherwise
    ``params`` becomes a fresh ``dict`` (``None`` -> ``{}``), so a hook can
    read and change it freely. Faster than ``inspect.Signature.bind``; the
    signature is read once per original function.
    """

    def __init__(self, function: Callable[..., Any], hook_args: tuple[str, ...]) -> None:
        parameters = list(inspect.signature(function).parameters.values())[1:]
        self.names = tuple(p.name for p in parameters)
        self.defaults = tuple(_REQUIRED if p.default is p.empty else p.default for p in parameters)
        self.hook_args = hook_args
        self.usable = len(self.names) == len(hook_args) and all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)

    def __call__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        if not self.usable:
            return None
        values: Sequence[Any] = args  # the common call passes every argument by position
        if kwargs or len(args) != len(self.names):
            filled = self._fill(args, kwargs)
            if filled is None:
                return None
            values = filled
        params = values[-1]
        if type(params) is dict:
            params = dict(params)
        elif params is None:
            params = {}
        elif isinstance(params, Mapping):
            params = dict(params)
        else:
            return None  # not a mapping: ccxt's own method decides what that means
        call = dict(zip(self.hook_args, values, strict=False))  # usable: as many values as hook arguments, unchecked (it costs)
        call[self.hook_args[-1]] = params
        # The resolve/confirm keys are the core's: taken out before any hook sees params, never sent.
        call[KEYS] = None if not params or PARAM_KEYS.isdisjoint(params) else resolve.take(params)
        return call

    def without_keys(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """The call's arguments with the resolve/confirm keys left out of params: a call no plugin claims never sends them either."""
        if "params" in kwargs:
            return args, {**kwargs, "params": {k: v for k, v in kwargs["params"].items() if k not in PARAM_KEYS}}
        if len(args) == len(self.names):
            return (*args[:-1], {k: v for k, v in args[-1].items() if k not in PARAM_KEYS}), kwargs
        return args, kwargs

    def _fill(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any] | None:
        """Every argument's value from positions, keywords and defaults, or None where ccxt would raise TypeError."""
        count = len(self.names)
        if len(args) > count:
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
        return values


_binders: dict[tuple[str, Callable[..., Any]], _Binder] = {}


def _binder(method: str, function: Callable[..., Any]) -> _Binder:
    key = (method, function)
    binder = _binders.get(key)
    if binder is None:
        binder = _binders[key] = _Binder(function, hookspecs.HOOK_ARGS[method])
    return binder


def plan_for(exchange: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Plan, str] | None:
    """The plan (and its plugin) that would carry out ``exchange.method(*args, **kwargs)``, or None when the call stays ccxt's.

    The wrappers and the CLI's ``--dry-run`` decide through this one function.
    """
    hook = hookspecs.HOOKS[method]
    impls = plugins.routes(hook, exchange.id)
    if not impls:
        return None
    call = _binder(method, original_method(type(exchange), method))(args, kwargs)
    if call is None:
        return None
    call["exchange"] = exchange
    return plugins.claim(hook, exchange.id, call, impls)


# Every wrapper is written once, in this template. The wrapper of a method whose parameters after
# ``self`` are all positional-or-keyword (every ccxt cancel method) takes that very parameter list
# and passes it straight on: an unclaimed call then packs no ``*args``/``**kwargs`` (about 0.2 us a
# call, issue 25). Each method gets its own names with exec, as dataclasses writes its __init__;
# __defaults__ are the original's own objects, so a call that leaves params out hands ccxt ccxt's
# own default. Any other parameter list gets ``*args, **kwargs``.
_WRAPPER = """
def build(function, hook, plugins, routes, claimed):
    {kind}def wrapper(self, {params}):
        # The routing table read in place (no call) while it holds this exchange: an unclaimed call pays little more than this.
        pm = plugins._manager
        table = None if pm is None else pm.route_table.get(hook)
        impls = None if table is None else table.get(self.id)
        if impls is None:
            impls = routes(hook, self.id)
        if impls:
            return {wait}claimed(self, impls, {packed})
        return {wait}function(self, {passed})
    return wrapper
"""


def _cancel_wrapper(method: str, function: Callable[..., Any]) -> Callable[..., Any]:
    hook = hookspecs.HOOKS[method]
    bind = _binder(method, function)
    routes = plugins.routes
    claim = plugins.claim
    is_async = inspect.iscoroutinefunction(function)

    # What a call that some plugin may want does: bind, ask, run the plan, or hand the call back to ccxt.
    # Written twice on purpose, like the executor's runners: only the awaits differ, and every claimed
    # call runs it (a shared helper would cost a call each time).
    if is_async:

        async def claimed_async(self: Any, impls: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            call = bind(args, kwargs)
            if call is not None:
                call["exchange"] = self
                claimed = claim(hook, self.id, call, impls)
                if claimed is not None:
                    if HOOK_SAVED not in vars(self):
                        attach_error_hook(self)
                    result = await executor.run_async(self, *claimed, call[KEYS])
                    if result is not HAND_BACK:
                        return result
                if call[KEYS] is not None:
                    args, kwargs = bind.without_keys(args, kwargs)
            return await function(self, *args, **kwargs)

        claimed: Callable[..., Any] = claimed_async
    else:

        def claimed_sync(self: Any, impls: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            call = bind(args, kwargs)
            if call is not None:
                call["exchange"] = self
                claimed = claim(hook, self.id, call, impls)
                if claimed is not None:
                    if HOOK_SAVED not in vars(self):
                        attach_error_hook(self)
                    result = executor.run_sync(self, *claimed, call[KEYS])
                    if result is not HAND_BACK:
                        return result
                if call[KEYS] is not None:
                    args, kwargs = bind.without_keys(args, kwargs)
            return function(self, *args, **kwargs)

        claimed = claimed_sync

    if bind.usable:
        names = ", ".join(bind.names)
        params, packed, passed = names, f"({names},), {{}}", names
    else:
        params, packed, passed = "*args, **kwargs", "args, kwargs", "*args, **kwargs"
    source = _WRAPPER.format(kind="async " if is_async else "", wait="await " if is_async else "", params=params, packed=packed, passed=passed)
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<ccxt_cancel wrapper of {method}>", "exec"), namespace)  # noqa: S102 - our own template, the original's parameter names
    wrapper: Callable[..., Any] = namespace["build"](function, hook, plugins, routes, claimed)
    if bind.usable:
        wrapper.__defaults__ = function.__defaults__
    return wrapper


def _error_hook(exchange: Any, previous: Any) -> Callable[..., Any]:
    """``handle_errors`` for an exchange that ran a plan: the active plan's on_error first, then ccxt's own."""

    def handle_errors(*args: Any, **kwargs: Any) -> Any:
        # Only the context running a plan has ACTIVE_PLAN set: concurrent calls
        # on the same exchange that no plugin owns go straight to ccxt's code.
        if executor.ACTIVE_PLAN.get() is not None and len(args) >= 7:
            code, reason, url, method, _headers, body, response = args[:7]
            if executor.offer_error(code, reason, url, method, body, response):
                return None  # accepted by the plan: it reads the answer itself
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


def _wrapper_for(method: str, function: Callable[..., Any]) -> Callable[..., Any]:
    key = (method, function)
    wrapper = _wrappers.get(key)
    if wrapper is None:
        wrapper = _cancel_wrapper(method, function)
        functools.update_wrapper(wrapper, function)  # same name, doc and signature as ccxt's; sets __wrapped__
        _wrappers[key] = wrapper
        _wrapper_set.add(wrapper)
    return wrapper


def exchange_classes(ids: frozenset[str] | None = None) -> Iterator[type]:
    """Every exchange class of ``ccxt``, ``ccxt.async_support`` and ``ccxt.pro``, or those listed under ``ids``."""
    import ccxt
    import ccxt.async_support
    import ccxt.pro

    seen: set[type] = set()
    for module in (ccxt, ccxt.async_support, ccxt.pro):
        for name in module.exchanges if ids is None else sorted(ids.intersection(module.exchanges)):
            cls = getattr(module, name, None)
            if isinstance(cls, type) and cls not in seen:
                seen.add(cls)
                yield cls


def _subclasses(classes: list[type]) -> list[type]:
    """Every class derived from one of ``classes`` that is not itself listed, parents before children."""
    listed = set(classes)
    found: list[type] = []
    stack = list(reversed(classes))
    while stack:
        children: list[type] = stack.pop().__subclasses__()
        for child in reversed(children):
            if child not in listed:
                listed.add(child)
                found.append(child)
                stack.append(child)
    return found


_classes_on = False  # install() without an exchange is in effect
_wrapped_classes: set[type] = set()  # classes whose own __dict__ holds our wrappers
# every instance install(exchange) was given, wrapped or not yet: a plugin registered later may serve it
_instances: weakref.WeakSet[Any] = weakref.WeakSet()


def _ccxt_ids() -> frozenset[str]:
    import ccxt
    import ccxt.async_support
    import ccxt.pro

    return frozenset(ccxt.exchanges).union(ccxt.async_support.exchanges, ccxt.pro.exchanges)


def _wrap_classes(classes: list[type]) -> None:
    """Wrap the cancel methods of ``classes``; the camel copies on their subclasses follow the snake names."""
    derived = _subclasses(classes)
    for cls in classes + derived:
        if cls not in _saved_classes:
            _saved_classes[cls] = {attr: cls.__dict__.get(attr, MISSING) for attr in ATTRIBUTES}
    for method, camel in CAMEL.items():
        for cls in classes:
            wrapper = _wrapper_for(method, original_method(cls, method))
            setattr(cls, method, wrapper)
            setattr(cls, camel, wrapper)
        for cls in derived:
            # A bot's subclass keeps its own override of the snake name (its
            # super() call reaches our wrapper); the camel copy ccxt's
            # __init__ wrote onto it must follow what the snake name now is.
            if camel in cls.__dict__:
                setattr(cls, camel, getattr(cls, method))
    _wrapped_classes.update(classes)


def refresh() -> None:
    """Wrap what the plugins now serve and is not wrapped yet: called at install and whenever the plugins change.

    Only the classes listed under an id some plugin declares are wrapped, so
    a cancel on any other exchange is ccxt's own method, at ccxt's own cost
    (issue 25). A plugin that declares nothing, or an id ccxt does not list
    (a bot's subclass with its own id), makes it every class. Nothing is
    unwrapped when a plugin goes: a wrapper with no route left hands every
    call to ccxt, and ``uninstall`` restores everything.
    """
    with _lock:
        pm = plugins._manager
        if pm is None or not (_classes_on or _instances):
            return  # no manager yet: the one built on first use calls this again
        ids = plugins.served_ids(pm)
        if _classes_on:
            listed = None if ids is None or not ids <= _ccxt_ids() else ids
            classes = [cls for cls in exchange_classes(listed) if cls not in _wrapped_classes]
            if classes:
                _wrap_classes(classes)
        for exchange in list(_instances):
            if not vars(exchange).get(INSTANCE_MARK) and (ids is None or exchange.id in ids):
                _wrap_instance(exchange)


plugins.WATCHERS.append(refresh)


def install_classes() -> None:
    global _classes_on
    plugins.plugin_manager()  # what is served is the manager's to say: have one
    with _lock:
        if _classes_on:
            return
        _classes_on = True
        refresh()


def uninstall_classes() -> None:
    global _classes_on
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
        _wrapped_classes.clear()
        _classes_on = False


def classes_installed() -> bool:
    return _classes_on


def _wrap_instance(exchange: Any) -> None:
    cls = type(exchange)
    saved: dict[str, Any] = vars(exchange)[INSTANCE_MARK]
    for method, camel in CAMEL.items():
        bound = types.MethodType(_wrapper_for(method, original_method(cls, method)), exchange)
        for attr in (method, camel):
            saved[attr] = vars(exchange).get(attr, MISSING)
            setattr(exchange, attr, bound)


def install_instance(exchange: Any) -> Any:
    """Mark ``exchange`` installed; wrap its cancel methods now if some plugin serves its id, else when one does."""
    with _lock:
        if INSTANCE_MARK in vars(exchange):
            return exchange
        vars(exchange)[INSTANCE_MARK] = {}  # what its __dict__ held before the wrappers, once wrapped
        _instances.add(exchange)
        ids = plugins.served_ids(plugins.plugin_manager())
        if ids is None or exchange.id in ids:
            _wrap_instance(exchange)
        return exchange


def uninstall_instance(exchange: Any) -> Any:
    detach_error_hook(exchange)
    memo.forget(exchange)  # what the rooms remembered on the instance goes with the plugin
    with _lock:
        _instances.discard(exchange)
        saved = vars(exchange).pop(INSTANCE_MARK, None)
        if saved is None:
            return exchange
        for attr, value in saved.items():
            if value is MISSING:
                vars(exchange).pop(attr, None)
            else:
                setattr(exchange, attr, value)
        return exchange
