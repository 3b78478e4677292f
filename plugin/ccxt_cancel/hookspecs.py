"""The hook contract: one spec per ccxt cancel method, and one for the gaps a plugin fills.

Every cancel spec is ``firstresult``: implementations are asked in order and
the first one that returns something other than ``None`` owns the call.
When nobody claims it, ccxt's own method runs with the caller's arguments,
untouched.

Rules that hold for all three cancel hooks
------------------------------------------
* **Synchronous, no I/O.** An implementation is a plain function. It must not
  do I/O: no HTTP, no ``load_markets()``, no ``await``. It may read the
  exchange (``exchange.id``, ``exchange.markets``, ``exchange.options``,
  ``exchange.rateLimit``, ``exchange.synchronous`` ...). An ``async def``
  implementation is refused: its coroutine would never be ``None`` and
  would claim every call. A *wrapper* implementation (``wrapper=True`` or
  ``hookwrapper=True``) is refused when the plugin is registered: there is
  nothing for it to wrap.
* **Arguments.** It may accept any subset of the spec's arguments, by name
  (pluggy passes only the ones it asks for). ``params`` is always a fresh
  ``dict``: the caller's ``None`` arrives as ``{}``, any other mapping as a
  copy, and a call whose params is not a mapping at all never reaches the
  hooks (ccxt's own method handles it). Reading and changing it is free.
  Keys the plugin consumes (selectors such as ``margin``) must be left out
  of the requests it builds.
* **Answer.** It returns ``None`` to decline, or a :class:`ccxt_cancel.Plan`.
  The simple form, ``Plan(requests, parse, on_error=None)``, lists the
  :class:`ccxt_cancel.Request` objects to send, one after another, and
  ``parse(answers)`` turns the decoded answers into the method's result.
  The general form, ``Plan(steps=generator, on_error=None)``, is a
  generator that yields one ``Request`` at a time, receives its decoded
  answer (or has the ccxt error that request raised thrown in at the
  ``yield``) and returns the result. The core sends every request through
  ``exchange.request()``, awaiting on async exchanges, so one plan serves
  ``ccxt``, ``ccxt.async_support`` and ``ccxt.pro``; ccxt's signing, rate
  limiter (``Request.cost``, ccxt's unit: a cost of c spaces requests by
  c x ``exchange.rateLimit`` ms), proxies and clock sync all apply.
* **Errors.** ``Plan.on_error`` sees each HTTP answer of the plan (an
  :class:`ccxt_cancel.HttpAnswer`) before ccxt's ``handle_errors``: return
  a ccxt exception to raise, :data:`ccxt_cancel.ACCEPT` to hand a 2xx
  answer over unchecked (a batch answer whose items carry their own error
  codes), or ``None`` to leave it to ccxt. Map answers to ccxt's classes so
  bots' error handling keeps working, and never claim more than the
  exchange said: ``OrderNotFound`` only when the answer says the order does
  not exist (a wrong path, pair or account is not "not found"), ``status:
  'canceled'`` only where the exchange documents that the answer confirms
  it, "unknown outcome" only where it documents one.
* **Bad input.** To reject a call it owns, it raises a ccxt error
  (``ccxt.ArgumentsRequired``, ``ccxt.BadRequest``, ``ccxt.BadSymbol`` ...)
  whose message names the parameter and the rule. Nothing has been sent at
  that point. Any other exception is a bug: it reaches the caller as
  :class:`ccxt_cancel.PluginError`, which names the plugin.
* **Order.** Implementations marked ``tryfirst=True`` are asked first, then
  the others in reverse registration order (third-party plugins, loaded
  after the built-ins, come before them), then ``trylast=True`` ones.
* **Routing.** A plugin that sets ``CCXT_CANCEL_EXCHANGES`` (a collection of
  ccxt exchange ids, on the module or object it registers) is only asked
  about those exchanges; one without it is asked about every exchange.
  Declare it: unclaimed cancels on other exchanges then cost nothing (their
  classes are not even wrapped, unless another plugin declares nothing).
* **Signed APIs.** A plugin that sets ``SIGNED_APIS`` (exchange id -> list
  of ``(api section, path, method)`` it asks ccxt to sign; a two-level api
  such as Bitget's ``["private", "spot"]`` as ``"private/spot"``) has each checked
  by the start-up self-check against the installed ccxt's ``sign``. Every
  built-in must declare it (the room contract, ``tests/test_rooms.py``).

The batch rule (``ccxt_cancel_orders``)
---------------------------------------
A claimed ``cancel_orders`` returns **one entry per requested id, in the
caller's order**, whenever at least one request of the plan got a readable
2xx answer. An id the call did not cancel keeps its id in its entry, is not
``'canceled'`` (``status`` is ``None``) and carries the error that says why
under ``order["error"]`` (:data:`ccxt_cancel.ERROR_KEY`) as plain data,
``{"class": "OrderNotFound", "message": "..."}`` (``ccxt_cancel.error_of``
rebuilds the ccxt exception); the raw item, if the exchange sent one, is
its ``info``. A rate-limit, credentials or clock error (a whole request's,
or one item's inside a 2xx answer) stops the batch: the later ids carry it
with ``"outcome": "not sent"``. Only when no request was answered does the
call raise (``ccxt_cancel.batch_error``), with a class true of every id:

1. any id whose outcome is unknown (``"outcome": "unknown"``) -> that
   unknown-outcome class, marked (``ccxt_cancel.is_unknown_outcome``);
2. else any id not sent -> the class of the error that stopped the batch;
3. else the most specific ccxt class every id's error is (``OrderNotFound``
   only when every id was not found; with ``InvalidOrder`` it is
   ``InvalidOrder``).

The exception's ``orders`` attribute holds the per-id entries, exactly the
list a successful call would have returned; its message names each id with
its outcome (the first 50). Duplicate ids are refused with ``BadRequest`` before anything
is sent. ``ccxt_cancel.Ledger`` and ``ccxt_cancel.chunked`` implement
exactly this; use them.

Answers by identity (every cancel hook)
---------------------------------------
An answer item counts for the id it names, never for a position alone
(``ccxt_cancel.match``): named items first, then id-less failure items fill
the ids no item named, in order; an unrequested or repeated item never
stands for a requested id; a requested id without an item, or a single
cancel whose answer names another order, is ``BadResponse`` with an unknown
outcome (``ccxt_cancel.unknown_outcome``). ccxt's idiom ``cancel_order('',
symbol, {'clientOrderId': ...})`` cancels by the client id
(``ccxt_cancel.checks.no_order_id``); the texts ``'None'``, ``'null'`` and
``'undefined'`` are never ids (``checks.MISSING_TEXT``).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ccxt_cancel.markers import hookspec
from ccxt_cancel.plans import Plan

if TYPE_CHECKING:
    from ccxt_cancel.gaps import Gap


@hookspec(firstresult=True)
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_order(id, symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param id: the order id exactly as the caller passed it (may be ``None``).
    :param symbol: the symbol exactly as passed: a unified symbol, a raw
        market id, or ``None``.
    :param params: the caller's extra parameters, as a fresh dict.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose result
        is one unified order dict.
    """


