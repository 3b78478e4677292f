"""The Bybit v5 cancel gaps of ccxt 4.5, as data, each with a probe that runs ccxt's own method on a stub transport.

Every probe builds a throwaway ``ccxt.bybit`` with fake credentials
(:mod:`ccxt_cancel.probe`), answers its requests with the documented shapes
below, and returns True while ccxt still behaves as the gap says.
"""

from __future__ import annotations

import json
from typing import Any

from ccxt.base.errors import ExchangeError, NotSupported

from ccxt_cancel import probe
from ccxt_cancel.gaps import Gap

DOCS = "https://bybit-exchange.github.io/docs/v5"
EXCHANGE_ID = "bybit"


def _ok(result: Any, ext: Any = None) -> dict[str, Any]:
    return {"retCode": 0, "retMsg": "OK", "result": result, "retExtInfo": {} if ext is None else ext, "time": 1672217377164}


def _markets(exchange: Any) -> list[dict[str, Any]]:
    common = {"contract": True, "swap": True, "type": "swap", "base": "BTC", "baseId": "BTC"}
    return [
        probe.market(exchange, id="BTCUSDT", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="BTC", quoteId="USDT", type="spot", spot=True),
        probe.market(exchange, id="BTCUSDT", symbol="BTC/USDT:USDT", quote="USDT", settle="USDT", quoteId="USDT", settleId="USDT", linear=True, inverse=False, subType="linear", **common),
        probe.market(exchange, id="BTCUSD", symbol="BTC/USD:BTC", quote="USD", settle="BTC", quoteId="USD", settleId="BTC", linear=False, inverse=True, subType="inverse", **common),
    ]  # fmt: skip


def _answer(sent: probe.Sent) -> Any:
    """Documented answers: account info (so ccxt's detection passes as a UTA 2.0 account), then the cancel pages' examples."""
    if sent.path.endswith("/v5/user/query-api"):
        return _ok({"uta": 1, "unified": 0})
    if sent.path.endswith("/v5/account/info"):
        return _ok({"unifiedMarginStatus": 5})
    if sent.method == "GET":
        return _ok({"list": [], "rows": [], "nextPageCursor": ""})
    return _ok({"orderId": "c6f055d9-7f21-4079-913d-e6523a9cfffa", "orderLinkId": "linear-004"})


def _run(method: str, *args: Any, cold: bool = False, answer: Any = _answer) -> probe.Outcome:
    exchange = probe.exchange(EXCHANGE_ID)
    return probe.run(exchange, method, *args, markets=None if cold else _markets(exchange), answer=answer)


def _bodies(outcome: probe.Outcome, path: str) -> list[dict[str, Any]]:
    return [json.loads(sent.body) for sent in outcome.sent if sent.method == "POST" and sent.path.endswith(path)]


# --- probes: True while ccxt has the gap ------------------------------------------------------------


def _oversized_batch() -> bool:
    bodies = _bodies(_run("cancel_orders", [str(1000 + i) for i in range(25)], "BTC/USDT:USDT"), "/v5/order/cancel-batch")
    return any(len(body.get("request", [])) > 20 for body in bodies)


# The batch page's response example: the second item failed with 170213.
BATCH_EXAMPLE = _ok(
    {
        "list": [
            {"category": "spot", "symbol": "BTCUSDT", "orderId": "1666800494330512128", "orderLinkId": "spot-btc-03"},
            {"category": "spot", "symbol": "ATOMUSDT", "orderId": "", "orderLinkId": "1666800494330512129"},
        ]
    },
    {"list": [{"code": 0, "msg": "OK"}, {"code": 170213, "msg": "Order does not exist."}]},
)


