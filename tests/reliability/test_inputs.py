"""The clean-wire checker every exchange's hypothesis properties share (tests/support/properties.py) is not vacuous.

The properties themselves live with each exchange (tests/builtins/<exchange>/test_inputs*.py):
for every generated call only ``ccxt.BaseError`` escapes, a call the hook
rejects sends nothing, and no request of a claimed call carries the text
``None``, an empty id or pair, or a selector key (``margin``, ``marginMode``).
"""

from __future__ import annotations

import json

from tests.support.properties import Sent, wire_problems


def test_wire_check_catches_each_kind_of_bad_request() -> None:
    """The checker flags what it claims to: a None, an empty id, an empty pair, a selector key."""
    headers: dict[str, str] = {}
    assert wire_problems(Sent("DELETE", "https://x/dapi/v1/order?symbol=BTCUSD_PERP&orderId=None", "", headers))
    assert wire_problems(Sent("DELETE", "https://x/dapi/v1/order?symbol=BTCUSD_PERP&orderId=", "", headers))
    assert wire_problems(Sent("DELETE", "https://x/v3/margin/orders/btc_usdt/", "", headers))
    assert wire_problems(Sent("DELETE", "https://x/v3/margin/orders//1", "", headers))
    assert wire_problems(Sent("DELETE", "https://x/v3/margin/orders/btc_usdt/1?margin=true", "", headers))
    assert wire_problems(Sent("PUT", "https://x/v3/margin/orders", json.dumps({"BTC_USDT": ["1"], "marginMode": "cross"}), headers))
    assert wire_problems(Sent("PUT", "https://x/v3/margin/orders", json.dumps({"BTC_USDT": []}), headers))
    assert not wire_problems(Sent("DELETE", "https://x/v3/margin/orders/btc_usdt/1", "", headers))
