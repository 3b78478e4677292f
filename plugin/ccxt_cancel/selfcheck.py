"""The start-up self-check: are the ccxt internals the core relies on still what they were?

ccxt-cancel does not fork ccxt; it calls a few of its internals directly. If a
ccxt release changes one of them, a claimed cancel could be sent wrong or
routed around the plugin without anyone noticing. So ``install()`` (and
``ccxt-cancel doctor``) checks, once per process:

* ``Exchange.request(path, api, method, params, config)``, sync and async:
  the executor sends every request of a plan through it (ccxt 4.5.88 and
  older took ``headers`` and ``body`` in fourth and fifth place);
* ``handle_errors(code, reason, url, method, headers, body, response, ...)``:
  the error hook reads its first seven positional arguments;
* ``sign(path, api, method, params)`` accepts each built-in's API sections
  (a list such as ``['dapiPrivate']``) and returns a dict with a ``url``;
* ccxt's ``Exchange.__init__`` still copies ``cancel_order`` onto the class
  as ``cancelOrder`` (and the other two): patching relies on both names.

Any difference is a :class:`Problem` naming what changed, and ``install()``
raises :class:`~ccxt_cancel.errors.IncompatibleCcxt` before patching
anything. Never a silent misroute.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccxt_cancel import patching, probe
from ccxt_cancel.builtins import BUILTIN_PLUGINS

REQUEST_ARGS = ("self", "path", "api", "method", "params", "config")
HANDLE_ERRORS_ARGS = ("self", "statusCode", "statusText", "url", "method", "responseHeaders", "responseBody", "response")
SIGN_ARGS = ("self", "path", "api", "method", "params")


@dataclass(frozen=True)
class Problem:
    """One ccxt internal that is not what the core relies on."""

    what: str  # "ccxt.base.exchange.Exchange.request"
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.what}: expected {self.expected}, found {self.found}"


def _leading(function: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(inspect.signature(function).parameters)


def signature_problems(*bases: type) -> list[Problem]:
    found: list[Problem] = []
    for base in bases:
        where = f"{base.__module__}.{base.__qualname__}"
        for name, expected in (("request", REQUEST_ARGS), ("handle_errors", HANDLE_ERRORS_ARGS), ("sign", SIGN_ARGS)):
            function = getattr(base, name, None)
            if function is None:
                found.append(Problem(f"{where}.{name}", f"a method ({', '.join(expected)}, ...)", "no such method"))
                continue
            names = _leading(function)
            if names[: len(expected)] != expected:
                found.append(Problem(f"{where}.{name}", f"({', '.join(expected)}, ...)", f"({', '.join(names)})"))
    return found


def signed_api_problems(apis: Mapping[str, Sequence[tuple[str, str, str]]], make: Callable[[str], Any] = probe.exchange) -> list[Problem]:
    """``apis``: exchange id -> (api section, path, method) the built-ins send; each must sign to a dict with a url."""
    found: list[Problem] = []
    for exchange_id, sections in apis.items():
        try:
            exchange = make(exchange_id)
        except Exception as exc:  # noqa: BLE001 - any failure here is the finding
            found.append(Problem(f"ccxt.{exchange_id}", "an exchange class", f"{type(exc).__name__}: {exc}"))
            continue
        for section, path, method in sections:
            try:
                signed = exchange.sign(path, section.split("/"), method, {})  # "private/spot": a two-level api
                ok = isinstance(signed, Mapping) and str(signed.get("url", "")).startswith("http")
                found_text = "" if ok else repr(signed)[:120]
            except Exception as exc:  # noqa: BLE001 - any failure here is the finding
                ok, found_text = False, f"{type(exc).__name__}: {exc}"
            if not ok:
                found.append(Problem(f"ccxt.{exchange_id}.sign(..., [{section!r}], ...)", "a dict with the request's url", found_text))
        found.extend(camel_problems([exchange]))
    return found


def camel_problems(exchanges: Iterable[Any]) -> list[Problem]:
    """ccxt's __init__ still puts each cancel method on the class under its camelCase name, as the same function."""
    found: list[Problem] = []
    for exchange in exchanges:
        cls = type(exchange)
        for snake, camel in patching.CAMEL.items():
            function, alias = getattr(cls, snake, None), getattr(cls, camel, None)
            if function is None or alias is None or patching.original(alias) is not patching.original(function):
                found.append(Problem(f"ccxt.{exchange.id}.{camel}", f"the same function as {snake} (copied by Exchange.__init__)", repr(alias)))
    return found


def builtin_apis() -> dict[str, list[tuple[str, str, str]]]:
    """What every built-in declares it signs: module-level ``SIGNED_APIS`` (exchange id -> (section, path, method))."""
    merged: dict[str, list[tuple[str, str, str]]] = {}
    for name, module in BUILTIN_PLUGINS.items():
        declared = getattr(importlib.import_module(module), "SIGNED_APIS", None)
        if not isinstance(declared, dict) or not declared:
            # A room that forgot it would drop out of the self-check unnoticed: it is part of the room contract.
            raise AssertionError(f"built-in plugin {name!r} ({module}) declares no SIGNED_APIS (hookspecs.py, 'Routing')")
        for exchange_id, sections in declared.items():
            merged.setdefault(exchange_id, []).extend(sections)
    return merged


def problems(async_too: bool = True) -> list[Problem]:
    """Every difference between the installed ccxt and what the core relies on (empty: all is well).

    ``async_too=False`` leaves out ``ccxt.async_support``, whose import alone
    costs most of a second: a bot that never imported it needs no check of it.
    """
    from ccxt.base.exchange import Exchange

    bases: list[type] = [Exchange]
    if async_too:
        from ccxt.async_support.base.exchange import Exchange as AsyncExchange

        bases.append(AsyncExchange)
    return signature_problems(*bases) + signed_api_problems(builtin_apis())


_checked: dict[bool, list[Problem]] = {}


def checked(async_too: bool) -> list[Problem]:
    """:func:`problems`, computed once per process (ccxt does not change under a running process)."""
    found = _checked.get(async_too)
    if found is None:
        found = _checked[async_too] = problems(async_too)
    return found


def require(async_too: bool | None = None) -> None:
    """Raise ``IncompatibleCcxt`` naming every problem, or return.

    ``async_too`` defaults to whether ``ccxt.async_support`` is already imported.
    """
    if async_too is None:
        async_too = "ccxt.async_support" in sys.modules
    found = checked(async_too)
    if found:
        import ccxt

        from ccxt_cancel.errors import IncompatibleCcxt

        raise IncompatibleCcxt(ccxt.__version__, [str(p) for p in found])
