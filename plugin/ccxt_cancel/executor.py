"""The one place that performs I/O for claimed calls, sync and async.

Every :class:`~ccxt_cancel.Request` goes through ``exchange.request()``, so
ccxt's signing, rate limiter, proxies, timeouts and ``handle_errors`` all
apply. A general-form plan (``steps``) gets each decoded answer sent back
in, or the ccxt error its request raised thrown in; a simple-form plan is
sent in a plain loop and its ``parse`` gets the answers, which is what
driving ``Plan.flow()`` would do, one generator cheaper. The same code
serves sync exchanges and, awaited, async and pro ones.

Two more duties belong here because they are I/O:

* **Clock.** ccxt syncs its clock (``load_time_difference``) inside
  ``load_markets`` when ``options['adjustForTimeDifference']`` is set. A
  claimed cancel loads no markets, so before the first claimed call on such
  an exchange whose markets were never loaded, the executor runs ccxt's own
  ``load_time_difference()`` once for the instance: one extra request, its
  result stored where ccxt keeps it (``options['timeDifference']``).
* **Errors.** A plan's ``on_error`` is made visible to ``handle_errors``
  through a context variable, set only around this plan's own requests, per
  thread and per asyncio task: concurrent calls no plugin owns never see it.
  ccxt errors leave with credentials scrubbed (``scrub.py``); anything else a
  plan raises is a plugin bug and becomes a ``PluginError`` naming it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from contextvars import ContextVar
from typing import Any

from ccxt.base.errors import BaseError, ExchangeError, NetworkError

from ccxt_cancel import batch, resolve, scrub
from ccxt_cancel.errors import PluginError, is_unknown_outcome
from ccxt_cancel.plans import ACCEPT, HAND_BACK, HttpAnswer, Plan, Request, Steps, Wait

log = logging.getLogger("ccxt_cancel")

# (plan, plugin name) of the plan whose requests are in flight in this context.
ACTIVE_PLAN: ContextVar[tuple[Plan, str] | None] = ContextVar("ccxt_cancel_active_plan", default=None)


def offer_error(code: Any, reason: Any, url: Any, method: Any, body: Any, response: Any) -> bool:
    """Called from the error hook that patching.attach_error_hook puts on the exchange: let the active plan map this answer first.

    Raises the plan's exception, or returns True when the plan accepts a 2xx
    answer as it is (ccxt's ``handle_errors`` is then skipped).
    """
    active = ACTIVE_PLAN.get()
    if active is None:
        return False
    plan, plugin_name = active
    if plan.on_error is None:
        return False
    try:
        status = int(code)
    except (TypeError, ValueError):
        status = 0
    answer = HttpAnswer(status=status, reason=str(reason or ""), url=str(url), method=str(method), body=body if isinstance(body, str) else "", json=response)
    try:
        error = plan.on_error(answer)
    except Exception as exc:
        raise PluginError(plugin_name, f"raised {type(exc).__name__} in its on_error: {exc}") from exc
    if isinstance(error, BaseException):
        raise error
    return error is ACCEPT and 200 <= status < 300


# --- clock --------------------------------------------------------------------------------


_clock_synced: weakref.WeakSet[Any] = weakref.WeakSet()
_clock_lock = threading.Lock()
_clock_async_locks: weakref.WeakKeyDictionary[Any, asyncio.Lock] = weakref.WeakKeyDictionary()


def clock_pending(exchange: Any) -> bool:
    """True when ccxt would have synced this exchange's clock in ``load_markets``, and nobody has yet."""
    options = exchange.options
    # ccxt reads the option with safe_bool: only a real True counts.
    if not isinstance(options, dict) or options.get("adjustForTimeDifference") is not True:
        return False
    return not exchange.markets and exchange not in _clock_synced


def sync_clock(exchange: Any) -> None:
    if clock_pending(exchange):
        with _clock_lock:
            if clock_pending(exchange):
                log.debug("%s: loading the time difference before the first claimed call", exchange.id)
                exchange.load_time_difference()
                _clock_synced.add(exchange)


async def sync_clock_async(exchange: Any) -> None:
    if clock_pending(exchange):
        lock = _clock_async_locks.setdefault(exchange, asyncio.Lock())
        async with lock:  # concurrent first cancels share one sync
            if clock_pending(exchange):
                log.debug("%s: loading the time difference before the first claimed call", exchange.id)
                await exchange.load_time_difference()
                _clock_synced.add(exchange)


# --- driving a plan -----------------------------------------------------------------------


def _announce(exchange: Any, plan: Plan, index: int, request: Request) -> None:
    # Method and path template only: params may carry ids, never credentials,
    # but the signed URL and headers are ccxt's business and never logged here.
    count = plan.expected_requests
    if count is not None and count > 1:
        log.info("%s: request %d of %d: %s %s", exchange.id, index + 1, count, request.method, request.path)
    elif count is None:
        # A plan whose next request depends on the answers (a listing, then cancels; a resolution): no total to give.
        log.info("%s: request %d (the total depends on the answers): %s %s", exchange.id, index + 1, request.method, request.path)
    elif log.isEnabledFor(logging.DEBUG):
        log.debug("%s: %s %s", exchange.id, request.method, request.path)


def _not_a_request(flow: Steps, plugin_name: str, value: Any) -> PluginError:
    flow.close()
    return PluginError(plugin_name, f"yielded {type(value).__name__}; a plan yields ccxt_cancel.Request (or Wait) objects")


def _plan_bug(plugin_name: str, exc: Exception) -> PluginError:
    return PluginError(plugin_name, f"raised {type(exc).__name__} while parsing the answer: {exc}")


def _network_error(error: BaseError) -> BaseError:
    """A connection cut in the middle of an answer body: ccxt's aiohttp path calls it ExchangeError, sync calls it NetworkError."""
    cause = error.__cause__
    if type(error) is ExchangeError and cause is not None and type(cause).__name__ in ("ClientPayloadError", "ServerDisconnectedError"):
        replacement: BaseError = NetworkError(str(error))
        replacement.__cause__ = error
        return replacement
    return error


# run_sync and run_async drive a general-form plan with the same loop; only the ``await``
# differs (the simple form has its own plain loop, _run_simple_sync/_async). Each step
# sends the last outcome into the plan (or throws the request's ccxt error in)
# and sends the request it yields. They are written out rather than shared
# through a helper because every cancel runs them: one call less per step.


def run_sync(exchange: Any, plan: Plan, plugin_name: str, keys: dict[str, Any] | None = None) -> Any:
    """Carry out a claimed plan; ``keys`` are the call's resolve/confirm params (``resolve.take``)."""
    options = exchange.options
    # clock_pending's first test in place: without adjustForTimeDifference (the common case) no call is made.
    if (type(options) is not dict or options.get("adjustForTimeDifference") is True) and clock_pending(exchange):
        sync_clock(exchange)
    run = _run_simple_sync if plan.steps is None else _run_steps_sync
    if plan.resolution is None and plan.confirm is None and plan.items is None and keys is None:
        return run(exchange, plan, plugin_name)
    if keys is None and type(options) is dict and resolve.OPTIONS_KEY not in options:
        policy = resolve.DEFAULT  # the common case, read without a call
    else:
        policy = resolve.policy(exchange, keys)  # a bad value is refused before anything is sent
    try:
        result = run(exchange, plan, plugin_name)
    except BaseError as error:
        follow = _follow_up(plan, plugin_name, error, policy)
        if follow is None:
            raise
        return _settled(error, _run_steps_sync(exchange, follow, plugin_name))
    if plan.items is not None:  # a batch: resolve (and, with confirm, confirm) its entries
        follow = _batch_follow_up(plan, plugin_name, result, policy)
        if follow is not None:
            return _run_steps_sync(exchange, follow, plugin_name)
    if not policy.confirm or result is HAND_BACK:
        return result
    follow = _confirmation(plan, plugin_name, result, policy)
    return result if follow is None else _run_steps_sync(exchange, follow, plugin_name)


def _items(plan: Plan, plugin_name: str) -> Any:
    assert plan.items is not None
    try:
        return plan.items()
    except BaseError:
        raise
    except Exception as exc:
        raise _plan_bug(plugin_name, exc) from exc


def _batch_follow_up(plan: Plan, plugin_name: str, result: Any, policy: resolve.Policy) -> Plan | None:
    """The plan that resolves a batch's unknown entries (and, with confirm, its acknowledged ones), or None."""
    if plan.items is None or type(result) is not list or not resolve.pending(result, policy):
        return None
    return Plan(steps=resolve.batch_steps(result, _items(plan, plugin_name), policy), on_error=plan.on_error)


def _settled(error: BaseError, result: Any) -> Any:
    """A batch error's entries after resolution: the list when any id is settled now, else ``error`` raised again with them."""
    unsettled = type(result) is list and all(batch.ERROR_KEY in entry for entry in result)
    if unsettled and getattr(error, batch.ORDERS_ATTRIBUTE, None) is not None:
        setattr(error, batch.ORDERS_ATTRIBUTE, result)
        raise error
    return result


def _follow_up(plan: Plan, plugin_name: str, error: BaseError, policy: resolve.Policy) -> Plan | None:
    """The plan that resolves an unknown outcome (``Plan.resolution``), or None to raise ``error`` as it is."""
    if not policy.resolve or not is_unknown_outcome(error):
        return None
    entries = getattr(error, batch.ORDERS_ATTRIBUTE, None)
    if type(entries) is list and plan.items is not None:
        # A batch none of whose requests was answered: resolve its entries; _settled decides what the caller gets.
        return Plan(steps=resolve.batch_steps(list(entries), _items(plan, plugin_name), policy), on_error=plan.on_error)
    if plan.resolution is None:
        return None
    return Plan(steps=resolve.steps(error, plan.resolution(), policy.budget), on_error=plan.on_error)


def _confirmation(plan: Plan, plugin_name: str, result: Any, policy: resolve.Policy) -> Plan | None:
    """The plan that confirms an acknowledged result, or None to return it as it is (``confirm`` is opt-in)."""
    if plan.confirm is not None:
        try:
            steps = plan.confirm(result, policy)
        except BaseError:
            raise
        except Exception as exc:
            raise _plan_bug(plugin_name, exc) from exc
        return None if steps is None else Plan(steps=steps, on_error=plan.on_error)
    if plan.resolution is None or not isinstance(result, dict) or result.get("status") is not None:
        return None  # nothing to confirm: the answer already said what became of the order
    return Plan(steps=resolve.confirm_steps(result, plan.resolution(), policy.budget, policy.interval), on_error=plan.on_error)


def _run_steps_sync(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    flow = plan.steps
    assert flow is not None
    token = ACTIVE_PLAN.set((plan, plugin_name))
    outcome: Any = None
    failed = False
    index = 0
    try:
        while True:
            try:
                request = flow.throw(outcome) if failed else flow.send(outcome)
            except (StopIteration, BaseError):
                raise
            except Exception as exc:
                raise _plan_bug(plugin_name, exc) from exc
            if type(request) is not Request:
                if type(request) is Wait:
                    time.sleep(request.seconds)
                    outcome, failed = None, False
                    continue
                if not isinstance(request, Request):
                    raise _not_a_request(flow, plugin_name, request)
            _announce(exchange, plan, index, request)
            index += 1
            params = request.params
            try:
                outcome = exchange.request(
                    request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                )
                failed = False
            except BaseError as error:
                outcome, failed = scrub.error(exchange, error), True
    except StopIteration as done:
        return done.value
    except BaseError as error:
        raise scrub.error(exchange, error) from error.__cause__
    finally:
        ACTIVE_PLAN.reset(token)
        flow.close()


def _run_simple_sync(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    # What driving Plan.flow() does for the simple form, without the generator:
    # most cancels are one request, and the generator costs a microsecond each.
    token = ACTIVE_PLAN.set((plan, plugin_name))
    requests = plan.requests
    try:
        if len(requests) == 1 and not log.isEnabledFor(logging.DEBUG):
            # The common cancel: one request, nothing to announce below DEBUG.
            request = requests[0]
            params = request.params
            answers = [
                exchange.request(
                    request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                )
            ]
        else:
            answers = []
            for index, request in enumerate(requests):
                _announce(exchange, plan, index, request)
                params = request.params
                answers.append(
                    exchange.request(
                        request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                    )
                )
        try:
            return plan.parse(answers)  # type: ignore[misc]
        except BaseError:
            raise
        except Exception as exc:
            raise _plan_bug(plugin_name, exc) from exc
    except BaseError as error:
        raise scrub.error(exchange, error) from error.__cause__
    finally:
        ACTIVE_PLAN.reset(token)


async def run_async(exchange: Any, plan: Plan, plugin_name: str, keys: dict[str, Any] | None = None) -> Any:
    options = exchange.options
    if (type(options) is not dict or options.get("adjustForTimeDifference") is True) and clock_pending(exchange):
        await sync_clock_async(exchange)
    run = _run_simple_async if plan.steps is None else _run_steps_async
    if plan.resolution is None and plan.confirm is None and plan.items is None and keys is None:
        return await run(exchange, plan, plugin_name)
    if keys is None and type(options) is dict and resolve.OPTIONS_KEY not in options:
        policy = resolve.DEFAULT  # the common case, read without a call (as in run_sync)
    else:
        policy = resolve.policy(exchange, keys)
    try:
        result = await run(exchange, plan, plugin_name)
    except BaseError as error:
        follow = _follow_up(plan, plugin_name, error, policy)
        if follow is None:
            raise
        return _settled(error, await _run_steps_async(exchange, follow, plugin_name))
    if plan.items is not None:
        follow = _batch_follow_up(plan, plugin_name, result, policy)
        if follow is not None:
            return await _run_steps_async(exchange, follow, plugin_name)
    if not policy.confirm or result is HAND_BACK:
        return result
    follow = _confirmation(plan, plugin_name, result, policy)
    return result if follow is None else await _run_steps_async(exchange, follow, plugin_name)


async def _run_steps_async(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    flow = plan.steps
    assert flow is not None
    token = ACTIVE_PLAN.set((plan, plugin_name))
    outcome: Any = None
    failed = False
    index = 0
    try:
        while True:
            try:
                request = flow.throw(outcome) if failed else flow.send(outcome)
            except (StopIteration, BaseError):
                raise
            except Exception as exc:
                raise _plan_bug(plugin_name, exc) from exc
            if type(request) is not Request:
                if type(request) is Wait:
                    await asyncio.sleep(request.seconds)
                    outcome, failed = None, False
                    continue
                if not isinstance(request, Request):
                    raise _not_a_request(flow, plugin_name, request)
            _announce(exchange, plan, index, request)
            index += 1
            params = request.params
            try:
                outcome = await exchange.request(
                    request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                )
                failed = False
            except BaseError as error:
                outcome, failed = scrub.error(exchange, _network_error(error)), True
    except StopIteration as done:
        return done.value
    except BaseError as error:
        raise scrub.error(exchange, error) from error.__cause__
    finally:
        ACTIVE_PLAN.reset(token)
        flow.close()


async def _run_simple_async(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    token = ACTIVE_PLAN.set((plan, plugin_name))
    requests = plan.requests
    try:
        try:
            if len(requests) == 1 and not log.isEnabledFor(logging.DEBUG):
                # The common cancel, as in _run_simple_sync: one request, nothing to announce below DEBUG.
                request = requests[0]
                params = request.params
                answers = [
                    await exchange.request(
                        request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                    )
                ]
            else:
                answers = []
                for index, request in enumerate(requests):
                    _announce(exchange, plan, index, request)
                    params = request.params
                    answers.append(
                        await exchange.request(
                            request.path, list(request.api), request.method, dict(params) if type(params) is dict else request.wire_params(), request.config
                        )
                    )
        except BaseError as error:
            replacement = _network_error(error)
            if replacement is error:
                raise
            raise replacement from error
        try:
            return plan.parse(answers)  # type: ignore[misc]
        except BaseError:
            raise
        except Exception as exc:
            raise _plan_bug(plugin_name, exc) from exc
    except BaseError as error:
        raise scrub.error(exchange, error) from error.__cause__
    finally:
        ACTIVE_PLAN.reset(token)
