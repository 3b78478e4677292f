"""``ccxt-cancel verify``: place small orders on your own testnet or demo account, cancel them through every claimed
path as a bot would (ccxt with ``ccxt_cancel.install()``), check each outcome with the exchange's own query, and
optionally record every request and answer as a scrubbed cassette.

The pieces: :data:`PROFILES` (what is covered, per exchange and product),
:func:`base_url_allowed` and :func:`order_size` (pure), :func:`run` (the
places/cancels/checks, on an exchange the caller built; it always cancels
what it placed in a ``finally``), :func:`recording` / :func:`replay_run`
(vcrpy, the same scrubbing as the test cassettes) and :func:`command` (the
CLI, dispatched from ``cli.py``). See docs/verify.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import ipaddress
import json
import secrets as random_source
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import partial
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ccxt_cancel import replay, scrub

HOST_KINDS = ("testnet", "demo", "production", "loopback")
LIVE_HOSTS = ("testnet", "demo", "production")  # a loopback recording is never "recorded live"
UNKNOWN_ID = "1"  # an order id this run did not place, so the account holds no such order on the symbol


@dataclass(frozen=True)
class Profile:
    """One product a verify run covers: the symbol it trades and how to load only that product's markets."""

    exchange_id: str
    product: str
    symbol: str
    options: Mapping[str, Any]
    hosts: tuple[str, ...]  # the test hosts ccxt knows for it ("testnet" via set_sandbox_mode, "demo" via enable_demo_trading)
    confirms: bool  # the cancel answer itself says "canceled" (else an acknowledgement: status None)
    all_confirms: bool = True  # cancel-all names each order canceled (else an acknowledgement that names none)


PROFILES: dict[tuple[str, str], Profile] = {
    # rest-api.md: Cancel Order answers the order with "status": "CANCELED"; ccxt's spot testnet is testnet.binance.vision
    ("binance", "spot"): Profile("binance", "spot", "BTC/USDT", {"fetchMarkets": {"types": ["spot"]}, "fetchCurrencies": False}, ("testnet", "demo"), True),
    # the USD-M pages: Cancel Order answers the order "CANCELED", Cancel All Open Orders {"code": 200, "msg": ...};
    # ccxt 4.5.90 refuses the futures testnet ("not supported for futures anymore"): demo only
    ("binanceusdm", "linear"): Profile(
        "binanceusdm", "linear", "BTC/USDT:USDT", {"fetchMarkets": {"types": ["linear"]}, "fetchCurrencies": False}, ("demo",), True, False
    ),
    # the COIN-M pages: the same shapes as USD-M (Cancel Order "CANCELED", Cancel All an acknowledgement); demo only in ccxt 4.5.90
    ("binancecoinm", "inverse"): Profile(
        "binancecoinm", "inverse", "BTC/USD:BTC", {"fetchMarkets": {"types": ["inverse"]}, "fetchCurrencies": False}, ("demo",), True, False
    ),
}
NO_TEST_HOST = {
    "bitopro": "BitoPro has no testnet or demo host; only a production run (--production, with its typed confirmation) could verify it, "
    "and verify does not cover BitoPro yet",
}
PRODUCTION_RISK = (
    "a production run places real orders with real funds at stake: they are post-only and priced far from the market, "
    "but a market that moves that far, or a cancel that does not work (which is what this run looks for), can leave them open or fill them"
)


class Refused(Exception):
    """The run will not start (foreign open orders on the symbol, no profile, ...): nothing was placed."""


@dataclass
class Row:
    path: str
    expected: str
    seen: str
    passed: bool


@dataclass
class Placed:
    id: str  # "" while the placement has no answer (it may still have placed the order: the cleanup looks for it)
    client_id: str
    closed: bool = False  # the exchange's own query said it is no longer open (or it never was)


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    left_open: list[Placed] = field(default_factory=list)
    requests: int = 0
    error: BaseException | None = None

    @property
    def placed_count(self) -> int:
        return sum(1 for p in self.placed if p.id)

    @property
    def passed(self) -> bool:
        return self.error is None and not self.left_open and bool(self.rows) and all(r.passed for r in self.rows)