def _item_errors_dropped() -> bool:
    def answer(sent: probe.Sent) -> Any:
        return BATCH_EXAMPLE if sent.path.endswith("/v5/order/cancel-batch") else _answer(sent)

    outcome = _run("cancel_orders", ["1666800494330512128", "1666800494330512130"], "BTC/USDT", answer=answer)
    orders = outcome.result if isinstance(outcome.result, list) else []
    return outcome.error is None and any(order.get("id") is None for order in orders) and not any("error" in order for order in orders)


def _inverse_batch_refused() -> bool:
    return isinstance(_run("cancel_orders", ["1", "2"], "BTC/USD:BTC").error, NotSupported)


def _client_id_not_translated() -> bool:
    bodies = _bodies(_run("cancel_order", None, "BTC/USDT:USDT", {"clientOrderId": "linear-004"}), "/v5/order/cancel")
    return bool(bodies) and "orderLinkId" not in bodies[0]


def _sends_without_an_id() -> bool:
    bodies = _bodies(_run("cancel_order", None, "BTC/USDT:USDT"), "/v5/order/cancel")
    return bool(bodies) and "orderId" not in bodies[0] and "orderLinkId" not in bodies[0]


def _loads_markets_first() -> bool:
    return any(sent.method == "GET" for sent in _run("cancel_order", "1", "BTC/USDT:USDT", cold=True).sent)


def _detects_account_type() -> bool:
    return any(sent.path.endswith("/v5/user/query-api") for sent in _run("cancel_orders", ["1", "2"], "BTC/USDT:USDT").sent)


def _defaults_settle_coin() -> bool:
    bodies = _bodies(_run("cancel_all_orders", None, {"subType": "inverse"}), "/v5/order/cancel-all")
    return bool(bodies) and bodies[0].get("category") == "inverse" and bodies[0].get("settleCoin") == "USDT"


def _ignores_success_flag() -> bool:
    def answer(sent: probe.Sent) -> Any:
        if sent.path.endswith("/v5/order/cancel-all"):
            return _ok({"list": [{"orderId": "1616024329462743808", "orderLinkId": "1616024329462743809"}], "success": "0"})
        return _answer(sent)

    outcome = _run("cancel_all_orders", "BTC/USDT:USDT", answer=answer)
    return outcome.error is None and isinstance(outcome.result, list) and len(outcome.result) == 1


def _leaves_codes_unmapped() -> bool:
    exchange = probe.exchange(EXCHANGE_ID)
    body = {"retCode": 170212, "retMsg": "Cancel order request processing", "result": {}, "retExtInfo": {}, "time": 1672217377164}

    def answer(sent: probe.Sent) -> Any:
        if sent.path.endswith("/v5/order/cancel"):
            # what ccxt's fetch does with an answer before returning it: its own handle_errors
            type(exchange).handle_errors(exchange, 200, "OK", sent.url, sent.method, {}, json.dumps(body), body, sent.headers, sent.body)
            return body
        return _answer(sent)

    outcome = probe.run(exchange, "cancel_order", "1", "BTC/USDT", markets=_markets(exchange), answer=answer)
    return type(outcome.error) is ExchangeError


