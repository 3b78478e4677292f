"""``ccxt-cancel verify`` end to end against the loopback Binance spot (ccxt's own signing, sync), and its refusals.

Issue 26's "Done when": ``ccxt-cancel verify binance --testnet`` pointed at
the loopback places orders, runs every claimed spot path, prints a table
with every row "pass", leaves no order open and writes a scrubbed cassette
labelled as recorded from the loopback, which a test then replays without
network. Then: a path that misbehaves shows "FAIL", an error mid-run (and
Ctrl-C) leaves nothing placed open, and the refusals send nothing.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccxt_cancel import cli, replay, verify
from tests.build_docs import live_recordings
from tests.support.loopback import API_KEY, SECRET, LoopbackExchange
from tests.support.loopback.binance_spot import Book, book

ENV = {"BINANCE_API_KEY": API_KEY, "BINANCE_SECRET": SECRET}
ROWS = ("by order id", "by both ids", "by client id alone", "'' and a client id", "with confirm", "batch with an unknown id", "cancel-all for the symbol")
pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else
HEX_SIGNATURE = re.compile(r"\b[0-9a-f]{64}\b")


@pytest.fixture
def venue() -> Iterator[LoopbackExchange]:
    """A loopback exchange of its own per test: its order book starts empty and well-behaved."""
    with LoopbackExchange() as loopback:
        yield loopback


def _verify(venue: LoopbackExchange, *extra: str, env: dict[str, str] | None = None, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["binance", "--testnet", "--base-url", venue.base_url, "--run-id", "t1", *extra]
    code = verify.command(argv, ENV if env is None else env, out, err, io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def _results(out: str) -> dict[str, str]:
    """path -> its last column, read back from the printed table."""
    found = {}
    for line in out.splitlines():
        for path in ROWS:
            if line.startswith(path + " "):
                found[path] = line.split()[-1]
    return found


def _open(venue: LoopbackExchange) -> list[dict[str, Any]]:
    return book(venue).open_orders("BTCUSDT")


def test_done_when_every_path_passes_nothing_stays_open_and_the_recording_replays(venue: LoopbackExchange, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = ["verify", "binance", "--testnet", "--base-url", venue.base_url, "--record", str(tmp_path), "--run-id", "t1"]
    code = cli.run(argv, ENV, out, err)
    assert code == cli.EXIT_OK, err.getvalue()
    assert _results(out.getvalue()) == dict.fromkeys(ROWS, "pass")
    assert "9 orders placed" in out.getvalue() and "0 left open" in out.getvalue()
    assert book(venue).placed == 9 and _open(venue) == []
    assert all(seen.reason is None for seen in venue.seen), "every signed request passed the venue's signature check"
    assert any(seen.method == "POST" and seen.path == "/api/v3/order" for seen in venue.seen)
    assert "never counts as recorded live" in err.getvalue()

    (cassette,) = tmp_path.glob("*.yaml")
    text = cassette.read_text()
    assert API_KEY not in text and SECRET not in text
    assert not HEX_SIGNATURE.search(text) and not re.search(r"\b(?:timestamp|signature)=", text)
    interactions = yaml.safe_load(text)["interactions"]
    assert len(interactions) == len(venue.seen)
    for interaction in interactions:
        assert not {name.lower() for name in interaction["request"]["headers"]} & {h.lower() for h in replay.AUTH_HEADERS}
    label = json.loads(verify.label_path(cassette).read_text())
    assert (label["exchange"], label["product"], label["host"], label["base_url"]) == ("binance", "spot", "loopback", venue.base_url)
    assert label["results"] == dict.fromkeys(ROWS, "pass")
    assert not verify.read_label(cassette).live and live_recordings(tmp_path) == {}

    venue.stop()  # the replay below needs no server: a request it sent would find the port closed
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("BINANCE_API_KEY", raising=False)
        replayed = verify.replay_run(cassette, io.StringIO())
    assert replayed.error is None and replayed.passed
    assert [row.path for row in replayed.rows] == list(ROWS) and replayed.requests == len(interactions)


@pytest.mark.parametrize(
    ("exchange_id", "product", "prefix", "symbol"), [("binanceusdm", "usdm", "/fapi/v1/", "BTCUSDT"), ("binancecoinm", "coinm", "/dapi/v1/", "BTCUSD_PERP")]
)
def test_futures_on_the_demo_host_every_path_passes_and_the_recording_replays(
    venue: LoopbackExchange, tmp_path: Path, exchange_id: str, product: str, prefix: str, symbol: str
) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = [exchange_id, "--demo", "--base-url", venue.base_url, "--record", str(tmp_path), "--run-id", "f1"]
    code = verify.command(argv, ENV, out, err)  # BINANCE_* keys: the documented fallback for binanceusdm and binancecoinm
    assert code == cli.EXIT_OK, err.getvalue()
    assert _results(out.getvalue()) == dict.fromkeys(ROWS, "pass")
    assert "acknowledged (status None)" in out.getvalue()  # the futures cancel-all names no order: no row claims more
    held = book(venue, product)
    assert held.placed == 9 and held.open_orders(symbol) == [] and all(seen.reason is None for seen in venue.seen)
    posts = [seen.body for seen in venue.seen if seen.method == "POST"]
    assert all(seen.path.startswith(prefix) for seen in venue.seen) and all("timeInForce=GTX" in body for body in posts)
    (cassette,) = tmp_path.glob("*.yaml")
    assert verify.read_label(cassette).host == "loopback" and not HEX_SIGNATURE.search(cassette.read_text())
    venue.stop()
    assert verify.replay_run(cassette, io.StringIO()).passed


def test_the_usdm_futures_testnet_is_refused_as_ccxt_refuses_it() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert verify.command(["binanceusdm", "--testnet"], ENV, out, err) == cli.EXIT_USAGE
    assert "binanceusdm linear has no testnet host in ccxt; it has: demo" in err.getvalue()


def test_a_cancel_that_does_not_cancel_shows_fail_and_the_cleanup_still_cancels_it(venue: LoopbackExchange) -> None:
    book(venue).lies[5000001] = 1  # the first order's first cancel answers CANCELED and leaves it NEW
    code, out, _ = _verify(venue)
    assert code == cli.EXIT_NOT_CANCELED
    results = _results(out)
    assert results.pop("by order id") == "FAIL" and set(results.values()) == {"pass"}
    assert "returns canceled for 5000001; query: open" in out
    assert _open(venue) == [] and "0 left open" in out


def test_when_the_plugin_cannot_cancel_the_cleanup_falls_back_to_ccxts_own_cancel(venue: LoopbackExchange) -> None:
    book(venue).lies[5000001] = 3  # the path's cancel, cancel-all and the cleanup's first (plugin) cancel lie about it
    code, out, _ = _verify(venue)
    results = _results(out)
    assert code == cli.EXIT_NOT_CANCELED and (results["by order id"], results["cancel-all for the symbol"]) == ("FAIL", "FAIL")
    assert _open(venue) == [] and "0 left open" in out and "LEFT OPEN" not in out
    single_cancels = [s for s in venue.seen if (s.method, s.path) == ("DELETE", "/api/v3/order")]
    assert sum("orderId=5000001&" in s.query for s in single_cancels) == 3  # the path, the plugin's cleanup, ccxt's own


def test_an_order_nothing_can_cancel_is_reported_left_open(venue: LoopbackExchange) -> None:
    book(venue).lies[5000001] = 4  # every cancel of the first order lies: the path's, cancel-all's and both cleanup attempts
    code, out, _ = _verify(venue)
    assert code == cli.EXIT_ERROR
    assert "LEFT OPEN: 5000001 (client id ccvt100) on BTC/USDT" in out and "1 left open" in out
    assert [o["orderId"] for o in _open(venue)] == [5000001]


def test_an_error_mid_run_leaves_nothing_placed_open(venue: LoopbackExchange) -> None:
    book(venue).refuse_placements_after = 6  # the batch's second order is refused: the run ends there
    code, out, err = _verify(venue)
    assert code == cli.EXIT_ERROR
    assert "InsufficientFunds" in err
    assert book(venue).placed == 6 and _open(venue) == []
    assert "6 orders placed" in out and "0 left open" in out


def test_a_network_error_mid_run_names_no_signature_and_leaves_nothing_open(venue: LoopbackExchange) -> None:
    venue.faults.extend(["pass"] * 6 + ["reset"])  # the second placement's connection dies mid-answer
    code, out, err = _verify(venue)
    assert code == cli.EXIT_ERROR and "NetworkError" in err
    assert "signature=" not in err + out or "signature=<REDACTED>" in err + out
    assert not HEX_SIGNATURE.search(err + out) and API_KEY not in err + out
    assert _open(venue) == [] and "0 left open" in out


def test_a_placement_whose_answer_was_lost_is_found_by_its_client_id_and_canceled(venue: LoopbackExchange) -> None:
    book(venue).lose_placement_answers = 1  # the first order is placed, its answer is a 503: outcome unknown
    code, out, err = _verify(venue)
    assert code == cli.EXIT_ERROR and "OperationFailed" in err  # ccxt's class for -1000
    assert book(venue).placed == 1 and _open(venue) == [] and "0 left open" in out
    cancels = [s.query for s in venue.seen if (s.method, s.path) == ("DELETE", "/api/v3/order")]
    assert len(cancels) == 1 and "orderId=5000001&" in cancels[0]  # found through the open orders, by its client id


def test_ctrl_c_mid_run_still_cancels_everything_placed(venue: LoopbackExchange) -> None:
    exchange = verify.build("binance", verify.PROFILES[("binance", "spot")], {"apiKey": API_KEY, "secret": SECRET}, "testnet", venue.base_url)
    placed = 0
    create = exchange.create_order

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        nonlocal placed
        if placed == 3:
            raise KeyboardInterrupt
        placed += 1
        return create(*args, **kwargs)

    exchange.create_order = interrupted  # the user presses Ctrl-C while the fourth order is being placed
    outcome = verify.run(exchange, verify.PROFILES[("binance", "spot")], "t2", io.StringIO())
    assert isinstance(outcome.error, KeyboardInterrupt)
    assert outcome.placed_count == 3 and outcome.left_open == [] and _open(venue) == []


def test_an_order_the_run_did_not_place_refuses_the_run_and_nothing_is_placed(venue: LoopbackExchange) -> None:
    mine = book(venue)
    mine.place({"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT_MAKER", "price": "1000", "quantity": "0.01", "newClientOrderId": "bot-1"})
    code, _, err = _verify(venue)
    assert code == cli.EXIT_ERROR and "Refused" in err and "already holds 1 open orders" in err
    assert mine.placed == 1 and [o["clientOrderId"] for o in _open(venue)] == ["bot-1"]
    assert not any(seen.method in ("POST", "DELETE") for seen in venue.seen)


@pytest.mark.parametrize("url", ["http://example.com", "https://api.binance.com", "http://127.0.0.1@evil.example", "http://10.0.0.1:80", "ftp://127.0.0.1"])
def test_base_url_is_refused_unless_loopback(url: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert verify.command(["binance", "--testnet", "--base-url", url], ENV, out, err) == cli.EXIT_USAGE
    assert "UsageError" in err.getvalue() and verify.base_url_allowed(url) is not None


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://127.8.9.10", "http://[::1]:9000", "http://localhost:1"])
def test_loopback_base_urls_are_allowed(url: str) -> None:
    assert verify.base_url_allowed(url) is None


def test_production_needs_the_typed_confirmation_and_says_why() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = verify.command(["binance", "--production"], {}, out, err, io.StringIO("yes\n"))
    assert code == cli.EXIT_ERROR
    assert "real funds" in err.getvalue() and "Type 'binance production'" in err.getvalue() and "nothing was placed" in err.getvalue()


def test_production_with_the_confirmation_goes_on_to_the_key_check() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = verify.command(["binance", "--production"], {}, out, err, io.StringIO("binance production\n"))
    assert code == cli.EXIT_ERROR and "set BINANCE_API_KEY" in err.getvalue()  # confirmed; without keys nothing is sent


def test_bitopro_has_no_test_host_and_says_so() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert verify.command(["bitopro", "--testnet"], {}, out, err) == cli.EXIT_USAGE
    assert "BitoPro has no testnet or demo host" in err.getvalue()


def test_an_exchange_not_covered_names_what_is() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert verify.command(["binance", "--product", "usdm", "--testnet"], {}, out, err) == cli.EXIT_USAGE
    assert "does not cover binance usdm yet; covered: binance --product spot, binanceusdm --product linear" in err.getvalue()


def test_order_size_is_far_below_the_bid_on_the_tick_and_clears_the_minimum_cost() -> None:
    market = {
        "precision": {"price": 0.01, "amount": 0.00001},
        "limits": {"amount": {"min": 0.00001}, "cost": {"min": 5.0}},
        "info": {"filters": [{"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierDown": "0.8"}]},
    }
    price, amount = verify.order_size(market, 60000.013)
    assert price == Decimal("51000.01")  # 0.85 of the bid: the exchange refuses a bid below 0.8 of the average
    assert price * amount >= Decimal("5.5") and amount % Decimal("0.00001") == 0
    assert verify.order_size({**market, "info": {}}, 60000)[0] == Decimal(30000)
    usdm = {**market, "info": {"filters": [{"filterType": "PERCENT_PRICE", "multiplierDown": "0.9500"}]}}
    assert verify.order_size(usdm, 60000)[0] == Decimal(57750)  # USD-M allows 5% below: a quarter of the way up from there


def test_live_recordings_lists_a_real_host_and_never_a_loopback_one(tmp_path: Path) -> None:
    for host in ("testnet", "loopback"):
        label = verify.Label("binance", "spot", host, "2026-12-05", "r1", "BTC/USDT", "testnet", None, "4.5.90", "0.2.0")
        cassette = tmp_path / "binance" / f"{label.name}.yaml"
        cassette.parent.mkdir(exist_ok=True)
        cassette.write_text("interactions: []\nversion: 1\n")
        verify.label_path(cassette).write_text(json.dumps(label.__dict__))
    assert live_recordings(tmp_path) == {
        "binance/verify_binance_spot_testnet_2026-12-05_r1.yaml": "binance spot, testnet host, 2026-12-05 (ccxt 4.5.90, ccxt-cancel 0.2.0)"
    }


def test_the_book_refuses_a_post_only_order_that_would_take() -> None:
    status, answer = Book().place({"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT_MAKER", "price": "60000.02", "quantity": "0.001"})
    assert (status, answer["code"]) == (400, -2010)
