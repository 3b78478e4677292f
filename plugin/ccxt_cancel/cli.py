"""``ccxt-cancel``: cancel by hand (for example after a bot died holding orders), dry-run, or replay offline.

Credentials come only from the environment (``<EXCHANGE>_API_KEY``,
``<EXCHANGE>_SECRET``, ``<EXCHANGE>_LOGIN``), never from argv, where other
users can read them in the process list. Exit codes: 0 success, 1 exchange or
argument error (ccxt class name and message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn, TextIO

from ccxt_cancel import replay

REDACTED = "<redacted>"
# Dummy credentials for --dry-run and --replay when none are set: obviously fake.
DUMMY = {"apiKey": "dummy-api-key", "secret": "dummy-secret", "login": "dummy-login"}
HOOKS = {"cancel_order": "ccxt_cancel_order", "cancel_orders": "ccxt_cancel_orders", "cancel_all_orders": "ccxt_cancel_all_orders"}
SENSITIVE_HEADER = re.compile(r"key|sign|payload|auth|token|passphrase", re.IGNORECASE)


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, err: TextIO | None = None, out: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.err = err
        self.out = out

    def error(self, message: str) -> NoReturn:
        err = self.err or sys.stderr
        self.print_usage(err)
        print(f"{self.prog}: error: {message}", file=err)
        raise SystemExit(2)

    def print_help(self, file: Any = None) -> None:
        super().print_help(file or self.out)


def build_parser(out: TextIO | None = None, err: TextIO | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        out=out,
        err=err,
        prog="ccxt-cancel",
        description="Cancel orders through ccxt with the ccxt_cancel plugins installed. Credentials come from "
        "<EXCHANGE>_API_KEY, <EXCHANGE>_SECRET and <EXCHANGE>_LOGIN, never from the command line.",
    )
    parser.add_argument("exchange", help="ccxt exchange id, e.g. bitopro, binancecoinm")
    parser.add_argument("symbol", help="unified symbol (BTC/USDT, BTC/USD:BTC) or the exchange's market id")
    parser.add_argument("order_id", nargs="?", help="the order to cancel (cancel_order)")
    parser.add_argument("--client-order-id", metavar="ID", help="cancel by client order id")
    parser.add_argument("--margin", action="store_true", help="a margin order (params margin=True)")
    parser.add_argument("--ids", nargs="+", metavar="ID", help="cancel these orders (cancel_orders)")
    parser.add_argument("--all", action="store_true", help="cancel every open order of SYMBOL (cancel_all_orders); SYMBOL '-' means every market")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="extra params; VALUE is read as JSON when it parses, else as text")
    parser.add_argument("--json", action="store_true", help="print unified orders as JSON")
    parser.add_argument("--dry-run", action="store_true", help="print what would be sent (credentials redacted) and send nothing")
    parser.add_argument("--replay", metavar="CASSETTE", help="run offline against a recorded vcrpy cassette")
    parser.add_argument("--demo", action="store_true", help="use the exchange's documented test host (e.g. Binance demo trading)")
    return parser


def parse_param(text: str) -> tuple[str, Any]:
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise _UsageError(f"--param expects KEY=VALUE, got {text!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return key, value


def credentials_from_env(exchange_id: str, environ: Mapping[str, str]) -> dict[str, str]:
    """``<EXCHANGE>_API_KEY`` etc.; binancecoinm / binanceusdm fall back to ``BINANCE_*``."""
    prefixes = [exchange_id.upper()]
    for family in ("BINANCE", "KUCOIN", "KRAKEN"):
        if prefixes[0].startswith(family) and prefixes[0] != family:
            prefixes.append(family)
    found: dict[str, str] = {}
    for field, suffix in (("apiKey", "API_KEY"), ("secret", "SECRET"), ("login", "LOGIN")):
        for prefix in prefixes:
            value = environ.get(f"{prefix}_{suffix}")
            if value:
                found[field] = value
                break
    return found


def plan_call(args: argparse.Namespace) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    params: dict[str, Any] = dict(parse_param(p) for p in args.param)
    if args.margin:
        params["margin"] = True
    if args.client_order_id is not None:
        params["clientOrderId"] = args.client_order_id
    symbol = None if args.symbol == "-" else args.symbol
    chosen = [name for name, on in (("ORDER_ID", args.order_id is not None), ("--ids", args.ids is not None), ("--all", args.all)) if on]
    if len(chosen) > 1:
        raise _UsageError(f"choose one of ORDER_ID, --ids and --all, not {' and '.join(chosen)}")
    if args.all:
        return "cancel_all_orders", (symbol,), params
    if args.ids is not None:
        return "cancel_orders", (args.ids, symbol), params
    if args.order_id is None and args.client_order_id is None:
        raise _UsageError("give ORDER_ID, --client-order-id, --ids or --all")
    return "cancel_order", (args.order_id, symbol), params


def redact(request: Mapping[str, Any], secrets: Sequence[str]) -> dict[str, Any]:
    def scrub(text: str) -> str:
        text = re.sub(r"(signature=)[^&]*", r"\1" + REDACTED, text)
        for secret in secrets:
            if secret:
                text = text.replace(secret, REDACTED)
        return text

    headers = {k: (REDACTED if SENSITIVE_HEADER.search(k) else scrub(str(v))) for k, v in (request.get("headers") or {}).items()}
    body = request.get("body")
    return {"method": request["method"], "url": scrub(str(request["url"])), "headers": headers, "body": None if body is None else scrub(str(body))}


class _Stop(Exception):
    """Raised by the dry-run fetch: ccxt's own path is stopped at its first request."""


