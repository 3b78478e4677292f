"""The batch rule as one mechanism (batch.py): every id accounted for, in order; go on, stop, or raise as the rule says."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ccxt
import pytest

from ccxt_cancel import batch
from ccxt_cancel.plans import Request


def drive(steps: Any, outcomes: list[Any]) -> tuple[list[str], Any]:
    """Run a general-form plan: each outcome is an answer, or an exception thrown in at the yield."""
    sent: list[str] = []
    value: Any = None
    failed = False
    try:
        while True:
            request = steps.throw(value) if failed else steps.send(value)
            sent.append(request.path)
            value = outcomes.pop(0)
            failed = isinstance(value, BaseException)
    except StopIteration as done:
        return sent, done.value


def ledger(keys: Sequence[str]) -> batch.Ledger:
    return batch.Ledger(ccxt.binance(), "cancelOrders", keys, "id", "BTC/USDT:USDT")


def chunks(count: int) -> list[tuple[Request, range]]:
    return [(Request(f"chunk{n}", ["private"], "DELETE"), range(2 * n, 2 * n + 2)) for n in range(count)]


def read_all_canceled(book: batch.Ledger) -> Any:
    def read(answer: Any, positions: Sequence[int]) -> None:
        for index in positions:
            book.canceled(index, {"id": book.keys[index], "status": "canceled"})

    return read


@pytest.mark.parametrize("error", [ccxt.RateLimitExceeded("429"), ccxt.DDoSProtection("418"), ccxt.AuthenticationError("key"), ccxt.InvalidNonce("-1021")])
def test_a_rate_limit_credentials_or_clock_error_stops_the_batch(error: ccxt.BaseError) -> None:
    book = ledger(["1", "2", "3", "4", "5", "6"])
    sent, result = drive(batch.chunked(book, chunks(3), read_all_canceled(book)), [{"ok": 1}, error])
    assert sent == ["chunk0", "chunk1"]  # chunk2 never sent
    assert [o["status"] for o in result] == ["canceled", "canceled", None, None, None, None]
    assert [o.get(batch.ERROR_KEY, {}).get("class") for o in result[2:]] == [type(error).__name__] * 4
    assert "not sent" in result[4][batch.ERROR_KEY]["message"]


def test_other_errors_go_on_and_every_failure_keeps_its_id() -> None:
    book = ledger(["1", "2", "3", "4", "5", "6"])
    sent, result = drive(batch.chunked(book, chunks(3), read_all_canceled(book)), [ccxt.ExchangeNotAvailable("503"), {"ok": 1}, ccxt.BadRequest("x")])
    assert sent == ["chunk0", "chunk1", "chunk2"]
    assert [(o["id"], o["status"]) for o in result] == [("1", None), ("2", None), ("3", "canceled"), ("4", "canceled"), ("5", None), ("6", None)]


def test_when_every_request_failed_the_first_error_is_raised() -> None:
    book = ledger(["1", "2", "3", "4"])
    first = ccxt.ExchangeNotAvailable("first")
    with pytest.raises(ccxt.ExchangeNotAvailable, match="first"):
        drive(batch.chunked(book, chunks(2), read_all_canceled(book)), [first, ccxt.BadRequest("second")])


def test_a_whole_request_failure_keeps_each_items_own_error() -> None:
    book = ledger(["1", "2", "3", "4"])

    def read(answer: Any, positions: Sequence[int]) -> None:
        if answer == "all failed":
            book.failed(positions[0], ccxt.OrderNotFound("gone"), {"sCode": "51603"})
            raise batch.RequestFailed(ccxt.ExchangeError("Operation failed."))
        read_all_canceled(book)(answer, positions)

    _, result = drive(batch.chunked(book, chunks(2), read), ["all failed", {"ok": 1}])
    assert [o.get(batch.ERROR_KEY, {}).get("class") for o in result] == ["OrderNotFound", "ExchangeError", None, None]
    assert result[0]["info"] == {"sCode": "51603"}
    book = ledger(["1", "2"])
    # The only request failed: the first error is raised, and the first one recorded is the item's own.
    with pytest.raises(ccxt.OrderNotFound, match="gone"):
        drive(batch.chunked(book, chunks(1), read), ["all failed"])


def test_duplicates_are_refused_and_item_errors_use_the_exchanges_table() -> None:
    with pytest.raises(ccxt.BadRequest, match=r"ids\[2\] '1' appears twice"):
        batch.unique_keys("binance", "cancelOrders", "ids", ["1", "2", "1"])
    assert type(batch.item_error(ccxt.binance(), -2011, "Unknown order sent.", "x")) is ccxt.OrderNotFound
    assert type(batch.item_error(ccxt.binance(), 12345, "never seen", "x")) is ccxt.ExchangeError
    rebuilt = batch.error_of({batch.ERROR_KEY: {"class": "OrderNotFound", "message": "gone"}})
    assert type(rebuilt) is ccxt.OrderNotFound and str(rebuilt) == "gone"
    assert batch.error_of({"id": "1"}) is None