# --- pure pieces ----------------------------------------------------------------------------------


def base_url_allowed(url: str) -> str | None:
    """None when ``url`` is an http(s) URL on a loopback address (127.0.0.0/8, ::1, localhost), else why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--base-url {url!r} is not an http(s) URL"
    host = parts.hostname
    if host == "localhost":
        return None
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return None if loopback else f"--base-url {url!r}: only a loopback address (127.0.0.0/8, ::1, localhost) is allowed, never another host"


def point_at(urls: Any, base_url: str) -> Any:
    """Every URL in ``urls`` (ccxt's ``urls['api']``, nested) with its scheme and host replaced by ``base_url``."""
    if isinstance(urls, dict):
        return {key: point_at(value, base_url) for key, value in urls.items()}
    if isinstance(urls, str) and "://" in urls:
        path = urls.split("://", 1)[1].partition("/")
        return base_url.rstrip("/") + (path[1] + path[2])
    return urls


def _filter(market: Mapping[str, Any], kind: str) -> Mapping[str, Any]:
    filters = (market.get("info") or {}).get("filters") or []
    return next((f for f in filters if isinstance(f, Mapping) and f.get("filterType") == kind), {})


def order_size(market: Mapping[str, Any], bid: float) -> tuple[Decimal, Decimal]:
    """(price, amount) of a post-only buy far below ``bid`` at the market's minimum size.

    Half the bid, or a quarter of the way from the exchange's lowest allowed
    bid (Binance spot's PERCENT_PRICE_BY_SIDE ``bidMultiplierDown``, USD-M's
    PERCENT_PRICE ``multiplierDown``) up to the bid when that is higher; the
    amount is the minimum amount, raised (to the amount step) until price x
    amount clears the minimum cost with 10% to spare.
    """
    by_side, percent = _filter(market, "PERCENT_PRICE_BY_SIDE"), _filter(market, "PERCENT_PRICE")
    down = Decimal(str(by_side.get("bidMultiplierDown") or percent.get("multiplierDown") or "0"))
    # a quarter of the way from the lowest allowed bid up to the bid (USD-M allows 5% below: 3.75% below the bid)
    factor = max(Decimal("0.5"), down + (1 - down) / 4)
    tick = Decimal(str(market["precision"]["price"]))
    step = Decimal(str(market["precision"]["amount"]))
    price = (Decimal(str(bid)) * factor / tick).to_integral_value(ROUND_FLOOR) * tick
    limits = market.get("limits") or {}
    min_amount = Decimal(str((limits.get("amount") or {}).get("min") or step))
    min_cost = Decimal(str((limits.get("cost") or {}).get("min") or 0))
    amount = max(min_amount, min_cost * Decimal("1.1") / price)
    amount = (amount / step).to_integral_value(ROUND_CEILING) * step
    return price, amount


def table(rows: Sequence[Row]) -> str:
    header = Row("path", "expected", "seen", True)
    widths = [max(len(getattr(r, name)) for r in (header, *rows)) for name in ("path", "expected", "seen")]
    lines = []
    for row in (header, *rows):
        result = "result" if row is header else ("pass" if row.passed else "FAIL")
        lines.append("  ".join(text.ljust(width) for text, width in zip((row.path, row.expected, row.seen), widths, strict=True)) + "  " + result)
    return "\n".join(lines)


# --- the run --------------------------------------------------------------------------------------

HALT = ("DDoSProtection", "RateLimitExceeded", "AuthenticationError", "InvalidNonce", "NetworkError")


def _described(value: Any) -> str:
    return "None (acknowledged)" if value is None else str(value)


class _Run:
    """One run's state: the orders placed (each noted before its request), the rows, and the cleanup."""

    def __init__(self, exchange: Any, profile: Profile, run_id: str, out: TextIO) -> None:
        self.exchange = exchange
        self.profile = profile
        self.symbol = profile.symbol
        self.run_id = run_id
        self.out = out
        self.outcome = Outcome()
        self.price = Decimal(0)
        self.amount = Decimal(0)

    def place(self, count: int) -> list[Placed]:
        placed = []
        for _ in range(count):
            entry = Placed("", f"ccv{self.run_id}{len(self.outcome.placed):02d}")
            self.outcome.placed.append(entry)  # before the request: a lost answer may still have placed it
            order = self.exchange.create_order(
                self.symbol, "limit", "buy", float(self.amount), float(self.price), {"postOnly": True, "clientOrderId": entry.client_id}
            )
            entry.id = str(order["id"])
            placed.append(entry)
        return placed

    def status(self, order: Placed) -> str:
        """What the exchange's own query says now (``fetch_order``, ccxt's: no plugin claims it)."""
        status = str(self.exchange.fetch_order(order.id, self.symbol)["status"])
        order.closed = status != "open"
        return status

    def single(self, name: str, call: Callable[[Placed], Any]) -> None:
        (order,) = self.place(1)
        expected_status = "canceled" if self.profile.confirms else None
        expected = f"returns {_described(expected_status)} for {order.id}; query: canceled"
        self.guarded(name, expected, lambda: self._single(order, call, expected_status))

    def _single(self, order: Placed, call: Callable[[Placed], Any], expected_status: str | None) -> tuple[str, bool]:
        result = call(order)
        queried = self.status(order)
        # the answer must name this order: by its id, or (an acknowledgement without one) by its client id
        named = str(result.get("id")) == order.id if result.get("id") is not None else result.get("clientOrderId") == order.client_id
        seen = f"returns {_described(result.get('status'))} for {result.get('id')}; query: {queried}"
        return seen, named and result.get("status") == expected_status and queried == "canceled"

    def batch(self) -> None:
        first, second = self.place(2)
        ids = [first.id, UNKNOWN_ID, second.id]
        expected = f"3 entries in order: {first.id} canceled, {UNKNOWN_ID} OrderNotFound, {second.id} canceled; query: canceled x2"
        self.guarded("batch with an unknown id", expected, lambda: self._batch(ids, first, second))

    def _batch(self, ids: list[str], first: Placed, second: Placed) -> tuple[str, bool]:
        from ccxt_cancel.batch import error_of

        result = self.exchange.cancel_orders(ids, self.symbol)
        queried = [self.status(first), self.status(second)]
        parts, good = [], len(result) == len(ids)
        for wanted, entry in zip(ids, result, strict=False):
            error = error_of(entry)
            got = type(error).__name__ if error is not None else _described(entry.get("status"))
            parts.append(f"{entry.get('id')} {got}")
            want = "OrderNotFound" if wanted == UNKNOWN_ID else ("canceled" if self.profile.confirms else "None (acknowledged)")
            good = good and str(entry.get("id")) == wanted and got == want
        seen = f"{len(result)} entries: {', '.join(parts)}; query: {' '.join(queried)}"
        return seen, good and queried == ["canceled", "canceled"]

    def cancel_all(self) -> None:
        mine = self.place(2)
        said = "names both orders, canceled" if self.profile.all_confirms else "acknowledged (status None)"
        expected = f"{said}; query: canceled x2; nothing open"
        self.guarded("cancel-all for the symbol", expected, lambda: self._cancel_all(mine))

    def _cancel_all(self, mine: list[Placed]) -> tuple[str, bool]:
        ours = {p.id for p in self.outcome.placed}
        foreign = [o for o in self.exchange.fetch_open_orders(self.symbol) if str(o["id"]) not in ours]
        if foreign:
            # never touch an order this run did not place: the row is skipped, not run
            return f"skipped: {len(foreign)} open orders on {self.symbol} are not this run's", False
        result = self.exchange.cancel_all_orders(self.symbol)
        named = {str(o.get("id")): o.get("status") for o in result}
        queried = [self.status(order) for order in mine]
        left = self.exchange.fetch_open_orders(self.symbol)
        from ccxt_cancel.batch import error_of

        seen = f"names {len(named)} ({', '.join(f'{i} {_described(s)}' for i, s in named.items())}); query: {' '.join(queried)}; open: {len(left)}"
        if self.profile.all_confirms:
            said = all(named.get(order.id, "missing") == "canceled" for order in mine)
        else:  # an acknowledgement: no entry may claim more than it says, nor carry an error
            said = all(error_of(o) is None and o.get("status") is None for o in result)
        return seen, said and queried == ["canceled"] * len(mine) and not left

    def guarded(self, name: str, expected: str, check: Callable[[], tuple[str, bool]]) -> None:
        """One row; a ccxt error is that row's "seen", and an error after which going on would only hurt ends the run."""
        import ccxt

        try:
            seen, passed = check()
        except ccxt.BaseError as exc:
            self.outcome.rows.append(Row(name, expected, f"{type(exc).__name__}: {self.clean(str(exc))}", False))
            if any(kind in {c.__name__ for c in type(exc).__mro__} for kind in HALT):
                raise
            return
        self.outcome.rows.append(Row(name, expected, seen, passed))

    def clean(self, text: str) -> str:
        """One line, no credential and no signature (a ccxt NetworkError names the signed URL)."""
        from ccxt_cancel.cli import clean_message

        return clean_message(text, scrub.secrets_of(self.exchange))[:160]

    def find_lost_placements(self) -> None:
        """A placement whose answer was lost may have placed the order: the symbol's open orders name it by client id."""
        lost = [p for p in self.outcome.placed if not p.id]
        if not lost:
            return
        try:
            listed = {o.get("clientOrderId"): str(o["id"]) for o in self.exchange.fetch_open_orders(self.symbol)}
        except Exception as exc:  # noqa: BLE001 - then these stay unknown and are reported
            print(f"ccxt-cancel verify: cannot list open orders to find lost placements: {type(exc).__name__}: {self.clean(str(exc))}", file=self.out)
            return
        for order in lost:
            if order.client_id in listed:
                order.id = listed[order.client_id]
            else:
                order.closed = True  # not open: never placed (or already gone)

    def cleanup(self) -> None:
        """Cancel every order this run placed that its query does not show closed; what stays open is reported.

        First through the plugin, then, should the order still be open, through
        ccxt's own unpatched ``cancel_order``: the plugin is what this run tests,
        so the cleanup does not rely on it alone.
        """
        from ccxt_cancel import patching

        self.find_lost_placements()
        attempts = (self.exchange.cancel_order, partial(patching.original_method(type(self.exchange), "cancel_order"), self.exchange))
        for order in self.outcome.placed:
            if order.closed:
                continue
            if not order.id:
                self.outcome.left_open.append(order)  # its placement may have worked and the listing failed: unknown
                continue
            for cancel in attempts:
                try:
                    if self.status(order) != "open":
                        break
                    cancel(order.id, self.symbol)
                except Exception as exc:  # noqa: BLE001 - keep cancelling the others whatever this one raised
                    print(f"ccxt-cancel verify: cleanup of {order.id} ({order.client_id}): {type(exc).__name__}: {self.clean(str(exc))}", file=self.out)
            if not order.closed:
                with contextlib.suppress(Exception):
                    self.status(order)
            if not order.closed:
                self.outcome.left_open.append(order)


def run(exchange: Any, profile: Profile, run_id: str, out: TextIO) -> Outcome:
    """Every claimed path of ``profile`` on ``exchange`` (built, pointed and installed by the caller), then the cleanup."""
    state = _Run(exchange, profile, run_id, out)
    counted = exchange.on_rest_response

    def count(*args: Any) -> Any:
        state.outcome.requests += 1
        return counted(*args)

    exchange.on_rest_response = count
    try:
        exchange.load_markets()
        open_orders = exchange.fetch_open_orders(profile.symbol)
        if open_orders:
            raise Refused(
                f"{profile.symbol} already holds {len(open_orders)} open orders on this account; verify places and cancels only on a symbol that holds none"
            )
        ticker = exchange.fetch_ticker(profile.symbol)
        bid = ticker.get("bid") or ticker.get("last")
        if not bid:
            raise Refused(f"{profile.symbol}: the ticker gives no bid or last price to stay far from")
        state.price, state.amount = order_size(exchange.market(profile.symbol), float(bid))
        state.single("by order id", lambda o: exchange.cancel_order(o.id, profile.symbol))
        state.single("by both ids", lambda o: exchange.cancel_order(o.id, profile.symbol, {"clientOrderId": o.client_id}))
        state.single("by client id alone", lambda o: exchange.cancel_order(None, profile.symbol, {"clientOrderId": o.client_id}))
        state.single("'' and a client id", lambda o: exchange.cancel_order("", profile.symbol, {"clientOrderId": o.client_id}))
        # the core's confirm (docs/resolving.md): an acknowledged cancel is followed by queries until the order is terminal
        state.single("with confirm", lambda o: exchange.cancel_order(o.id, profile.symbol, {"confirm": True}))
        state.batch()
        state.cancel_all()
    except BaseException as exc:  # noqa: BLE001 - KeyboardInterrupt too: reported after the cleanup below, never lost
        state.outcome.error = exc
    finally:
        with _sigint_deferred(out):
            state.cleanup()
        exchange.on_rest_response = counted
    return state.outcome


@contextlib.contextmanager
def _sigint_deferred(out: TextIO) -> Iterator[None]:
    """Ctrl-C during the cleanup would leave orders open: it is noted and ignored until the cleanup ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def noted(signum: int, frame: Any) -> None:
        print("ccxt-cancel verify: still cancelling what this run placed; Ctrl-C is ignored until that is done", file=out)

    previous = signal.signal(signal.SIGINT, noted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# --- recording ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """What a recorded run came from; written beside its cassette as ``<name>.label.json``."""

    exchange: str
    product: str
    host: str  # one of HOST_KINDS
    date: str
    run_id: str
    symbol: str
    switch: str  # the ccxt switch used: "testnet" (set_sandbox_mode), "demo" (enable_demo_trading) or "production"
    base_url: str | None = None  # loopback only: where the run was pointed
    ccxt: str = ""
    ccxt_cancel: str = ""
    results: dict[str, str] = field(default_factory=dict)  # path -> "pass" / "FAIL", as the recorded run printed them

    @property
    def live(self) -> bool:
        return self.host in LIVE_HOSTS

    @property
    def name(self) -> str:
        return f"verify_{self.exchange}_{self.product}_{self.host}_{self.date}_{self.run_id}"


def label_path(cassette: Path) -> Path:
    return cassette.with_name(cassette.name.removesuffix(".yaml") + ".label.json")


def read_label(cassette: Path) -> Label:
    return Label(**json.loads(label_path(cassette).read_text()))


@contextlib.contextmanager
def recording(directory: Path, label: Label, secrets: Sequence[str]) -> Iterator[Path]:
    """Every request and answer inside the block written to ``directory/<label.name>.yaml``, scrubbed."""
    import vcr

    directory.mkdir(parents=True, exist_ok=True)
    cassette = directory / f"{label.name}.yaml"
    recorder = vcr.VCR(record_mode="all", **replay.record_options(secrets))
    with recorder.use_cassette(str(cassette)):
        yield cassette


def write_label(cassette: Path, label: Label, outcome: Outcome) -> None:
    results = {row.path: "pass" if row.passed else "FAIL" for row in outcome.rows}
    label_path(cassette).write_text(json.dumps(asdict(replace(label, results=results)), indent=2, sort_keys=True) + "\n")


def replay_run(cassette: Path, out: TextIO) -> Outcome:
    """The recorded run again, offline: the same calls, answered from the cassette (no keys, no network)."""
    import vcr

    import ccxt_cancel

    label = read_label(cassette)
    profile = PROFILES[(label.exchange, label.product)]
    exchange = build(label.exchange, profile, dict(DUMMY_KEYS), label.switch, label.base_url)
    ccxt_cancel.install(exchange)
    try:
        recorder = vcr.VCR(record_mode="none", **replay.record_options(list(DUMMY_KEYS.values())))
        with recorder.use_cassette(str(cassette)):
            return run(exchange, profile, label.run_id, out)
    finally:
        ccxt_cancel.uninstall(exchange)


DUMMY_KEYS = {"apiKey": "verify-replay-key", "secret": "verify-replay-secret"}


def build(exchange_id: str, profile: Profile, keys: Mapping[str, str], host: str, base_url: str | None) -> Any:
    """A sync ccxt exchange on the chosen host (ccxt's own sandbox or demo switch), loading only the profile's markets."""
    import ccxt

    exchange = getattr(ccxt, exchange_id)({**keys, "options": dict(profile.options)})
    if host == "demo":
        exchange.enable_demo_trading(True)
    elif host == "testnet":
        exchange.set_sandbox_mode(True)
    if base_url is not None:
        exchange.urls["api"] = point_at(exchange.urls["api"], base_url)
    return exchange


# --- the command ----------------------------------------------------------------------------------


def _parser(out: TextIO, err: TextIO) -> argparse.ArgumentParser:
    from ccxt_cancel.cli import _Parser

    parser = _Parser(
        out=out,
        err=err,
        prog="ccxt-cancel verify",
        description="Place small post-only orders on your own testnet or demo account, cancel them through every claimed path, "
        "check each with the exchange's own query, and cancel everything placed at the end. Keys come from <EXCHANGE>_API_KEY and "
        "<EXCHANGE>_SECRET (and _PASSWORD). See docs/verify.md.",
        epilog="exit codes: 0 every row passed, 3 some row failed, 1 an error, a refusal or an order left open, 2 usage error",
    )
    parser.add_argument("exchange", help="ccxt exchange id: " + ", ".join(sorted({p.exchange_id for p in PROFILES.values()})))
    parser.add_argument("--product", help="the product to verify (default: every covered one)")
    host = parser.add_mutually_exclusive_group(required=True)
    host.add_argument("--testnet", action="store_true", help="ccxt's sandbox host (set_sandbox_mode)")
    host.add_argument("--demo", action="store_true", help="ccxt's demo host (enable_demo_trading)")
    host.add_argument("--production", action="store_true", help="the real exchange: asks for a typed confirmation")
    parser.add_argument("--record", metavar="DIR", help="write every request and answer as scrubbed cassettes into DIR")
    parser.add_argument("--base-url", metavar="URL", help="send everything to URL instead (loopback addresses only: for the tests)")
    parser.add_argument("--run-id", help=argparse.SUPPRESS)  # fixed client ids, for the tests
    return parser


def command(argv: Sequence[str], environ: Mapping[str, str], out: TextIO, err: TextIO, stdin: TextIO | None = None) -> int:
    """``ccxt-cancel verify``: 0 every row passed, 3 some row failed, 1 an error or an order left open, 2 usage."""
    import sys

    import ccxt

    import ccxt_cancel
    from ccxt_cancel.cli import EXIT_ERROR, EXIT_NOT_CANCELED, EXIT_OK, EXIT_USAGE, _fail, clean_message, credentials_from_env, missing_credentials

    parser = _parser(out, err)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)

    def usage(message: str) -> int:
        return _fail(args, err, out, "UsageError", message, EXIT_USAGE)

    host = "testnet" if args.testnet else "demo" if args.demo else "production"
    if args.exchange in NO_TEST_HOST and host != "production":
        return usage(NO_TEST_HOST[args.exchange])
    profiles = [p for (e, product), p in PROFILES.items() if e == args.exchange and args.product in (None, product)]
    if not profiles:
        covered = ", ".join(f"{e} --product {p}" for e, p in PROFILES)
        return usage(f"verify does not cover {args.exchange}{' ' + args.product if args.product else ''} yet; covered: {covered}")
    if args.base_url is not None:
        refused = base_url_allowed(args.base_url)
        if refused:
            return usage(refused)
        if host == "production":
            return usage("--base-url points the run at a loopback exchange; choose --testnet or --demo with it")
    for profile in profiles:
        if host != "production" and host not in profile.hosts:
            return usage(f"{profile.exchange_id} {profile.product} has no {host} host in ccxt; it has: {', '.join(profile.hosts)}")
    if args.record and not _have_vcrpy():
        from ccxt_cancel.cli import REPLAY_NEEDS

        return usage(REPLAY_NEEDS.replace("--replay", "--record"))
    if host == "production":
        wanted = f"{args.exchange} production"
        print(f"ccxt-cancel verify: {PRODUCTION_RISK}.\nType '{wanted}' to go on:", file=err)
        answer = (stdin or sys.stdin).readline().strip()
        if answer != wanted:
            return _fail(args, err, out, "Refused", f"confirmation not given (typed {answer!r}); nothing was placed", EXIT_ERROR)
    keys = credentials_from_env(args.exchange, environ)
    secrets = [v for k, v in keys.items() if k in scrub.CREDENTIALS]
    kind = "loopback" if args.base_url else host
    worst = EXIT_OK
    for profile in profiles:
        exchange = build(args.exchange, profile, keys, host, args.base_url)
        missing = missing_credentials(exchange, args.exchange)
        if missing:
            return _fail(args, err, out, "AuthenticationError", f"{args.exchange} needs credentials; set {', '.join(missing)}", EXIT_ERROR)
        run_id = args.run_id or random_source.token_hex(4)
        date = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        label = Label(args.exchange, profile.product, kind, date, run_id, profile.symbol, host, args.base_url, *_versions())
        print(f"ccxt-cancel verify: {args.exchange} {profile.product} on the {kind} host, symbol {profile.symbol}, run {run_id}", file=err)
        ccxt_cancel.install(exchange)
        try:
            if args.record:
                with recording(Path(args.record), label, secrets) as cassette:
                    outcome = run(exchange, profile, run_id, err)
                write_label(cassette, label, outcome)
            else:
                outcome = run(exchange, profile, run_id, err)
        finally:
            ccxt_cancel.uninstall(exchange)
        print(table(outcome.rows), file=out)
        print(f"{outcome.placed_count} orders placed, {outcome.requests} requests answered, {len(outcome.left_open)} left open", file=out)
        for order in outcome.left_open:
            name = order.id or "an order whose placement answer was lost"
            print(f"LEFT OPEN: {name} (client id {order.client_id}) on {profile.symbol}: cancel it by hand", file=out)
        if args.record:
            print(_record_advice(cassette, label), file=err)
        code = EXIT_OK if outcome.passed else EXIT_NOT_CANCELED
        if isinstance(outcome.error, Refused):
            return _fail(args, err, out, "Refused", str(outcome.error), EXIT_ERROR)
        if outcome.error is not None or outcome.left_open:
            error = outcome.error
            text = f"{type(error).__name__}: {clean_message(str(error), secrets)}" if error is not None else "orders left open"
            _fail(args, err, out, type(error).__name__ if isinstance(error, ccxt.BaseError) else "VerifyError", text, EXIT_ERROR)
            code = EXIT_ERROR
        worst = max(worst, code, key=lambda c: (c == EXIT_ERROR, c))
    return worst


def _record_advice(cassette: Path, label: Label) -> str:
    if not label.live:
        return f"ccxt-cancel verify: recorded {cassette} (loopback: a test replays it, but it never counts as recorded live)"
    return (
        f"ccxt-cancel verify: recorded {cassette} and its label. To contribute it: copy both files into cassettes/{label.exchange}/, "
        "run python -m tests.build_docs (it lists them under 'Recorded live') and python -m pytest tests/test_verify_recordings.py "
        "(it replays them offline), then open a pull request. Read the cassette first: it holds your order ids and prices, no key."
    )


def _versions() -> tuple[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("ccxt", "ccxt-cancel"):
        try:
            found.append(version(name))
        except PackageNotFoundError:
            found.append("")
    return found[0], found[1]


def _have_vcrpy() -> bool:
    from ccxt_cancel.cli import _have_vcrpy as have

    return have()
