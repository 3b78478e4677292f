"""The wrappers' argument binding (patching._Binder) agrees with Python's own, for every call shape a bot may use."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import ccxt
import pytest

from ccxt_cancel import hookspecs, patching

CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    (("1",), {}),
    (("1", "BTC/USDT"), {}),
    (("1", "BTC/USDT", {"margin": True}), {}),
    (("1", "BTC/USDT", None), {}),
    (("1", "BTC/USDT", MappingProxyType({"a": 1})), {}),
    (("1", "BTC/USDT", [("a", 1)]), {}),
    (("1", "BTC/USDT", {}, "extra"), {}),
    (("1",), {"symbol": "BTC/USDT"}),
    ((), {"id": "1", "symbol": "BTC/USDT", "params": {"a": 1}}),
    (("1",), {"params": {"a": 1}}),
    (("1",), {"id": "2"}),
    (("1",), {"bogus": 1}),
    (("1", "BTC/USDT"), {"params": None}),
]


def expected(function: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
    try:
        bound = inspect.signature(function).bind(object(), *args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    values = list(bound.arguments.values())[1:]
    params = values[-1]
    if params is None:
        values[-1] = {}
    elif isinstance(params, Mapping):
        values[-1] = dict(params)
    else:
        return None
    return {**dict(zip(hookspecs.HOOK_ARGS[method], values, strict=True)), patching.KEYS: None}


@pytest.mark.parametrize("method", list(hookspecs.HOOK_ARGS))
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_binding_matches_python(method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    function = patching.original_method(ccxt.bitopro, method)
    call = patching._binder(method, function)(args, kwargs)
    assert call == expected(function, method, args, kwargs)
    if call is not None:
        given = [*args, *kwargs.values()]
        assert not any(call["params"] is value for value in given)  # always a fresh dict the hook may change
