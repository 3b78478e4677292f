"""A question asked before any cancel (an account mode, a listing) that fails leaves the cancel unsent, and says so.

ccxt's ``RequestTimeout`` is an unknown outcome by its class (sent, never
answered); on a read-only question before the cancel it is not: the error is
marked ``errors.not_sent``, so a bot (and the core's resolution) never treats
the cancel as possibly done. On ccxt's own transport, sync, async and pro.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ccxt
import pytest
import requests

from ccxt_cancel import errors
from tests.reliability.test_confirm import FLAVORS, paths, run
from tests.support.session import StubSession


def timing_out(flavor: str) -> StubSession:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if flavor == "sync":
            raise requests.exceptions.Timeout("read timed out")
        raise asyncio.TimeoutError()

    return StubSession(answer)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bitget_mode_question_that_times_out_sends_no_cancel_and_is_not_unknown(flavor: str) -> None:
    session = timing_out(flavor)
    with pytest.raises(ccxt.RequestTimeout) as raised:
        run(flavor, session, "bitget", "cancel_order", "1", "BTC/USDT:USDT")
    assert paths(session) == ["GET /api/v3/account/settings"]
    assert not errors.is_unknown_outcome(raised.value) and raised.value.ccxt_cancel_outcome == errors.NOT_SENT


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_cancel_all_whose_listing_times_out_is_not_unknown(flavor: str) -> None:
    session = timing_out(flavor)
    with pytest.raises(ccxt.RequestTimeout) as raised:
        run(flavor, session, "okx", "cancel_all_orders", "BTC/USDT")
    assert paths(session) == ["GET /api/v5/trade/orders-pending"]
    assert not errors.is_unknown_outcome(raised.value)


def test_a_cancel_that_times_out_is_still_unknown() -> None:
    session = timing_out("sync")
    with pytest.raises(ccxt.RequestTimeout) as raised:
        run("sync", session, "okx", "cancel_order", "1", "BTC/USDT", {"resolveUnknown": False})
    assert errors.is_unknown_outcome(raised.value)
