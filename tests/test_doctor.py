"""``ccxt-cancel doctor``: versions, plugins with their origin, the self-check, and every gap with its probe."""

from __future__ import annotations

import json
from pathlib import Path

import ccxt
import pluggy

from ccxt_cancel import doctor
from ccxt_cancel.builtins import BUILTIN_PLUGINS
from tests.support.sites import broken_site, run_isolated

DOCTOR = "import sys; from ccxt_cancel.cli import run; sys.exit(run(sys.argv[1:]))"


def test_a_fresh_install_lists_the_builtins_and_their_gaps_as_present() -> None:
    data = doctor.report({})
    assert data["versions"]["ccxt"] == ccxt.__version__ and data["versions"]["pluggy"] == pluggy.__version__
    assert data["ccxt_internals"] == {"ok": True, "problems": []}
    assert [p["name"] for p in data["plugins"] if p["origin"] == "built-in"] == list(BUILTIN_PLUGINS)
    assert {g["filled_by"] for g in data["gaps"]} == set(BUILTIN_PLUGINS)
    assert {g["status"] for g in data["gaps"]} == {"present"}
    assert data["load_error"] is None
    text = doctor.text(data)
    for name in BUILTIN_PLUGINS:
        assert name in text


def test_doctor_json_parses_and_exits_0(sample_site: Path) -> None:
    done = run_isolated(sample_site, DOCTOR, "doctor", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    sample = next(p for p in data["plugins"] if p["name"] == "sample")
    assert sample["origin"] == "entry point (ccxt-cancel-sample-plugin 0.0.1)" and sample["version"] == "0.0.1" and sample["loaded"] is True


def test_a_blocked_plugin_is_shown_as_blocked(sample_site: Path) -> None:
    done = run_isolated(sample_site, DOCTOR, "doctor", CCXT_CANCEL_BLOCK_PLUGINS="sample,bitopro_margin")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.split()[0] == "sample" and "BLOCKED" in line for line in lines if line.strip())
    assert any(line.split()[0] == "bitopro_margin" and "BLOCKED" in line for line in lines if line.strip())


def test_a_plugin_that_fails_to_load_is_named_and_exits_non_zero(tmp_path: Path) -> None:
    done = run_isolated(broken_site(tmp_path), DOCTOR, "doctor")
    assert done.returncode == 1
    assert "'broken_one'" in done.stderr and "cannot start" in done.stderr
    assert "binance_coinm" in done.stdout  # the rest is still reported, from the built-ins alone


def test_the_failed_plugin_is_marked_on_its_own_line_with_the_line_that_skips_it(tmp_path: Path) -> None:
    done = run_isolated(broken_site(tmp_path), DOCTOR, "doctor")
    line = next(line for line in done.stdout.splitlines() if line.strip().startswith("broken_one"))
    assert "FAILED to load" in line and "CCXT_CANCEL_BLOCK_PLUGINS=broken_one" in line


def test_the_cli_names_a_broken_plugin_in_one_line(tmp_path: Path) -> None:
    done = run_isolated(broken_site(tmp_path), DOCTOR, "binancecoinm", "BTC/USD:BTC", "1", "--dry-run")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr  # one line, no traceback
    assert "'broken_one'" in done.stderr and "CCXT_CANCEL_BLOCK_PLUGINS=broken_one" in done.stderr


def test_doctor_says_whether_the_layer_is_active_and_how() -> None:
    import ccxt_cancel

    data = doctor.report({})
    assert data["layer"]["active"] is False and data["layer"]["how"] is None
    assert "cancel layer in this process: not active" in doctor.text(data)
    if not data["layer"]["autoinstall_ready"]:  # an editable install: no .pth file, and doctor says what to do
        assert "ccxt-cancel run" in data["layer"]["fix"]
    ccxt_cancel.install()
    try:
        status = ccxt_cancel.layer_status()
        assert status["active"] is True and status["how"] == "ccxt_cancel.install()"
    finally:
        ccxt_cancel.uninstall()
    assert ccxt_cancel.layer_status()["active"] is False


def test_doctor_marks_a_plugin_that_declares_no_exchanges() -> None:
    data = doctor.report({})
    data["plugins"].append({"name": "everywhere", "version": "1", "origin": "entry point (x 1)", "blocked": False, "exchanges": None})
    lines = doctor.text(data).splitlines()
    (line,) = [line for line in lines if line.strip().startswith("everywhere")]
    assert "declares no CCXT_CANCEL_EXCHANGES" in line
    assert all("declares no" not in line for line in lines if "built-in" in line)  # every built-in declares its exchanges
