"""The hook contract: one spec per ccxt cancel method.

Every spec is ``firstresult``: implementations are asked in pluggy's order
and the first one that returns something other than ``None`` owns the call.
When nobody claims it, ccxt's own method runs with the caller's arguments,
untouched.

Rules that hold for all three hooks
-----------------------------------
* An implementation is a plain **synchronous** function. It must not do I/O:
  no HTTP, no ``load_markets()``, no ``await``. It may read the exchange
  (``exchange.id``, ``exchange.markets``, ``exchange.options``,
  ``exchange.rateLimit``, ``exchange.synchronous`` ...). An ``async def``
  implementation is refused: its coroutine would never be ``None`` and would
  claim every call.
* It may accept any subset of the spec's arguments, by name (pluggy passes
  only the ones it asks for).
* It returns ``None`` to decline, or a :class:`ccxt_cancel.Plan` that lists
  the :class:`ccxt_cancel.Request` objects to send and how to turn the
  answers into unified ccxt orders. The core sends them through
  ``exchange.request()``, awaiting on async exchanges, so the same plan
  serves ``ccxt``, ``ccxt.async_support`` and ``ccxt.pro``.
* A plan's requests are sent one after another; ``parse`` receives every
  answer, in order, and must raise a ccxt error (``BadResponse`` ...) for an
  answer that does not prove the cancel. ``Plan.on_error`` sees each HTTP
  answer of the plan (an :class:`ccxt_cancel.HttpAnswer`) before ccxt's
  ``handle_errors``: return a ccxt exception to raise,
  :data:`ccxt_cancel.ACCEPT` to give a 2xx answer to ``parse`` unchecked, or
  ``None`` to leave it to ccxt. ccxt's own error mapping applies otherwise.
* ccxt's rate limiter paces each request by its ``Request.cost`` (ccxt's
  unit: a cost of c spaces requests by c x ``exchange.rateLimit`` ms).
* To reject a call it owns (bad input), it raises a ccxt error
  (``ccxt.ArgumentsRequired``, ``ccxt.BadRequest``, ``ccxt.BadSymbol`` ...)
  whose message names the parameter and the rule. Nothing has been sent at
  that point. Any other exception is a bug: it reaches the caller as
  :class:`ccxt_cancel.PluginError`, which names the plugin.
* ``params`` is a copy of the caller's dict: reading it is free, changing it
  changes nothing. Keys the plugin consumes (selectors such as
  ``margin``) must be left out of the requests it builds.
* Order: implementations marked ``tryfirst=True`` first, then the others in
  reverse registration order (third-party plugins, loaded after the
  built-ins, come before them), then ``trylast=True`` ones.
"""

from __future__ import annotations

from typing import Any

from ccxt_cancel.markers import hookspec
from ccxt_cancel.plans import Plan


@hookspec(firstresult=True)
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_order(id, symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param id: the order id exactly as the caller passed it (may be ``None``).
    :param symbol: the symbol exactly as passed: a unified symbol, a raw
        market id, or ``None``.
    :param params: a copy of the caller's extra parameters.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose
        ``parse`` returns one unified order dict.
    """


@hookspec(firstresult=True)
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_orders(ids, symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param ids: the list of order ids as passed (may be empty or ``None``).
    :param symbol: the symbol exactly as passed, or ``None``.
    :param params: a copy of the caller's extra parameters.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose
        ``parse`` returns a list of unified order dicts, in the caller's
        order. A plan may hold several requests (for example to respect an
        exchange's batch limit); ``parse`` then receives every answer.
    """


@hookspec(firstresult=True)
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_all_orders(symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param symbol: the symbol exactly as passed, or ``None`` for every market.
    :param params: a copy of the caller's extra parameters.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose
        ``parse`` returns a list of unified order dicts.
    """
