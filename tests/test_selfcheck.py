"""The start-up self-check: the installed ccxt passes it, and a deliberately altered stand-in fails it by name, before anything is patched."""

from __future__ import annotations

from typing import Any

import ccxt
import pytest
from ccxt.async_support.base.exchange import Exchange as AsyncExchange
from ccxt.base.exchange import Exchange

import ccxt_cancel
from ccxt_cancel import patching, selfcheck


def test_the_installed_ccxt_passes() -> None:
    assert selfcheck.problems() == []
    assert set(selfcheck.builtin_apis()) >= {"bitopro", "binance", "binancecoinm"}


class OldRequest(Exchange):  # type: ignore[misc]
    """ccxt 4.5.88 and older: headers and body before config."""

    def request(
        self, path: Any, api: Any = "public", method: Any = "GET", params: Any = None, headers: Any = None, body: Any = None, config: Any = None
    ) -> Any:
        raise AssertionError("never called")


class OtherHandleErrors(Exchange):  # type: ignore[misc]
    def handle_errors(self, code: Any, reason: Any, url: Any, method: Any, body: Any) -> Any:
        raise AssertionError("never called")


def test_a_changed_request_signature_is_named() -> None:
    found = selfcheck.signature_problems(OldRequest, AsyncExchange)
    assert [p.what for p in found] == [f"{__name__}.OldRequest.request"]
    assert "expected (self, path, api, method, params, config" in str(found[0])
    assert "headers, body, config" in str(found[0])


def test_changed_handle_errors_arguments_are_named() -> None:
    found = selfcheck.signature_problems(OtherHandleErrors)
    assert [p.what for p in found] == [f"{__name__}.OtherHandleErrors.handle_errors"]


def test_a_sign_that_refuses_an_api_section_is_named() -> None:
    class StrictSign:
        id = "standin"

        def sign(self, path: Any, api: Any = "public", method: Any = "GET", params: Any = None) -> Any:
            if not isinstance(api, str):
                raise TypeError("unhashable type: 'list'")  # what ccxt 4.5.88's binance.sign raised
            return {"url": "https://x/" + path}

    found = selfcheck.signed_api_problems({"standin": [("dapiPrivate", "order", "DELETE")]}, make=lambda _: StrictSign())
    assert found[0].what == "ccxt.standin.sign(..., ['dapiPrivate'], ...)"
    assert "unhashable" in found[0].found


def test_a_class_whose_camel_case_is_not_a_copy_is_named() -> None:
    class NoCopy(ccxt.bitopro):  # type: ignore[misc]
        def cancelOrder(self, *args: Any, **kwargs: Any) -> Any:
            return None

    exchange = NoCopy.__new__(NoCopy)
    exchange.id = "nocopy"
    found = selfcheck.camel_problems([exchange])
    assert [p.what for p in found] == ["ccxt.nocopy.cancelOrder"]


def test_install_refuses_to_patch_when_ccxt_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = selfcheck.Problem(
        "ccxt.base.exchange.Exchange.request", "(self, path, api, method, params, config, ...)", "(self, path, api, method, params, headers, body, config)"
    )
    monkeypatch.setattr(selfcheck, "_checked", {True: [problem], False: [problem]})
    before = {(cls, name): cls.__dict__.get(name) for cls in patching.exchange_classes() for name in patching.ATTRIBUTES}
    with pytest.raises(ccxt_cancel.IncompatibleCcxt) as caught:
        ccxt_cancel.install()
    assert "Exchange.request" in str(caught.value) and ccxt.__version__ in str(caught.value)
    assert not isinstance(caught.value, ccxt.BaseError)  # a start-up error, not an exchange's answer
    assert not patching.classes_installed()
    assert before == {(cls, name): cls.__dict__.get(name) for cls in patching.exchange_classes() for name in patching.ATTRIBUTES}
    exchange = ccxt.bitopro()
    with pytest.raises(ccxt_cancel.IncompatibleCcxt):
        ccxt_cancel.install(exchange)
    assert "cancel_order" not in vars(exchange)
