"""Input checks shared by the built-in plugins. Each failure is a ccxt error that names the parameter and the rule.

They run inside hooks, before any request exists: a rejected call sends nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadSymbol


def is_ascii_digits(value: str) -> bool:
    # str.isdigit() alone accepts "²"; with isascii() it is exactly [0-9]+, without the regex's cost.
    return value.isascii() and value.isdigit()


def require_symbol(exchange_id: str, method: str, symbol: Any) -> str:
    """The symbol as a non-empty string, or ``ArgumentsRequired`` / ``BadSymbol``."""
    if symbol is None:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires a symbol argument")
    if not isinstance(symbol, str) or not symbol.strip() or symbol != symbol.strip():
        raise BadSymbol(f"{exchange_id} {method}() symbol must be a non-empty string without surrounding spaces, got {symbol!r}")
    return symbol


def digits_id(exchange_id: str, method: str, name: str, value: Any) -> str:
    """An order id that must be a whole number: an int, or a string of ASCII decimal digits."""
    if type(value) is str and value.isascii() and value.isdigit():  # the common case, without the regex
        return value
    if value is None:
        raise ArgumentsRequired(f"{exchange_id} {method}() requires {name}")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadRequest(f"{exchange_id} {method}() {name} must be an int or a string of decimal digits, got {type(value).__name__} {value!r}")
    text = str(value)
    if not is_ascii_digits(text):
        raise BadRequest(f"{exchange_id} {method}() {name} must be a non-negative whole number of decimal digits, got {value!r}")
    return text


# A missing id turned into text upstream (str(None), JSON null, JavaScript's undefined): never an id,
# refused as an order id or a client id on every exchange, so the text never reaches the wire.
MISSING_TEXT = frozenset({"None", "null", "undefined"})


def no_order_id(value: Any) -> bool:
    """True for ``None`` and ``''``: the caller gave no order id.

    ``''`` is ccxt's own idiom for "cancel by the client id in params" (its
    static request test ``cancelOrder('', 'BTC/USDT:USDT', {'clientOrderId':
    'myswap'})``): with a client id it cancels by that id; without one the
    room raises ``ArgumentsRequired`` and sends nothing.
    """
    return value is None or value == ""


def not_missing_text(exchange_id: str, method: str, name: str, value: str) -> str:
    """``value``, or ``BadRequest`` when it is the text of a missing id (:data:`MISSING_TEXT`)."""
    if value in MISSING_TEXT:
        raise BadRequest(f"{exchange_id} {method}() {name} {value!r} is the text of a missing id, not an id; pass the real id or leave it out")
    return value


LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


def _wire_problem(value: Any) -> str | None:
    """Why ccxt could not put this value on the wire faithfully, or None."""
    if value is None:
        return "is None; leave the key out instead"
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if LONG_MIN <= value <= LONG_MAX else "is an integer beyond 64 bits"
    if isinstance(value, float):
        return None if math.isfinite(value) else "is not a finite number"
    if isinstance(value, str):
        if not value.strip():
            return "is an empty string (or only blanks)"
        return f"is the text {value!r} of a missing value; leave the key out instead" if value in MISSING_TEXT else None
    if isinstance(value, (list, tuple)):
        for item in value:
            problem = _wire_problem(item)
            if problem is not None:
                return f"holds an item that {problem}"
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            problem = _wire_problem(item) if isinstance(key, str) else "has a non-string key"
            if problem is not None:
                return f"holds an entry that {problem}" if isinstance(key, str) else problem
        return None
    return f"is a {type(value).__name__}, which has no encoding on the wire"


def wire_safe_params(exchange_id: str, method: str, params: Mapping[str, Any]) -> None:
    """Refuse what would reach the wire wrong: None (the text "None"), empty strings, sets, bytes, huge ints.

    Nested values count too: ccxt urlencodes or JSON-encodes lists and dicts
    whole, so a None one level down is still the text "None" on the wire.
    """
    for key, value in params.items():
        problem = _wire_problem(value)
        if problem is not None:
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] {problem}")


def params_dict(exchange_id: str, method: str, params: Any) -> dict[str, Any]:
    if type(params) is dict:  # the common case, without the slower Mapping ABC check
        return dict(params)
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise BadRequest(f"{exchange_id} {method}() params must be a dict, got {type(params).__name__}")
    return dict(params)


def one_client_id(exchange_id: str, method: str, params: dict[str, Any], keys: Sequence[str], check: Callable[[str, Any], str]) -> str | None:
    """The one client id a call's params carry under any of ``keys`` (all consumed), checked by ``check(name, value)``; None if none.

    Two keys carrying different ids are refused (``BadRequest``): guessing
    which one the caller meant could cancel the wrong order.
    """
    found = {key: check(f"params[{key!r}]", params[key]) for key in keys if params.get(key) is not None}
    for key in keys:
        params.pop(key, None)
    if len(set(found.values())) > 1:
        raise BadRequest(f"{exchange_id} {method}() params carry two different client ids {found!r}; pass one")
    return next(iter(found.values()), None)


def bool_option(exchange: Any, method: str, params: dict[str, Any], key: str) -> bool | None:
    """ccxt's own lookup of a switch (``handle_option_and_params``): ``params[key]`` (consumed), else
    ``options[method][key]``, else ``options[key]``; None when none is a bool (ccxt would decide, e.g. with a request)."""
    if key in params:
        return bool(params.pop(key))
    options = exchange.options if isinstance(exchange.options, Mapping) else {}
    per_method = options.get(method)
    if isinstance(per_method, Mapping) and isinstance(per_method.get(key), bool):
        return bool(per_method[key])
    value = options.get(key)
    return value if isinstance(value, bool) else None


def text_id(exchange_id: str, method: str, name: str, value: Any, pattern: re.Pattern[str] | None = None, rule: str = "") -> str:
    """An id as text: an int becomes its digits; refused (``BadRequest``, naming ``name``) unless a non-empty string
    that is not the text of a missing id and, with ``pattern``, matches it whole (``rule`` says what it allows)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        # Blank counts as empty: no exchange names an order by whitespace, and some read it as no id at all.
        raise BadRequest(f"{exchange_id} {method}() {name} must be a non-empty string or int, got {value!r}")
    not_missing_text(exchange_id, method, name, value)
    if pattern is not None and pattern.fullmatch(value) is None:
        raise BadRequest(f"{exchange_id} {method}() {name} {value!r} must be {rule}")
    return value


