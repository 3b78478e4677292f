"""install() / uninstall(): instance and global, sync, async and pro, camelCase aliases, idempotence, exact restoration."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import ccxt
import ccxt.async_support
import ccxt.pro
import ccxt_cancel
import pytest
from ccxt_cancel import patching

from tests.support.helpers import MODULES

NAMES = patching.ATTRIBUTES  # cancel_order, cancelOrder, cancel_orders, ..., cancelAllOrders
CANCELS = ("cancel_order", "cancel_orders", "cancel_all_orders")
CAMEL = {"cancel_order": "cancelOrder", "cancel_orders": "cancelOrders", "cancel_all_orders": "cancelAllOrders"}


def snapshot() -> dict[tuple[type, str], Any]:
    return {(cls, name): cls.__dict__.get(name, patching.MISSING) for cls in patching.exchange_classes() for name in NAMES}


def is_routed(function: Any) -> bool:
    return hasattr(getattr(function, "__func__", function), patching.ORIGINAL_ATTR)


def test_global_install_routes_every_class_of_all_three_modules() -> None:
    ccxt_cancel.install()
    try:
        for module in (ccxt, ccxt.async_support, ccxt.pro):
            assert module.exchanges
            for name in module.exchanges:
                cls = getattr(module, name)
                for method in CANCELS:
                    assert is_routed(getattr(cls, method)), (module.__name__, name, method)
                    assert getattr(cls, CAMEL[method]) is getattr(cls, method)
    finally:
        ccxt_cancel.uninstall()


def test_uninstall_restores_every_class_attribute_object() -> None:
    before = snapshot()
    ccxt_cancel.install()
    ccxt_cancel.uninstall()
    assert snapshot() == before
    for key, value in before.items():
        current = key[0].__dict__.get(key[1], patching.MISSING)
        assert current is value, key


def test_restoration_after_instances_were_created_while_installed() -> None:
    """ccxt's __init__ copies cancel_order to cancelOrder on the class at every construction."""
    before = snapshot()
    ccxt_cancel.install()
    try:
        created = [ccxt.binance(), ccxt.bitopro(), ccxt.binancecoinm(), ccxt.async_support.bitopro(), ccxt.pro.binance()]
        for exchange in created:
            assert is_routed(exchange.cancelOrder) and is_routed(exchange.cancel_order)
    finally:
        ccxt_cancel.uninstall()

    async def close() -> None:
        for exchange in created[3:]:
            await exchange.close()

    asyncio.run(close())
    after = snapshot()
    changed = [key for key in before if after[key] is not before[key]]
    assert changed == []
    assert not is_routed(ccxt.binance().cancelOrder)


def test_global_install_is_idempotent() -> None:
    ccxt_cancel.install()
    try:
        first = {name: ccxt.binance.__dict__[name] for name in NAMES}
        ccxt_cancel.install()
        assert {name: ccxt.binance.__dict__[name] for name in NAMES} == first
        # never wrapped twice: the wrapper's original is ccxt's own function
        original = getattr(ccxt.binance.cancel_order, patching.ORIGINAL_ATTR)
        assert not hasattr(original, patching.ORIGINAL_ATTR)
    finally:
        ccxt_cancel.uninstall()


def test_inherited_methods_share_one_wrapper() -> None:
    ccxt_cancel.install()
    try:
        assert ccxt.binancecoinm.cancel_order is ccxt.binance.cancel_order
        assert getattr(ccxt.pro.binance.cancel_order, patching.ORIGINAL_ATTR) is ccxt.async_support.binance.__dict__["cancel_order"].__wrapped__
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_instance_install_leaves_the_class_alone_and_returns_the_instance(flavor: str) -> None:
    cls = MODULES[flavor].bitopro

    async def scenario() -> None:
        exchange = cls({})
        # after construction: ccxt's own __init__ writes the camelCase names on the class
        class_before = {name: cls.__dict__.get(name, patching.MISSING) for name in NAMES}
        try:
            assert ccxt_cancel.install(exchange) is exchange
            assert ccxt_cancel.install(exchange) is exchange  # idempotent
            for method in CANCELS:
                bound = getattr(exchange, method)
                assert is_routed(bound) and bound.__self__ is exchange
                assert getattr(exchange, CAMEL[method]) == bound
                assert inspect.iscoroutinefunction(bound) is (flavor != "sync")
            assert {name: cls.__dict__.get(name, patching.MISSING) for name in NAMES} == class_before
            other = cls({})
            assert not is_routed(other.cancel_order)
            if not other.synchronous:
                await other.close()
            assert ccxt_cancel.uninstall(exchange) is exchange
            for name in NAMES:
                assert name not in vars(exchange)
            assert not is_routed(exchange.cancel_order)
        finally:
            if not exchange.synchronous:
                await exchange.close()

    asyncio.run(scenario())


def test_instance_install_under_global_install_does_not_wrap_twice() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt_cancel.install(ccxt.bitopro())
        assert exchange is not None
        original = getattr(exchange.cancel_order.__func__, patching.ORIGINAL_ATTR)
        assert original is ccxt.bitopro.cancel_order.__wrapped__
        assert not hasattr(original, patching.ORIGINAL_ATTR)
        ccxt_cancel.uninstall(exchange)
    finally:
        ccxt_cancel.uninstall()


@pytest.mark.parametrize("method", CANCELS)
@pytest.mark.parametrize("flavor", ["sync", "async", "pro"])
def test_wrapped_methods_keep_ccxts_signature(method: str, flavor: str) -> None:
    cls = MODULES[flavor].binance
    expected = inspect.signature(getattr(cls, method))
    ccxt_cancel.install()
    try:
        assert inspect.signature(getattr(cls, method)) == expected
        assert getattr(cls, method).__name__ == method
        assert inspect.iscoroutinefunction(getattr(cls, method)) is (flavor != "sync")
    finally:
        ccxt_cancel.uninstall()


def test_uninstall_without_install_is_harmless() -> None:
    before = snapshot()
    ccxt_cancel.uninstall()
    exchange = ccxt.bitopro()
    assert ccxt_cancel.uninstall(exchange) is exchange
    assert snapshot() == before


def test_import_does_not_import_ccxt() -> None:
    import subprocess
    import sys

    code = "import sys, ccxt_cancel; assert 'ccxt' not in sys.modules, 'ccxt imported'; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
