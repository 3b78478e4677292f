"""Input checks shared by the built-in plugins. Each failure is a ccxt error that names the parameter and the rule.

They run inside hooks, before any request exists: a rejected call sends nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadSymbol

_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() accepts "²" and Arabic-Indic digits


def is_ascii_digits(value: str) -> bool:
    return _DIGITS.fullmatch(value) is not None


def require_symbol(exchange_id: str, method: str, symbol: Any) -> str:
    """The symbol as a non-empty string, or ``ArgumentsRequired`` / ``BadSymbol``."""
    if symbol is None:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires a symbol argument")
    if not isinstance(symbol, str) or not symbol.strip() or symbol != symbol.strip():
        raise BadSymbol(f"{exchange_id} {method}() symbol must be a non-empty string without surrounding spaces, got {symbol!r}")
    return symbol


def digits_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    """An order id that must be a whole number: an int, or a string of ASCII decimal digits."""
    if value is None:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires {name}")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadRequest(f"{exchange_id} {method}() {name} must be an int or a string of decimal digits, got {type(value).__name__} {value!r}")
    text = str(value)
    if not is_ascii_digits(text):
        raise BadRequest(f"{exchange_id} {method}() {name} must be a non-negative whole number of decimal digits, got {value!r}")
    return text


def no_none_params(exchange_id: str, method: str, params: Mapping[str, Any]) -> None:
    """A None-valued param would reach the wire as the text "None": refuse it rather than drop it silently."""
    for key, value in params.items():
        if value is None:
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] is None; leave the key out instead")


def params_dict(exchange_id: str, method: str, params: Any) -> dict[str, Any]:
    if type(params) is dict:  # the common case, without the slower Mapping ABC check
        return dict(params)
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise BadRequest(f"{exchange_id} {method}() params must be a dict, got {type(params).__name__}")
    return dict(params)