GAPS = (
    Gap(
        id="bybit.batch-limit",
        exchange="bybit",
        product="v5: spot, linear, inverse, option",
        rule="A maximum of 20 orders (option), 20 orders (inverse), 20 orders (linear), 10 orders (spot) can be cancelled per request.",
        source=f"{DOCS}/order/batch-cancel",
        ccxt_does="puts every id into one POST /v5/order/cancel-batch (25 linear ids in one request; over the limit nothing is canceled)",
        plugin_does="chunks of 20 (10 on spot), one entry per requested id in the caller's order",
        probe=_oversized_batch,
    ),
    Gap(
        id="bybit.batch-item-errors",
        exchange="bybit",
        product="v5",
        rule='"code": 170213, "msg": "Order does not exist."',
        source=f"{DOCS}/order/batch-cancel",
        ccxt_does="ignores retExtInfo.list: a failed item comes back as an order with id None and no error",
        plugin_does="pairs each item with its retExtInfo code: a failed id keeps its id and carries its error (170213 -> OrderNotFound)",
        probe=_item_errors_dropped,
    ),
    Gap(
        id="bybit.inverse-batch",
        exchange="bybit",
        product="v5 inverse",
        rule="Product type `linear`, `option`, `spot`, `inverse`",
        source=f"{DOCS}/order/batch-cancel",
        ccxt_does="raises NotSupported for any inverse cancel_orders",
        plugin_does="sends inverse batches in chunks of 20; a UTA 1.0 account (no inverse batches, acct-mode page) gets Bybit's refusal as a ccxt error",
        probe=_inverse_batch_refused,
    ),
    Gap(
        id="bybit.client-order-id",
        exchange="bybit",
        product="v5",
        rule="You must specify `orderId` or `orderLinkId` to cancel the order.",
        source=f"{DOCS}/order/cancel-order",
        ccxt_does="sends the unified params['clientOrderId'] as clientOrderId, which is not a field of the page",
        plugin_does="sends it as orderLinkId (params['orderLinkId'] too); with an order id as well, orderId alone, which the page says wins",
        probe=_client_id_not_translated,
    ),
    Gap(
        id="bybit.no-id",
        exchange="bybit",
        product="v5",
        rule="You must specify `orderId` or `orderLinkId` to cancel the order.",
        source=f"{DOCS}/order/cancel-order",
        ccxt_does="with id None and no orderLinkId, sends the cancel without either",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=_sends_without_an_id,
    ),
    Gap(
        id="bybit.cold-cancel",
        exchange="bybit",
        product="v5",
        rule="Symbol name, like `BTCUSDT`, uppercase only",
        source=f"{DOCS}/order/cancel-order",
        ccxt_does="loads every market before a cold cancel: 12 GETs, then the cancel",
        plugin_does="derives category and symbol from BTC/USDT, BTC/USDT:USDT or BTC/USD:BTC: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=_loads_markets_first,
    ),
    Gap(
        id="bybit.account-detection",
        exchange="bybit",
        product="v5",
        rule="classic account (now unavailable)",
        source=f"{DOCS}/acct-mode",
        ccxt_does="asks GET /v5/user/query-api and GET /v5/account/info before a batch or cancel-all",
        plugin_does="no detection: the cancel pages take the same parameters for every existing account mode; one request",
        probe=_detects_account_type,
    ),
    Gap(
        id="bybit.cancel-all-scope",
        exchange="bybit",
        product="v5 linear, inverse",
        rule="linear & inverse: Required if not passing symbol or baseCoin",
        source=f"{DOCS}/order/cancel-all",
        ccxt_does="without a symbol sends settleCoin=USDT whatever the category, inverse included",
        plugin_does="requires params['settleCoin'] or params['baseCoin'] (ArgumentsRequired, nothing sent) and checks them against the page",
        probe=_defaults_settle_coin,
    ),
    Gap(
        id="bybit.cancel-all-success",
        exchange="bybit",
        product="v5",
        rule='"1": success, "0": fail',
        source=f"{DOCS}/order/cancel-all",
        ccxt_does='never reads success: a "0" (fail) answer returns its listed orders like any other',
        plugin_does='raises ExchangeError on success "0"; otherwise one acknowledged order (status None) per listed order',
        probe=_ignores_success_flag,
    ),
    Gap(
        id="bybit.error-codes",
        exchange="bybit",
        product="v5",
        rule="170212 Cancel order request processing",
        source=f"{DOCS}/error",
        ccxt_does="leaves cancel codes 10000, 110079, 110095, 110097, 110100, 110115 and 170212 unmapped: a bare ExchangeError",
        plugin_does="maps each to a ccxt class (RequestTimeout, InvalidOrder, PermissionDenied, NotSupported); HTTP 400/404 to BadRequest",
        probe=_leaves_codes_unmapped,
    ),
)