@hookspec(firstresult=True)
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_orders(ids, symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param ids: the list of order ids as passed (may be empty or ``None``).
    :param symbol: the symbol exactly as passed, or ``None``.
    :param params: the caller's extra parameters, as a fresh dict.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose result
        is a list of unified order dicts that follows the batch rule above.
    """


@hookspec(firstresult=True)
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Claim ``exchange.cancel_all_orders(symbol=None, params={})``.

    :param exchange: the ccxt exchange instance (sync, async or pro).
    :param symbol: the symbol exactly as passed, or ``None`` for every market.
    :param params: the caller's extra parameters, as a fresh dict.
    :return: ``None`` to decline, or a :class:`~ccxt_cancel.Plan` whose result
        is a list of unified order dicts: the orders the exchange's answer
        names (``status: None`` where it only acknowledges). An answer that
        names no order gives what ccxt gives for it where that is its own
        compatible shape (Binance futures: one entry holding the answer as
        ``info``), or ``[]`` (Bitget spot, whose issue forbids an order
        without an id).
    """


@hookspec
def ccxt_cancel_gaps() -> Sequence[Gap]:
    """The gaps in ccxt this plugin fills, as :class:`ccxt_cancel.Gap` records.

    Each says which exchange and product, the documented rule (source URL
    and a short quote), what ccxt does, what the plugin does, and a
    ``probe``: a function that runs ccxt's own, unpatched method against a
    stub transport (``ccxt_cancel.probe``; no network, no credentials) and
    returns True while the installed ccxt still has the gap. ``ccxt-cancel
    doctor`` lists them; the README's table of gaps is generated from them.
    """
    return ()  # pluggy never calls a spec; this only keeps the type honest


CANCEL_METHODS = ("cancel_order", "cancel_orders", "cancel_all_orders")
# ccxt method -> the hook that may claim it; the hook is named after the method.
HOOKS: dict[str, str] = {method: f"ccxt_{method}" for method in CANCEL_METHODS}
# ccxt method -> the hook's arguments after ``exchange``, in ccxt's positional order.
HOOK_ARGS: dict[str, tuple[str, ...]] = {method: tuple(inspect.signature(globals()[hook]).parameters)[1:] for method, hook in HOOKS.items()}
