"""Account mode: classic v2 or unified (UTA v3), by ccxt's own option, else asked once per instance.

ccxt's bitget resolves ``uta`` from ``params['uta']`` / ``options[method]['uta']``
/ ``options['uta']``; when none is set it asks ``GET /api/v3/account/settings``
inside a bare ``try/except`` and keeps ``False`` (classic) after *any* failure,
a 429 included. This room asks the same question, once per instance, and
reads the answer strictly:

* the v3 settings answer (a 2xx ``00000``): a unified account. The mode goes
  where ccxt keeps it (``options['uta'] = True``) and the plan hands the call
  back (``ccxt_cancel.HAND_BACK``): ccxt's own UTA cancel carries it out,
  without asking again.
* code ``40084`` ("You are in Classic Account mode"): a classic account,
  ``options['uta'] = False``, and the classic cancel is sent. The code is not
  on a Bitget page read here; two independent live reports name it as the
  answer a classic key gets from the v3 endpoints (:data:`sources.CLASSIC_40084`).
* anything else (a 429, a network error, an unreadable answer): the mode stays
  unknown, nothing is kept and no cancel is sent; the error reaches the caller
  and the next call asks again.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any

from ccxt.base.errors import BaseError, ExchangeError

from ccxt_cancel import checks, errors
from ccxt_cancel.plans import HAND_BACK, Plan, Request, Wait

UTA_API = ("private", "uta")
SETTINGS = "v3/account/settings"  # ccxt's privateUtaGetV3AccountSettings, the request its handle_uta_and_params makes
CLASSIC_CODE = "40084"


class ClassicAccount(ExchangeError):  # type: ignore[misc]  # ccxt ships no type information
    """The settings answer of a classic account (code 40084): raised by on_error, read by :func:`detected`."""


def known(exchange: Any, method: str, params: dict[str, Any]) -> bool | None:
    """ccxt's own option without a request: True (unified), False (classic) or None (ccxt would ask); consumes params['uta']."""
    return checks.bool_option(exchange, method, params, "uta")


def classic_answer(exchange: Any, body: Any) -> BaseException | None:
    """For on_error: the 40084 answer as :class:`ClassicAccount`, else None."""
    if isinstance(body, Mapping) and str(body.get("code")) == CLASSIC_CODE:
        return ClassicAccount(f"{exchange.id} classic account (code {CLASSIC_CODE})")
    return None


def with_detection(exchange: Any, plan: Plan, ask: bool) -> Plan:
    """``plan`` as it is when the mode is known, else preceded by the question (:func:`detected`)."""
    if not ask:
        return plan
    on_error = plan.on_error

    def answer_error(answer: Any) -> Any:
        return classic_answer(exchange, answer.json) or (on_error(answer) if on_error is not None else None)

    # What the core does after the classic cancel (resolve, confirm) stays with the plan; a failed question is
    # marked not sent (detected), so nothing is resolved then.
    return Plan(steps=detected(exchange, plan), on_error=answer_error, resolution=plan.resolution, items=plan.items, confirm=plan.confirm)


def detected(exchange: Any, plan: Plan) -> Generator[Request | Wait, Any, Any]:
    """Ask the mode, then run ``plan`` on a classic account or hand the call back to ccxt on a unified one."""
    try:
        yield Request(SETTINGS, UTA_API, "GET", {})  # ccxt's own entry for it has cost 1, the default
    except ClassicAccount:
        exchange.options["uta"] = False  # where ccxt's handle_uta_and_params keeps it
        result = yield from plan.flow()
        return result
    except BaseError as error:
        errors.not_sent(error)  # the question failed before any cancel: not an unknown outcome of one
        raise
    exchange.options["uta"] = True
    return HAND_BACK