ALL_TAKES_NO_ID = "names an order, but a cancel-all cancels every open order of the symbol: use cancel_order"
BATCH_TAKES_NO_ID = "names one order, but would ride along with every request of the batch: pass the ids, or a client-id list"
ONE_TAKES_NO_LIST = "is a batch's id list: use cancel_orders"


def refuse_keys(exchange_id: str, method: str, params: Mapping[str, Any], keys: Collection[str], why: str) -> None:
    """``BadRequest`` (nothing sent) when ``params`` holds one of ``keys``: an id where the call takes none of its kind.

    Passed through, it would ride along with a request that does something
    else than the caller named (a cancel-all cancelling every order, a batch
    repeating one id), or be refused by a page whose parameter table lists none.
    """
    for key in keys:
        if key in params:
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] {why}")


def no_order_ids(exchange_id: str, method: str, params: Mapping[str, Any], keys: Collection[str]) -> None:
    """A cancel-all names no order (:func:`refuse_keys` with :data:`ALL_TAKES_NO_ID`)."""
    refuse_keys(exchange_id, method, params, keys, ALL_TAKES_NO_ID)


def order_id_wins(
    exchange_id: str, method: str, id: Any, client: str | None, check: Callable[[str, Any], str], fields: tuple[str, str], client_names: str
) -> tuple[str, str]:
    """(field, key) of a single cancel: ``fields[0]`` and the checked order id when one is given (it wins over a client
    id), else ``fields[1]`` and ``client``; ``ArgumentsRequired`` (nothing sent) when neither. ``None`` and ``''``
    mean no order id (:func:`no_order_id`), so ccxt's ``cancel_order('', symbol, {'clientOrderId': x})`` works."""
    if not no_order_id(id):
        return fields[0], check("id", id)
    if client is not None:
        return fields[1], client
    raise ArgumentsRequired(f"{exchange_id} {method}() requires an order id, or {client_names} when id is None or ''")


def batch_ids(
    exchange_id: str, method: str, ids: Any, params: dict[str, Any], list_keys: Sequence[str], check: Callable[[str, Any], str]
) -> tuple[list[str], list[str]]:
    """(order ids, client ids) of a batch, each checked by ``check(name, value)``: ``ids`` must be a list (or None);
    the client ids come from the first of ``list_keys`` in params (all consumed), which must be a list."""
    clients: list[str] = []
    for key in list_keys:
        if key in params:
            raw = params.pop(key)
            if not isinstance(raw, (list, tuple)):
                raise BadRequest(f"{exchange_id} {method}() params[{key!r}] must be a list of client order ids, got {type(raw).__name__}")
            listed = [check(f"params[{key!r}][{n}]", value) for n, value in enumerate(raw)]
            if clients and listed != clients:
                raise BadRequest(f"{exchange_id} {method}() params carry two different client-id lists; pass one of {', '.join(list_keys)}")
            clients = listed
    if ids is not None and not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange_id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    return [check(f"ids[{n}]", value) for n, value in enumerate(ids or ())], clients
