"""The core input checks every room shares (ccxt_cancel.checks): what they refuse, with a message naming the parameter."""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

from ccxt_cancel import checks


@pytest.mark.parametrize("value", ["", " ", "\t\n", None, 1.5, True, "None", "null", "undefined"])
def test_text_id_refuses_what_names_no_order(value: Any) -> None:
    with pytest.raises(ccxt.BadRequest, match=r"x cancelOrder\(\) id"):
        checks.text_id("x", "cancelOrder", "id", value)


@pytest.mark.parametrize(("value", "expected"), [("abc-1", "abc-1"), (42, "42"), (" padded ", " padded ")])
def test_text_id_keeps_real_ids(value: Any, expected: str) -> None:
    assert checks.text_id("x", "cancelOrder", "id", value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "None", "null", ["a", None], {"k": "undefined"}, {1, 2}, b"x", 2**64, float("nan")])
def test_wire_safe_params_refuses_what_would_reach_the_wire_wrong(value: Any) -> None:
    with pytest.raises(ccxt.BadRequest, match=r"params\['foo'\]"):
        checks.wire_safe_params("x", "cancelAllOrders", {"foo": value})


def test_wire_safe_params_keeps_real_values() -> None:
    checks.wire_safe_params("x", "cancelAllOrders", {"a": "NONE", "b": False, "c": 5, "d": ["x"], "e": {"k": "v"}, "f": 1.5})


@pytest.mark.parametrize(
    ("keys", "why", "text"),
    [
        (("orderId",), checks.ALL_TAKES_NO_ID, "a cancel-all cancels every open order"),
        (("clientOrderId",), checks.BATCH_TAKES_NO_ID, "ride along with every request of the batch"),
        (("clientOrderIds",), checks.ONE_TAKES_NO_LIST, "use cancel_orders"),
    ],
)
def test_refuse_keys_names_the_key_and_the_rule(keys: tuple[str, ...], why: str, text: str) -> None:
    with pytest.raises(ccxt.BadRequest, match=rf"params\['{keys[0]}'\] .*{text}"):
        checks.refuse_keys("x", "cancelOrders", {keys[0]: "1", "other": 2}, keys, why)
    checks.refuse_keys("x", "cancelOrders", {"other": 2}, keys, why)  # absent: nothing refused
