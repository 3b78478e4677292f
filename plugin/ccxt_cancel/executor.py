"""The one place that performs I/O for claimed calls, sync and async.

Every request goes through ``exchange.request()``, so ccxt's signing, rate
limiter, proxies, timeouts, retries and ``handle_errors`` all apply. The
plan's ``on_error`` is made visible to ``handle_errors`` through a context
variable: it is set only around this plan's own requests, per thread and per
asyncio task, so concurrent calls that no plugin owns never see it.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from ccxt.base.errors import BaseError, ExchangeError, NetworkError

from ccxt_cancel.errors import PluginError
from ccxt_cancel.plans import ACCEPT, HttpAnswer, Plan, Request

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


def _announce(exchange: Any, plan: Plan, index: int, request: Request) -> None:
    # Method and path template only: params may carry ids, never credentials,
    # but the signed URL and headers are ccxt's business and never logged here.
    count = len(plan.requests)
    if count > 1:
        log.info("%s: request %d of %d: %s %s", exchange.id, index + 1, count, request.method, request.path)
    elif log.isEnabledFor(logging.DEBUG):
        log.debug("%s: %s %s", exchange.id, request.method, request.path)


def _parse_failed(plugin_name: str, exc: Exception) -> PluginError:
    return PluginError(plugin_name, f"raised {type(exc).__name__} while parsing the answer: {exc}")


def _scrub(exchange: Any, error: BaseError) -> BaseError:
    """Take credentials out of a ccxt error's message: ccxt copies raw answer bodies into it, and a body may echo them."""
    secrets = [v for v in (getattr(exchange, name, None) for name in ("apiKey", "secret", "password")) if isinstance(v, str) and len(v) >= 4]
    if secrets and any(isinstance(a, str) and any(s in a for s in secrets) for a in error.args):
        scrubbed = []
        for arg in error.args:
            if isinstance(arg, str):
                for secret in secrets:
                    arg = arg.replace(secret, "<redacted>")
            scrubbed.append(arg)
        error.args = tuple(scrubbed)
    return error


def _network_error(error: BaseError) -> BaseError:
    """A connection cut in the middle of an answer body: ccxt's aiohttp path calls it ExchangeError, sync calls it NetworkError."""
    cause = error.__cause__
    if type(error) is ExchangeError and cause is not None and type(cause).__name__ in ("ClientPayloadError", "ServerDisconnectedError"):
        replacement: BaseError = NetworkError(str(error))
        return replacement
    return error


def run_sync(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    answers: list[Any] = []
    token = ACTIVE_PLAN.set((plan, plugin_name))
    try:
        for index, request in enumerate(plan.requests):
            _announce(exchange, plan, index, request)
            answers.append(exchange.request(request.path, list(request.api), request.method, dict(request.params), request.config))
        return plan.parse(answers)
    except BaseError as error:
        _scrub(exchange, error)
        raise
    except Exception as exc:
        if len(answers) < len(plan.requests):
            raise  # ccxt's own transport raised it; not the plugin's doing
        raise _parse_failed(plugin_name, exc) from exc
    finally:
        ACTIVE_PLAN.reset(token)


async def run_async(exchange: Any, plan: Plan, plugin_name: str) -> Any:
    answers: list[Any] = []
    token = ACTIVE_PLAN.set((plan, plugin_name))
    try:
        for index, request in enumerate(plan.requests):
            _announce(exchange, plan, index, request)
            answers.append(await exchange.request(request.path, list(request.api), request.method, dict(request.params), request.config))
        return plan.parse(answers)
    except BaseError as error:
        replacement = _scrub(exchange, _network_error(error))
        if replacement is error:
            raise
        raise replacement from error
    except Exception as exc:
        if len(answers) < len(plan.requests):
            raise
        raise _parse_failed(plugin_name, exc) from exc
    finally:
        ACTIVE_PLAN.reset(token)
