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


def singles(count: int) -> list[tuple[Request, range]]:
    return [(Request(f"id{n}", ["private"], "DELETE"), range(n, n + 1)) for n in range(count)]


def raised(keys: Sequence[str], outcomes: list[Any], per_chunk: int = 1) -> ccxt.BaseError:
    book = ledger(keys)
    plan = chunks(len(keys) // 2) if per_chunk == 2 else singles(len(keys))
    with pytest.raises(ccxt.BaseError) as caught:
        drive(batch.chunked(book, plan, read_all_canceled(book)), outcomes)
    return caught.value


def unknown(message: str) -> ccxt.BaseError:
    from ccxt_cancel import errors

    return errors.unknown_outcome(ccxt.ExchangeNotAvailable, message)


def test_every_id_not_found_raises_order_not_found_with_the_entries_attached() -> None:
    error = raised(["1", "2"], [ccxt.OrderNotFound("gone 1"), ccxt.OrderNotFound("gone 2")])
    assert type(error) is ccxt.OrderNotFound
    assert [(o["id"], o["status"], o[batch.ERROR_KEY]["class"]) for o in error.orders] == [("1", None, "OrderNotFound"), ("2", None, "OrderNotFound")]
    assert "1 OrderNotFound: gone 1" in str(error) and "2 OrderNotFound: gone 2" in str(error)


def test_an_unknown_outcome_outweighs_not_found_and_is_marked() -> None:
    # Binance spot: id 1 answers -2011, id 2 a 503 "Unknown error": never OrderNotFound for the batch.
    from ccxt_cancel import errors

    error = raised(["1", "2"], [ccxt.OrderNotFound("-2011"), unknown("503 outcome UNKNOWN")])
    assert type(error) is ccxt.ExchangeNotAvailable and errors.is_unknown_outcome(error)
    assert "UNKNOWN" in str(error) and "1 OrderNotFound: -2011" in str(error)
    assert error.orders[1][batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME
    assert "outcome" not in error.orders[0][batch.ERROR_KEY]


def test_ids_never_sent_raise_the_stopping_class_and_say_so() -> None:
    # ids 1, 2, 3: id 2 answers 429, so id 3 is never sent: never OrderNotFound.
    error = raised(["1", "2", "3"], [ccxt.OrderNotFound("-2011"), ccxt.RateLimitExceeded("429")])
    assert type(error) is ccxt.RateLimitExceeded
    assert "1 were not sent" in str(error) and "3 RateLimitExceeded" in str(error)
    assert [o[batch.ERROR_KEY].get("outcome") for o in error.orders] == [None, None, batch.NOT_SENT]


def test_mixed_failures_raise_the_most_specific_class_true_of_every_id() -> None:
    assert type(raised(["1", "2"], [ccxt.OrderNotFound("a"), ccxt.InvalidOrder("b")])) is ccxt.InvalidOrder
    assert type(raised(["1", "2"], [ccxt.OrderNotFound("a"), ccxt.BadRequest("b")])) is ccxt.ExchangeError
    assert type(raised(["1", "2"], [ccxt.ExchangeNotAvailable("plain 503"), ccxt.BadRequest("b")])) is ccxt.BaseError
    unknown_and_unsent = raised(["1", "2", "3"], [unknown("timeout"), ccxt.AuthenticationError("key")])
    assert type(unknown_and_unsent) is ccxt.ExchangeNotAvailable  # unknown outweighs not sent


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
    # The only request failed: id 1 not found, id 2 only "Operation failed": the class true of both.
    with pytest.raises(ccxt.ExchangeError) as caught:
        drive(batch.chunked(book, chunks(1), read), ["all failed"])
    assert type(caught.value) is ccxt.ExchangeError and [o["id"] for o in caught.value.orders] == ["1", "2"]


def test_an_item_level_rate_limit_stops_the_batch_like_a_request_level_one() -> None:
    book = ledger(["1", "2", "3", "4"])

    def read(answer: Any, positions: Sequence[int]) -> None:
        book.canceled(positions[0], {"id": book.keys[positions[0]], "status": "canceled"})
        book.failed(positions[1], ccxt.RateLimitExceeded("-1003 item"), {"code": -1003})

    sent, result = drive(batch.chunked(book, chunks(2), read), [[{}, {}]])
    assert sent == ["chunk0"]
    assert [o.get(batch.ERROR_KEY, {}).get("outcome") for o in result] == [None, None, batch.NOT_SENT, batch.NOT_SENT]


def test_match_reads_items_by_identity_never_by_position_alone() -> None:
    def name(item: Any) -> Any:
        return item.get("id")

    # repeated and unrequested items match nothing; id-less failures fill the unmatched ids in order
    found = batch.match([{"id": "1000"}, {"id": "1000"}, {"id": "777"}, {"code": -2011}], ["1000", "1009", "1010"], name)
    assert found == [{"id": "1000"}, {"code": -2011}, None]
    # an id-less failure never takes a named item's slot
    found = batch.match([{"code": 170213}, {"id": "A1"}, {"id": "C3"}], ["A1", "B2", "C3"], name)
    assert found == [{"id": "A1"}, {"code": 170213}, {"id": "C3"}]


def test_duplicates_are_refused_and_item_errors_use_the_exchanges_table() -> None:
    with pytest.raises(ccxt.BadRequest, match=r"ids\[2\] '1' appears twice"):
        batch.unique_keys("binance", "cancelOrders", "ids", ["1", "2", "1"])
    assert type(batch.item_error(ccxt.binance(), -2011, "Unknown order sent.", "x")) is ccxt.OrderNotFound
    assert type(batch.item_error(ccxt.binance(), 12345, "never seen", "x")) is ccxt.ExchangeError
    rebuilt = batch.error_of({batch.ERROR_KEY: {"class": "OrderNotFound", "message": "gone"}})
    assert type(rebuilt) is ccxt.OrderNotFound and str(rebuilt) == "gone"
    from ccxt_cancel import errors

    rebuilt = batch.error_of({batch.ERROR_KEY: {"class": "ExchangeNotAvailable", "message": "503", "outcome": "unknown"}})
    assert rebuilt is not None and errors.is_unknown_outcome(rebuilt)
    assert batch.error_of({"id": "1"}) is None


def test_a_batch_error_message_names_50_ids_and_points_to_the_rest() -> None:
    entries = [{"id": str(i), "error": {"class": "BadResponse", "message": "m", "outcome": "unknown"}} for i in range(1000)]
    error = batch.batch_error("binanceusdm", "cancelOrders", "id", entries)
    text = str(error)
    assert len(text) < 2_000 and "0 BadResponse: m" in text and "49 BadResponse: m" in text and "50 BadResponse" not in text
    assert "and 950 more ids" in text and len(error.orders) == 1000
