"""The ccxt-cancel command line: every option, exit codes, credentials only from the environment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import Plan, Request
from ccxt_cancel.cli import credentials_from_env, redact, run
from tests.support.cassette_factory import Cassette, Interaction
from tests.support.helpers import CASSETTES

ONE = str(CASSETTES / "bitopro/margin_cancel_order.yaml")
BATCH = str(CASSETTES / "bitopro/margin_cancel_orders.yaml")
ALL = str(CASSETTES / "bitopro/margin_cancel_all_orders.yaml")
PAIR = str(CASSETTES / "bitopro/margin_cancel_all_orders_symbol.yaml")
NOT_FOUND = str(CASSETTES / "bitopro/margin_cancel_order_order_not_found.yaml")
COINM_SINGLE_FAILED = str(CASSETTES / "binance/coinm_cancel_orders_single_failed.yaml")
COINM_CHUNKED = str(CASSETTES / "binance/coinm_cancel_orders_chunked.yaml")
COINM_ALL = str(CASSETTES / "binance/coinm_cancel_all_orders.yaml")

REAL_LOOKING = {"BITOPRO_API_KEY": "k3y-ABCDEF0123456789-secretish", "BITOPRO_SECRET": "s3cr3t-ABCDEF0123456789-value", "BITOPRO_LOGIN": "me@example.invalid"}


def cli(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = run(list(argv), environ=env or {}, out=out, err=err)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_replay_cancel_order_prints_one_line() -> None:
    code, out, err = cli("bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", ONE)
    assert code == 0, err
    assert out.splitlines() == ["9543130812  BTC/USDT  buy  price=1.0  amount=1.0  status=canceled"]


def test_replay_json() -> None:
    code, out, _ = cli("bitopro", "btc_usdt", "9543130812", "--margin", "--replay", ONE, "--json")
    assert code == 0
    order = json.loads(out)
    assert order["id"] == "9543130812" and order["status"] == "canceled" and order["symbol"] == "BTC/USDT"


def test_ids_maps_to_cancel_orders_and_json_is_a_list() -> None:
    code, out, err = cli("bitopro", "BTC/USDT", "--margin", "--ids", "4419989207", "9789414023", "--replay", BATCH, "--json")
    assert code == 0, err
    orders = json.loads(out)
    assert [o["id"] for o in orders] == ["4419989207", "9789414023"]
    assert {o["status"] for o in orders} == {"canceled"}


@pytest.mark.parametrize(("symbol", "cassette"), [("-", ALL), ("BTC/USDT", PAIR)])
def test_all_maps_to_cancel_all_orders(symbol: str, cassette: str) -> None:
    code, out, err = cli("bitopro", symbol, "--all", "--margin", "--replay", cassette)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) >= 3 and all("status=canceled" in line for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} orders: {len(lines) - 1} canceled, 0 accepted (not confirmed), 0 not canceled"


# --- exit codes tell the truth (issue 9, case 6) ------------------------------------------------


def test_a_failed_batch_item_exits_3_and_names_the_id_and_reason() -> None:
    code, out, err = cli("binancecoinm", "BTC/USD:BTC", "--ids", "283194212", "--replay", COINM_SINGLE_FAILED)
    assert code == 3, err
    assert out.splitlines() == [
        '283194212  NOT CANCELED  OrderNotFound: binancecoinm cancelOrders() orderId 283194212: {"code":-2011,"msg":"Unknown order sent."}'
    ]


def test_a_partly_failed_batch_lists_every_id() -> None:
    ids = [str(283194212 + i) for i in range(12)]
    code, out, err = cli("binancecoinm", "BTC/USD:BTC", "--ids", *ids, "--replay", COINM_CHUNKED)
    assert code == 3, err
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ids
    assert [n for n, line in enumerate(lines) if "NOT CANCELED  OrderNotFound" in line] == [4, 11]
    assert sum("status=canceled" in line for line in lines) == 10
    assert "request 2" in err  # the progress line


def test_a_cancel_all_that_is_only_acknowledged_prints_what_the_exchange_said() -> None:
    code, out, err = cli("binancecoinm", "BTC/USD:BTC", "--all", "--replay", COINM_ALL)
    assert code == 0, err
    assert out.splitlines() == ["the exchange says: The operation of cancel all open order is done."]


def test_exit_codes_are_documented() -> None:
    from ccxt_cancel.cli import EXIT_CODES

    assert sorted(EXIT_CODES) == [0, 1, 2, 3, 4]
    readme = (CASSETTES.parent / "docs" / "cli.md").read_text()
    for code in EXIT_CODES:
        assert f"`{code}`" in readme


def test_param_key_value_reaches_the_call() -> None:
    # marginMode is a selector: proves --param reaches the plugin, and that it never reaches the wire
    code, out, err = cli("bitopro", "BTC/USDT", "9543130812", "--param", "marginMode=cross", "--replay", ONE)
    assert code == 0, err
    assert "status=canceled" in out


def test_param_values_are_json_when_they_parse() -> None:
    from ccxt_cancel.cli import parse_param

    assert parse_param("recvWindow=5000") == ("recvWindow", 5000)
    assert parse_param("reduceOnly=true") == ("reduceOnly", True)
    assert parse_param("note=abc") == ("note", "abc")


def test_exchange_error_exits_1_with_class_and_message() -> None:
    code, out, err = cli("bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", NOT_FOUND)
    assert code == 1 and out == ""
    assert err.splitlines()[-1].startswith("ccxt-cancel: OrderNotFound: bitopro")
    assert "handled by plugin bitopro_margin" in err and "replaying" in err  # the route and the replay are said


def test_argument_error_exits_1_and_sends_nothing() -> None:
    code, _, err = cli("bitopro", "BTC/USDT", "12ab", "--margin", "--replay", ONE)
    assert code == 1
    assert err.startswith("ccxt-cancel: BadRequest: ") and "12ab" in err and len(err.strip().splitlines()) == 1


def test_request_missing_from_cassette_exits_1() -> None:
    code, _, err = cli("bitopro", "BTC/USDT", "111", "--margin", "--replay", ONE)
    assert code == 1 and "replay" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["bitopro"],
        ["bitopro", "BTC/USDT"],
        ["bitopro", "BTC/USDT", "1", "--all"],
        ["bitopro", "BTC/USDT", "1", "--ids", "2"],
        ["bitopro", "BTC/USDT", "1", "--param", "novalue"],
        ["bitopro", "BTC/USDT", "1", "--replay", "/nonexistent/cassette.yaml"],
        ["nosuchexchange", "BTC/USDT", "1"],
        ["bitopro", "BTC/USDT", "1", "--api-key", "x"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    code, _out, err = cli(*argv)
    assert code == 2
    assert "UsageError" in err and len(err.strip().splitlines()) == 1  # one line


def test_credentials_come_only_from_the_environment() -> None:
    assert credentials_from_env("bitopro", REAL_LOOKING) == {
        "apiKey": REAL_LOOKING["BITOPRO_API_KEY"],
        "secret": REAL_LOOKING["BITOPRO_SECRET"],
        "login": "me@example.invalid",
    }
    assert credentials_from_env("binancecoinm", {"BINANCE_API_KEY": "a", "BINANCE_SECRET": "b"}) == {"apiKey": "a", "secret": "b"}
    assert credentials_from_env("binancecoinm", {"BINANCECOINM_API_KEY": "c", "BINANCE_API_KEY": "a"})["apiKey"] == "c"
    assert credentials_from_env("binanceusdm", {"BINANCE_API_KEY": "a", "BINANCE_SECRET": "b"}) == {"apiKey": "a", "secret": "b"}
    # Other operators never borrow a family's keys (issue 9, case 7): Binance.US is another company.
    assert credentials_from_env("binanceus", {"BINANCE_API_KEY": "a", "BINANCE_SECRET": "b"}) == {}
    assert credentials_from_env("krakenfutures", {"KRAKEN_API_KEY": "a", "KRAKEN_SECRET": "b"}) == {}
    assert credentials_from_env("kucoinfutures", {"KUCOIN_API_KEY": "a"}) == {}
    assert credentials_from_env("okx", {"OKX_API_KEY": "a", "OKX_SECRET": "b", "OKX_PASSWORD": "p"}) == {"apiKey": "a", "secret": "b", "password": "p"}
    help_text = cli("--help")[1]
    assert "--api-key" not in help_text and "--secret" not in help_text


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_dry_run_prints_request_redacted_and_sends_nothing(extra: list[str]) -> None:
    # --block-network is on: a request would fail the test
    code, out, err = cli("bitopro", "BTC/USDT", "9543130812", "--margin", "--dry-run", *extra, env=REAL_LOOKING)
    assert code == 0, err
    assert (
        "DELETE https://api.bitopro.com/v3/margin/orders/btc_usdt/9543130812" in out
        or '"url": "https://api.bitopro.com/v3/margin/orders/btc_usdt/9543130812"' in out
    )
    for value in (REAL_LOOKING["BITOPRO_API_KEY"], REAL_LOOKING["BITOPRO_SECRET"]):
        assert value not in out and value not in err
    assert "X-BITOPRO-APIKEY" in out and "<REDACTED>" in out


def test_dry_run_works_without_credentials() -> None:
    code, out, _ = cli("bitopro", "BTC/USDT", "--ids", "1", "2", "--margin", "--dry-run")
    assert code == 0
    assert "PUT https://api.bitopro.com/v3/margin/orders" in out
    assert 'body: {"BTC_USDT":["1","2"]}' in out


def test_dry_run_of_a_call_no_plugin_claims_shows_ccxts_first_request() -> None:
    code, out, _ = cli("bitopro", "BTC/USDT", "1", "--dry-run", env=REAL_LOOKING)
    assert code == 0
    assert "ccxt itself" in out and "GET https://api.bitopro.com/v3/provisioning/currencies" in out


def test_a_demo_dry_run_shows_every_header_the_real_call_sends() -> None:
    # Issue 18, defect 10: the OKX demo flag is added by ccxt's fetch (exchange.headers), not by sign.
    env = {"OKX_API_KEY": "okx-key-ABCDEF0123456789", "OKX_SECRET": "okx-secret-ABCDEF0123456789", "OKX_PASSWORD": "okx-pass-ABCDEF0123"}
    code, out, err = cli("okx", "BTC/USDT:USDT", "12345", "--demo", "--dry-run", env=env)
    assert code == 0, err
    assert "x-simulated-trading: 1" in out and "User-Agent" in out
    for value in env.values():
        assert value not in out and value not in err
    code, out, _ = cli("okx", "BTC/USDT:USDT", "12345", "--dry-run", env=env)
    assert code == 0 and "x-simulated-trading" not in out


def test_an_empty_id_with_a_client_id_cancels_by_the_client_id() -> None:
    env = {"OKX_API_KEY": "okx-key-ABCDEF0123456789", "OKX_SECRET": "okx-secret-ABCDEF0123456789", "OKX_PASSWORD": "okx-pass-ABCDEF0123"}
    code, out, err = cli("okx", "BTC/USDT:USDT", "", "--client-order-id", "myswap", "--dry-run", env=env)
    assert code == 0, err
    assert '"clOrdId":"myswap"' in out and "ordId" not in out.replace("clOrdId", "")
    code, out, err = cli("okx", "BTC/USDT:USDT", "", "--dry-run", env=env)
    assert code == 1 and "ArgumentsRequired" in err and len(err.strip().splitlines()) == 1


def test_redact_hides_signature_payload_and_key_values() -> None:
    request = {
        "method": "DELETE",
        "url": "https://x/y?timestamp=1&signature=abcdef",
        "headers": {"X-MBX-APIKEY": "KEY-1234", "X-Other": "has KEY-1234 inside"},
        "body": "secret=SECRET",
    }
    shown = redact(request, ["KEY-1234", "SECRET"])
    assert shown["url"] == "https://x/y?timestamp=1&signature=<REDACTED>"
    assert shown["headers"] == {"X-MBX-APIKEY": "<REDACTED>", "X-Other": "has <REDACTED> inside"}
    assert shown["body"] == "secret=<REDACTED>"


def test_demo_uses_binance_demo_trading_host() -> None:
    code, out, err = cli("binancecoinm", "BTC/USD:BTC", "4612097861", "--demo", "--dry-run")
    assert code == 0, err
    assert "https://demo-dapi.binance.com/dapi/v1/order?" in out


def test_demo_without_a_test_host_is_an_error() -> None:
    code, _, err = cli("bitopro", "BTC/USDT", "1", "--margin", "--demo", "--dry-run")
    assert code == 1 and err.startswith("ccxt-cancel: NotSupported: ")


def test_progress_line_when_more_than_one_request(tmp_path: Path, plugin_manager: pluggy.PluginManager) -> None:
    class TwoRequests:
        @ccxt_cancel.hookimpl(tryfirst=True)
        def ccxt_cancel_orders(self, ids: Any) -> Plan:
            requests = [Request("provisioning/trading-pairs", ["public"], "GET"), Request("provisioning/currencies", ["public"], "GET")]
            return Plan(requests, parse=lambda answers: [{"id": i, "status": "canceled"} for i in ids])

    cassette = Cassette(
        name="two.yaml",
        what="test",
        source="test",
        interactions=[
            Interaction("GET", "https://api.bitopro.com/v3/provisioning/trading-pairs", 200, {"data": []}),
            Interaction("GET", "https://api.bitopro.com/v3/provisioning/currencies", 200, {"data": []}),
        ],
    )
    path = cassette.write(tmp_path)
    plugin_manager.register(TwoRequests(), name="two")
    try:
        code, out, err = cli("bitopro", "BTC/USDT", "--ids", "1", "2", "--replay", str(path))
        assert code == 0, err
        assert "ccxt-cancel: bitopro: request 1 of 2" in err and "request 2 of 2" in err
        assert len(out.splitlines()) == 2
        code, _, err = cli("bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", ONE)
        assert "request 1 of" not in err  # one request: no progress line
    finally:
        plugin_manager.unregister(name="two")


@pytest.mark.parametrize("entry", [["-m", "ccxt_cancel"], ["ccxt-cancel"]])
def test_console_script_and_module_entry(entry: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_SECRET", "_LOGIN"))}
    command = [sys.executable, *entry] if entry[0] == "-m" else [str(Path(sys.executable).with_name("ccxt-cancel"))]
    done = subprocess.run(
        [*command, "bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", ONE], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "9543130812  BTC/USDT  buy  price=1.0  amount=1.0  status=canceled"


def test_a_failure_outweighs_an_unconfirmed_cancel_in_the_exit_code() -> None:
    from ccxt_cancel.cli import report

    failed = {"id": "1", "status": None, "error": {"class": "OrderNotFound", "message": "gone"}}
    unconfirmed = {"id": "2", "status": None}
    for orders in ([failed, unconfirmed], [unconfirmed, failed]):
        assert report("cancel_orders", orders, False, io.StringIO()) == 3
    assert report("cancel_orders", [unconfirmed], False, io.StringIO()) == 4
    assert report("cancel_orders", [{"id": "3", "status": "canceled"}], False, io.StringIO()) == 0


def test_version_usage_and_exit_codes_in_help() -> None:
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("ccxt-cancel ") and "ccxt " in out
    code, out, _ = cli("--help")
    assert code == 0 and "ccxt-cancel doctor" in out and "ccxt-cancel run --" in out
    for number, meaning in (("0", "every requested order was canceled"), ("3", "some requested orders were not canceled"), ("4", "does not confirm")):
        assert any(line.strip().startswith(number) and meaning in line for line in out.splitlines())
    code, out, _ = cli("doctor", "--help")
    assert code == 0 and "``" not in out


def test_an_unknown_exchange_gets_a_suggestion_and_json_errors_are_json() -> None:
    code, out, err = cli("binanse", "BTC/USDT", "1", "--json")
    assert code == 2 and "did you mean binance" in err and len(err.strip().splitlines()) == 1
    assert json.loads(out)["error"]["class"] == "UsageError"
    for typed, meant in (("Binance", "binance"), ("binance-usdm", "binanceusdm")):
        code, _, err = cli(typed, "BTC/USDT", "1")
        assert code == 2 and f"did you mean {meant}?" in err


def test_every_missing_credential_is_named_at_once_by_its_variable() -> None:
    code, _, err = cli("okx", "BTC/USDT:USDT", "1")
    assert code == 1 and "OKX_API_KEY" in err and "OKX_SECRET" in err and "OKX_PASSWORD" in err
    assert len(err.strip().splitlines()) == 1


def test_margin_means_bitopro_margin_and_is_refused_elsewhere() -> None:
    code, _, err = cli("binance", "BTC/USDT", "1", "--margin", "--dry-run")
    assert code == 2 and "marginMode" in err and len(err.strip().splitlines()) == 1
    code, out, _ = cli("bitopro", "BTC/USDT", "1", "--margin", "--client-order-id", "abc", "--dry-run")
    assert code == 1 and "clientOrderId=abc" not in out  # BitoPro's margin cancel has no client-id form


def test_a_network_error_names_its_cause_and_never_the_signature() -> None:
    env = {"BINANCE_API_KEY": "bn-key-ABCDEF0123456789", "BINANCE_SECRET": "bn-secret-ABCDEF0123456789"}
    code, _, err = cli("binance", "BTC/USDT", "1", "--param", "recvWindow=5000", env=env)
    # --block-network refuses the socket: ccxt raises a NetworkError whose message holds the signed URL
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert "signature=<REDACTED>" in last  # the signed URL is named, its signature is not
    assert "cause:" in last and env["BINANCE_API_KEY"] not in err


def test_a_malformed_cassette_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("interactions: [unclosed\n")
    code, _, err = cli("bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", str(bad))
    assert code == 1 and "cannot read cassette" in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("ccxt-cancel: ReplayError:")
