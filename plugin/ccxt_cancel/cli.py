"""``ccxt-cancel``: cancel by hand (for example after a bot died holding orders), dry-run, or replay offline.

Credentials come only from the environment (``<EXCHANGE>_API_KEY``,
``<EXCHANGE>_SECRET``, ``<EXCHANGE>_LOGIN``, ``<EXCHANGE>_PASSWORD``), never
from argv, where other users can read them in the process list. Only
``binancecoinm`` and ``binanceusdm`` fall back to ``BINANCE_*``: they are
the same operator's products; ``binanceus`` or ``krakenfutures`` are not.

Exit codes (:data:`EXIT_CODES`): 0 every requested order was canceled (or
there was nothing to cancel, or the exchange reports a cancel-all done),
1 exchange or argument error (ccxt class name and message on stderr),
2 usage error, 3 some requested orders were not canceled (each printed with
its reason), 4 the exchange accepted the cancel but does not confirm it.

Three subcommands are dispatched before any of that: ``ccxt-cancel doctor``
(``doctor.py``), ``ccxt-cancel run -- COMMAND`` (``launcher.py``) and
``ccxt-cancel verify EXCHANGE (--testnet | --demo)`` (``verify.py``).
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

from ccxt_cancel import replay, scrub

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_CANCELED, EXIT_UNCONFIRMED = 0, 1, 2, 3, 4
EXIT_CODES = {
    EXIT_OK: "every requested order was canceled, or there was nothing to cancel",
    EXIT_ERROR: "exchange or argument error",
    EXIT_USAGE: "usage error",
    EXIT_NOT_CANCELED: "some requested orders were not canceled",
    EXIT_UNCONFIRMED: "the exchange accepted the cancel but does not confirm it",
}
# The only operators whose products share keys: same company, other ccxt ids.
CREDENTIAL_FALLBACKS = {"binancecoinm": "BINANCE", "binanceusdm": "BINANCE"}
# Dummy credentials for --dry-run and --replay when none are set: obviously fake.
DUMMY = {"apiKey": "dummy-api-key", "secret": "dummy-secret", "login": "dummy-login", "password": "dummy-password"}
SENSITIVE_HEADER = re.compile(r"key|sign|payload|auth|token|passphrase", re.IGNORECASE)


# vcrpy is the optional extra "replay" (setup.cfg): only --replay needs it.
REPLAY_NEEDS = "--replay needs vcrpy, which is not installed: python -m pip install 'ccxt-cancel[replay]' (in a checkout: python -m pip install -e '.[replay]')"


USAGE = """ccxt-cancel EXCHANGE SYMBOL [ORDER_ID] [--client-order-id ID | --ids ID... | --all] [options]
       ccxt-cancel doctor [--json]
       ccxt-cancel run -- COMMAND [ARGS...]
       ccxt-cancel verify EXCHANGE [--product P] (--testnet | --demo | --production) [--record DIR]
       ccxt-cancel --version"""


class _UsageError(Exception):
    pass


def _version_line() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def of(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return f"ccxt-cancel {of('ccxt-cancel')} (ccxt {of('ccxt')}, pluggy {of('pluggy')})"


# ccxt's credential names -> the environment variable suffix the CLI reads.
CREDENTIAL_SUFFIX = {"apiKey": "API_KEY", "secret": "SECRET", "login": "LOGIN", "password": "PASSWORD"}


def missing_credentials(exchange: Any, exchange_id: str) -> list[str]:
    """Every credential the exchange requires that is not set, as the environment variable to set (all at once)."""
    required = getattr(exchange, "requiredCredentials", None) or {}
    missing = []
    for field, needed in required.items():
        if needed and not getattr(exchange, field, None):
            suffix = CREDENTIAL_SUFFIX.get(field)
            missing.append(f"{exchange_id.upper()}_{suffix}" if suffix else f"{field} (not read from the environment by ccxt-cancel)")
    return missing


SIGNED_QUERY = re.compile(r"((?:signature|sign|signed)=)[^&\s]*", re.IGNORECASE)


def clean_message(text: str, secrets: Sequence[str]) -> str:
    """One line, no credential, no signature (a signed URL in a NetworkError message names it)."""
    return " ".join(scrub.text(SIGNED_QUERY.sub(r"\1" + scrub.PLACEHOLDER, text), secrets).split())


def _cause(exc: BaseException) -> str:
    """What lies under a ccxt NetworkError: DNS, refused, reset or timeout, from the transport's own exception."""
    cause = exc.__cause__ or exc.__context__
    if cause is None:
        return ""
    text = str(cause)
    lowered = text.lower()
    kinds = (("name or service not known", "DNS lookup failed"), ("nodename nor servname", "DNS lookup failed"), ("getaddrinfo", "DNS lookup failed"),
             ("refused", "connection refused"), ("reset", "connection reset"), ("timed out", "timed out"), ("timeout", "timed out"))  # fmt: skip
    reason = next((label for needle, label in kinds if needle in lowered), type(cause).__name__)
    return f" (cause: {reason})"


