"""What ccxt gets wrong about BitoPro margin cancels, with a probe each."""

from __future__ import annotations

from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.bitopro.markets import EXCHANGE_ID
from ccxt_cancel.gaps import Gap


def _spot_market(exchange: Any) -> dict[str, Any]:
    return probe.market(exchange, id="btc_usdt", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="btc", quoteId="usdt", type="spot", spot=True)


def _reaches_margin(method: str, *args: Any) -> bool:
    exchange = probe.exchange(EXCHANGE_ID)
    outcome = probe.run(exchange, method, *args, markets=[_spot_market(exchange)])
    return any(sent.path.startswith("/v3/margin/") for sent in outcome.sent)


MARGIN_DOCS = "https://github.com/bitoex/bitopro-offical-api-docs/blob/8a1588d9ab23a8ce5ec716c0b77eb00578946ff6/api/v3/private"

GAPS = (
    Gap(
        id="bitopro.margin.cancel-order",
        exchange="bitopro",
        product="margin",
        rule="Cancel a specific margin order by given order id. DELETE /margin/orders/{pair}/{orderId}",
        source=f"{MARGIN_DOCS}/margin_cancel_an_order.md",
        ccxt_does="has no margin support: cancel_order always calls the spot endpoint DELETE /orders/{pair}/{id}",
        plugin_does="params margin=True, a marginMode or options defaultType 'margin' send DELETE /v3/margin/orders/{pair}/{orderId}, one request, status 'canceled' from the documented answer",
        probe=lambda: not _reaches_margin("cancel_order", "1", "BTC/USDT", {"margin": True}),
    ),
    Gap(
        id="bitopro.margin.cancel-orders",
        exchange="bitopro",
        product="margin",
        rule='PUT /margin/orders with a body {"BTC_USDT": [order ids]}',
        source=f"{MARGIN_DOCS}/margin_cancel_batch_orders.md",
        ccxt_does="cancel_orders always calls the spot batch endpoint",
        plugin_does="PUT /v3/margin/orders; one entry per requested id, an id the answer does not list is a failed entry",
        probe=lambda: not _reaches_margin("cancel_orders", ["1", "2"], "BTC/USDT", {"margin": True}),
    ),
    Gap(
        id="bitopro.margin.cancel-all-orders",
        exchange="bitopro",
        product="margin",
        rule="DELETE /margin/orders/all, or /margin/orders/{pair}",
        source=f"{MARGIN_DOCS}/margin_cancel_all_orders.md",
        ccxt_does="cancel_all_orders always calls the spot endpoints",
        plugin_does="DELETE /v3/margin/orders/all or /v3/margin/orders/{pair}, paced at the documented 1 per second",
        probe=lambda: not _reaches_margin("cancel_all_orders", "BTC/USDT", {"margin": True}),
    ),
)