def dry_run(exchange: Any, method: str, call_args: tuple[Any, ...], params: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """Requests the call would send, signed the way ccxt signs them, without sending any."""
    from ccxt_cancel import patching, plugins

    hook = HOOKS[method]
    names = patching.HOOK_ARGS[hook]
    claimed = plugins.claim(hook, {"exchange": exchange, **dict(zip(names, (*call_args, params)))})
    if claimed is not None:
        plan, plugin_name = claimed
        signed = [exchange.sign(r.path, list(r.api), r.method, dict(r.params)) for r in plan.requests]
        return signed, f"plugin {plugin_name}"
    captured: list[dict[str, Any]] = []

    def fetch(url: str, method: str = "GET", headers: Any = None, body: Any = None) -> Any:
        captured.append({"url": url, "method": method, "headers": headers, "body": body})
        raise _Stop

    exchange.fetch = fetch
    try:
        getattr(exchange, method)(*call_args, params)
    except _Stop:
        pass
    return captured, "ccxt itself (no plugin claims this call); only its first request is shown"


def format_order(order: Mapping[str, Any]) -> str:
    fields = [str(order.get(k)) for k in ("id", "symbol", "side")]
    fields += [f"price={order.get('price')}", f"amount={order.get('amount')}", f"status={order.get('status')}"]
    return "  ".join(fields)


def _print_result(result: Any, as_json: bool, out: TextIO) -> None:
    orders = result if isinstance(result, list) else [result]
    if as_json:
        print(json.dumps(result, default=str, sort_keys=True), file=out)
    else:
        for order in orders:
            print(format_order(order), file=out)


def _progress_to(stream: TextIO) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("ccxt-cancel: %(message)s"))
    logger = logging.getLogger("ccxt_cancel")
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler


def run(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    env = os.environ if environ is None else environ
    parser = build_parser(out, err)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        method, call_args, params = plan_call(args)
        if args.replay and not os.path.isfile(args.replay):
            raise _UsageError(f"--replay: no such cassette {args.replay!r}")
    except _UsageError as exc:
        parser.print_usage(err)
        print(f"ccxt-cancel: error: {exc}", file=err)
        return 2

    import ccxt

    import ccxt_cancel

    if args.exchange not in ccxt.exchanges:
        parser.print_usage(err)
        print(f"ccxt-cancel: error: unknown exchange {args.exchange!r}", file=err)
        return 2
    config: dict[str, Any] = credentials_from_env(args.exchange, env)
    if args.dry_run or args.replay:
        config = {**DUMMY, **config}
    secrets = [v for k, v in config.items() if k in ("apiKey", "secret")]
    handler = _progress_to(err)
    exchange = getattr(ccxt, args.exchange)(config)
    try:
        if args.demo:
            urls = exchange.urls or {}
            if hasattr(exchange, "enable_demo_trading") and urls.get("demo"):
                exchange.enable_demo_trading(True)
            elif urls.get("test"):
                exchange.set_sandbox_mode(True)
            else:
                raise ccxt.NotSupported(f"{args.exchange} has no documented test host in ccxt")
        ccxt_cancel.install(exchange)
        if args.dry_run:
            requests, route = dry_run(exchange, method, call_args, params)
            shown = [redact(r, secrets) for r in requests]
            if args.json:
                print(json.dumps({"method": method, "route": route, "requests": shown}, sort_keys=True), file=out)
            else:
                print(f"{method} via {route}", file=out)
                for request in shown:
                    print(f"{request['method']} {request['url']}", file=out)
                    for name, value in sorted(request["headers"].items()):
                        print(f"  {name}: {value}", file=out)
                    if request["body"] is not None:
                        print(f"  body: {request['body']}", file=out)
            return 0
        if args.replay:
            import vcr
            from vcr.errors import CannotOverwriteExistingCassetteException

            recorder = vcr.VCR(record_mode="none", **replay.vcr_options())
            try:
                with recorder.use_cassette(args.replay):
                    result = getattr(exchange, method)(*call_args, params)
            except CannotOverwriteExistingCassetteException as exc:
                first_line = str(exc).splitlines()[0] if str(exc) else "request not in cassette"
                raise ccxt.ExchangeError(f"replay: the cassette has no answer for this request ({first_line})") from exc
        else:
            result = getattr(exchange, method)(*call_args, params)
        _print_result(result, args.json, out)
        return 0
    except ccxt.BaseError as exc:
        message = str(exc)
        for secret in secrets:
            message = message.replace(secret, REDACTED)
        print(f"{type(exc).__name__}: {message}", file=err)
        return 1
    finally:
        ccxt_cancel.uninstall(exchange)
        logging.getLogger("ccxt_cancel").removeHandler(handler)


def main() -> None:
    sys.exit(run())