def _have_vcrpy() -> bool:
    try:
        import vcr  # noqa: F401
    except ImportError:
        return False
    return True


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, err: TextIO | None = None, out: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.err = err
        self.out = out

    def error(self, message: str) -> NoReturn:
        # One line, like every other CLI error; the usage is one --help away.
        print(f"{self.prog}: UsageError: {message} (see {self.prog} --help)", file=self.err or sys.stderr)
        raise SystemExit(2)

    def print_help(self, file: Any = None) -> None:
        super().print_help(file or self.out)

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse's --version writes to sys.stdout directly; the CLI's own streams win.
        super()._print_message(message, self.out if file is None or file is sys.stdout else file)


def build_parser(out: TextIO | None = None, err: TextIO | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        out=out,
        err=err,
        prog="ccxt-cancel",
        usage=USAGE,
        epilog="exit codes:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Cancel orders through ccxt with the ccxt_cancel plugins installed. Credentials come from "
        "<EXCHANGE>_API_KEY, <EXCHANGE>_SECRET, <EXCHANGE>_LOGIN and <EXCHANGE>_PASSWORD, never from the command line. "
        "'ccxt-cancel doctor [--json]' reports versions, plugins and the gaps the installed ccxt still has. "
        "'ccxt-cancel run -- COMMAND' starts a program with the plugins installed, without changing its code.",
    )
    parser.add_argument("--version", action="version", version=_version_line())
    parser.add_argument("exchange", help="ccxt exchange id, e.g. bitopro, binancecoinm")
    parser.add_argument("symbol", help="unified symbol (BTC/USDT, BTC/USD:BTC) or the exchange's market id")
    parser.add_argument("order_id", nargs="?", help="the order to cancel (cancel_order)")
    parser.add_argument("--client-order-id", metavar="ID", help="cancel by client order id")
    parser.add_argument("--margin", action="store_true", help="a margin order (params margin=True)")
    parser.add_argument("--ids", nargs="+", metavar="ID", help="cancel these orders (cancel_orders)")
    parser.add_argument("--all", action="store_true", help="cancel every open order of SYMBOL (cancel_all_orders); SYMBOL '-' means every market")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="extra params; VALUE is read as JSON when it parses, else as text")
    parser.add_argument("--json", action="store_true", help="print unified orders as JSON")
    parser.add_argument(
        "--confirm", action="store_true", help="query acknowledged cancels until the order is canceled or filled (params confirm=True; docs/resolving.md)"
    )
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
    """``<EXCHANGE>_API_KEY`` etc.; only the documented :data:`CREDENTIAL_FALLBACKS` apply."""
    prefixes = [exchange_id.upper()]
    if exchange_id in CREDENTIAL_FALLBACKS:
        prefixes.append(CREDENTIAL_FALLBACKS[exchange_id])
    found: dict[str, str] = {}
    for field, suffix in (("apiKey", "API_KEY"), ("secret", "SECRET"), ("login", "LOGIN"), ("password", "PASSWORD")):
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
    if args.confirm:
        params["confirm"] = True
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
    def clean(text: str) -> str:
        return scrub.text(re.sub(r"(signature=)[^&]*", r"\1" + scrub.PLACEHOLDER, text), secrets)

    headers = {k: (scrub.PLACEHOLDER if SENSITIVE_HEADER.search(k) else clean(str(v))) for k, v in (request.get("headers") or {}).items()}
    body = request.get("body")
    return {"method": request["method"], "url": clean(str(request["url"])), "headers": headers, "body": None if body is None else clean(str(body))}


class _Stop(Exception):
    """Raised by the dry-run fetch: ccxt's own path is stopped at its first request."""


def _as_sent(exchange: Any, request: Mapping[str, Any]) -> dict[str, Any]:
    """A signed request with the headers ccxt's ``fetch`` adds (session, ``exchange.headers`` such as OKX's demo flag, user agent)."""
    return {**request, "headers": exchange.prepare_request_headers(dict(request.get("headers") or {}))}


def dry_run(exchange: Any, method: str, call_args: tuple[Any, ...], params: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """Requests the call would send, signed the way ccxt signs them, with every header ccxt's fetch sends, without sending any."""
    from ccxt_cancel import patching, probe
    from ccxt_cancel.plans import Request

    claimed = patching.plan_for(exchange, method, (*call_args, params), {})
    if claimed is not None:
        plan, plugin_name = claimed
        if plan.steps is None:
            return [_as_sent(exchange, exchange.sign(r.path, list(r.api), r.method, r.wire_params())) for r in plan.requests], f"plugin {plugin_name}"
        flow = plan.flow()
        try:
            first = next(flow)
        finally:
            flow.close()
        if not isinstance(first, Request):
            return [], f"plugin {plugin_name}; it waits before its first request"
        return [
            _as_sent(exchange, exchange.sign(first.path, list(first.api), first.method, first.wire_params()))
        ], f"plugin {plugin_name}; only its first request is shown (later ones depend on answers)"
    captured: list[dict[str, Any]] = []

    class Capture(probe.Transport):
        """Keeps ccxt's first request, signed, and stops the call before anything is sent."""

        def record(self, method: str, url: str, headers: Any, body: Any) -> None:
            captured.append(_as_sent(exchange, {"url": url, "method": method, "headers": headers, "body": body}))

        def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
            raise _Stop

    Capture().attach(exchange)
    try:
        getattr(exchange, method)(*call_args, params)
    except _Stop:
        pass
    return captured, "ccxt itself (no plugin claims this call); only its first request is shown"


def format_order(order: Mapping[str, Any]) -> str:
    fields = [str(order.get(k)) for k in ("id", "symbol", "side")]
    fields += [f"price={order.get('price')}", f"amount={order.get('amount')}", f"status={order.get('status')}"]
    return "  ".join(fields)


def _error_of(order: Mapping[str, Any]) -> BaseException | None:
    from ccxt_cancel.batch import error_of

    return error_of(order)


def _is_acknowledgement(order: Mapping[str, Any]) -> bool:
    """ccxt's shape for an answer that names no order (Binance's ``{"code": 200, "msg": ...}``): only ``info``."""
    return order.get("id") is None and order.get("clientOrderId") is None and _error_of(order) is None


def report(method: str, result: Any, as_json: bool, out: TextIO) -> int:
    """Print the result and return the exit code that tells the truth about it."""
    orders = [o for o in (result if isinstance(result, list) else [result]) if isinstance(o, Mapping)]
    if as_json:
        print(json.dumps(result, default=str, sort_keys=True), file=out)
    failed = unconfirmed = False
    if method == "cancel_all_orders" and not orders:
        if not as_json:
            print("no open orders were canceled (the exchange names none)", file=out)
        return EXIT_OK
    for order in orders:
        error = _error_of(order)
        if method == "cancel_all_orders" and _is_acknowledgement(order):
            info = order.get("info")
            message = info.get("msg") if isinstance(info, Mapping) else None
            line = f"the exchange says: {message if message is not None else json.dumps(info, default=str)}"
        elif error is not None:
            failed = True
            line = f"{order.get('id') or order.get('clientOrderId')}  NOT CANCELED  {type(error).__name__}: {error}"
        elif order.get("status") != "canceled":
            unconfirmed = True
            line = f"{format_order(order)}  (cancel accepted, not confirmed: check it with fetch_order)"
        else:
            line = format_order(order)
        if not as_json:
            print(line, file=out)
    if method == "cancel_all_orders" and not as_json and not all(_is_acknowledgement(o) for o in orders):
        canceled = sum(1 for o in orders if o.get("status") == "canceled")
        not_canceled = sum(1 for o in orders if _error_of(o) is not None)
        accepted = len(orders) - canceled - not_canceled
        print(f"{len(orders)} orders: {canceled} canceled, {accepted} accepted (not confirmed), {not_canceled} not canceled", file=out)
    # A failure outweighs an unconfirmed cancel: the bot must look at the failed ids first.
    return EXIT_NOT_CANCELED if failed else EXIT_UNCONFIRMED if unconfirmed else EXIT_OK


def _progress_to(stream: TextIO) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("ccxt-cancel: %(message)s"))
    logger = logging.getLogger("ccxt_cancel")
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler


def doctor(argv: Sequence[str], environ: Mapping[str, str], out: TextIO, err: TextIO) -> int:
    """``ccxt-cancel doctor [--json]``: exit 0, or 1 when a plugin failed to load or ccxt changed under the core."""
    from ccxt_cancel import doctor as diagnosis

    parser = _Parser(
        out=out, err=err, prog="ccxt-cancel doctor", description=diagnosis.__doc__.splitlines()[0].replace("``", "") if diagnosis.__doc__ else None
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    data = diagnosis.report(environ)
    print(json.dumps(data, sort_keys=True) if args.json else diagnosis.text(data), file=out)
    if data["load_error"]:
        print(f"ccxt-cancel doctor: {data['load_error']}", file=err)
    return EXIT_ERROR if data["load_error"] or not data["ccxt_internals"]["ok"] else EXIT_OK


def run(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    env = os.environ if environ is None else environ
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["doctor"]:
        return doctor(given[1:], env, out, err)
    if given[:1] == ["verify"]:
        from ccxt_cancel import verify

        return verify.command(given[1:], env, out, err)
    if given[:1] == ["run"]:
        from ccxt_cancel import launcher

        return launcher.run(given[1:], env, out, err)
    argv = given
    parser = build_parser(out, err)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        method, call_args, params = plan_call(args)
        if args.replay and not os.path.isfile(args.replay):
            raise _UsageError(f"--replay: no such cassette {args.replay!r}")
        if args.replay and not _have_vcrpy():
            raise _UsageError(REPLAY_NEEDS)
    except _UsageError as exc:
        return _fail(args, err, out, "UsageError", str(exc), EXIT_USAGE)

    import ccxt

    import ccxt_cancel

    if args.exchange not in ccxt.exchanges:
        import difflib

        folded = {re.sub(r"[^a-z0-9]", "", name): name for name in ccxt.exchanges}
        exact = folded.get(re.sub(r"[^a-z0-9]", "", args.exchange.lower()))  # Binance, binance-usdm
        close = [exact] if exact else difflib.get_close_matches(args.exchange.lower(), ccxt.exchanges, n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; see ccxt.exchanges for the ids"
        return _fail(args, err, out, "UsageError", f"unknown exchange {args.exchange!r}{hint}", EXIT_USAGE)
    if args.margin and args.exchange != "bitopro":
        return _fail(
            args, err, out, "UsageError",
            "--margin selects BitoPro's margin orders; on Binance pass --param marginMode=cross or --param marginMode=isolated", EXIT_USAGE,
        )  # fmt: skip
    config: dict[str, Any] = credentials_from_env(args.exchange, env)
    if args.dry_run or args.replay:
        config = {**DUMMY, **config}
    secrets = [v for k, v in config.items() if k in scrub.CREDENTIALS]
    exchange = getattr(ccxt, args.exchange)(config)
    if not (args.dry_run or args.replay):
        missing = missing_credentials(exchange, args.exchange)
        if missing:
            return _fail(args, err, out, "AuthenticationError", f"{args.exchange} needs credentials; set {', '.join(missing)}", EXIT_ERROR)
    handler = _progress_to(err)
    try:
        if args.demo:
            urls = exchange.urls or {}
            if hasattr(exchange, "enable_demo_trading") and urls.get("demo"):
                exchange.enable_demo_trading(True)
            elif urls.get("test"):
                exchange.set_sandbox_mode(True)
            else:
                raise ccxt.NotSupported(f"{args.exchange} has no documented test host in ccxt")
        try:
            ccxt_cancel.install(exchange)
        except ccxt_cancel.PluginLoadError as exc:
            return _fail(args, err, out, "PluginLoadError", f"{exc}; skip it with CCXT_CANCEL_BLOCK_PLUGINS={exc.plugin_name}", EXIT_ERROR)
        if not args.dry_run:
            print(f"ccxt-cancel: {_route(exchange, method, call_args, params)}", file=err)
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

            print(f"ccxt-cancel: replaying {args.replay} (offline: nothing is sent, the answers are recorded ones)", file=err)
            recorder = vcr.VCR(record_mode="none", **replay.vcr_options())
            try:
                with recorder.use_cassette(args.replay):
                    result = getattr(exchange, method)(*call_args, params)
            except CannotOverwriteExistingCassetteException as exc:
                first_line = str(exc).splitlines()[0] if str(exc) else "request not in cassette"
                raise ccxt.ExchangeError(f"replay: the cassette has no answer for this request ({first_line})") from exc
            except ccxt.BaseError:
                raise
            except Exception as exc:  # noqa: BLE001 - a malformed cassette: vcrpy and yaml raise many kinds
                return _fail(args, err, out, "ReplayError", f"cannot read cassette {args.replay}: {type(exc).__name__}: {exc}", EXIT_ERROR)
        else:
            result = getattr(exchange, method)(*call_args, params)
        return report(method, result, args.json, out)
    except ccxt.BaseError as exc:
        cause = _cause(exc) if isinstance(exc, ccxt.NetworkError) else ""
        return _fail(args, err, out, type(exc).__name__, clean_message(str(exc), secrets) + cause, EXIT_ERROR)
    finally:
        ccxt_cancel.uninstall(exchange)
        logging.getLogger("ccxt_cancel").removeHandler(handler)


def _fail(args: Any, err: TextIO, out: TextIO, kind: str, message: str, code: int) -> int:
    """Every CLI error: one line on stderr, and with --json its JSON form on stdout."""
    message = " ".join(message.split())
    print(f"ccxt-cancel: {kind}: {message}", file=err)
    if getattr(args, "json", False):
        print(json.dumps({"error": {"class": kind, "message": message, "exit_code": code}}, sort_keys=True), file=out)
    return code


def _route(exchange: Any, method: str, call_args: tuple[Any, ...], params: dict[str, Any]) -> str:
    """Which plugin claims the call, or that ccxt handles it (asked of the hooks, which send nothing)."""
    from ccxt_cancel import patching

    claimed = patching.plan_for(exchange, method, (*call_args, dict(params)), {})
    return f"{method} handled by plugin {claimed[1]}" if claimed is not None else f"{method} handled by ccxt itself (no plugin claims it)"


def main() -> None:
    sys.exit(run())
