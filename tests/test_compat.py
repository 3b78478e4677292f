"""The declared ccxt range, where its floor is written down, and the optional vcrpy.

setup.cfg is the one home of the floor: README's "Which ccxt" repeats it (checked
here) and .ci/run reads it from setup.cfg (checked here too: it must not
hard-code a version). The installed ccxt must be inside the range, which is what
CI's floor job (ccxt pinned to the floor) and newest job (the newest release pip
finds) each prove for their end. vcrpy is the ``replay`` extra, and ``--replay``
without it is a clear error naming that extra.
"""

from __future__ import annotations

import configparser
import io
import re
import sys
from pathlib import Path

import ccxt
import pytest

from ccxt_cancel import cli
from tests.support.helpers import CASSETTES

ROOT = Path(__file__).resolve().parent.parent


def setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def requirements(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def ccxt_requirement() -> tuple[str, str]:
    (line,) = [r for r in requirements(setup_cfg()["options"]["install_requires"]) if re.match(r"ccxt\b", r)]
    match = re.fullmatch(r"ccxt>=([0-9.]+),<([0-9.]+)", line)
    assert match is not None, f"setup.cfg: expected ccxt>=FLOOR,<CEILING, found {line!r}"
    return match.group(1), match.group(2)


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_range_runs_from_the_floor_to_the_next_major() -> None:
    floor, ceiling = ccxt_requirement()
    assert version(floor) >= (4, 5, 89), "4.5.89 is the first release with request(path, api: list, method, params, config)"
    assert ceiling == "5"


def test_the_installed_ccxt_is_inside_the_range() -> None:
    floor, ceiling = ccxt_requirement()
    assert version(floor) <= version(ccxt.__version__) < version(ceiling)


def test_readme_states_the_same_range_and_floor() -> None:
    floor, ceiling = ccxt_requirement()
    which = (ROOT / "docs" / "compatibility.md").read_text()
    assert f"`ccxt>={floor},<{ceiling}`" in which
    assert f"the floor, ccxt {floor}" in which and f"{floor} is the floor" in which


def test_ci_reads_the_floor_from_setup_cfg_and_pins_it() -> None:
    floor, _ = ccxt_requirement()
    ci = (ROOT / ".ci" / "run").read_text()
    assert floor not in ci, ".ci/run must read the floor from setup.cfg, not repeat it"
    assert "setup.cfg" in ci and "ccxt==$floor" in ci and "pip check" in ci
    assert "tests/test_*.py tests/builtins" in ci  # the floor job: core and built-in suites, test_gaps.py among them


def test_vcrpy_is_an_extra_not_a_runtime_dependency() -> None:
    config = setup_cfg()
    runtime = requirements(config["options"]["install_requires"])
    assert not [r for r in runtime if r.startswith("vcrpy")]
    extras = config["options.extras_require"]
    assert any(r.startswith("vcrpy") for r in requirements(extras["replay"]))
    assert any(r.startswith("vcrpy") for r in requirements(extras["test"]))


def test_replay_without_vcrpy_names_the_extra_and_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vcr", None)  # `import vcr` now raises ImportError, as on a machine without it
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["bitopro", "BTC/USDT", "9543130812", "--margin", "--replay", str(CASSETTES / "bitopro/margin_cancel_order.yaml")], {}, out, err)
    assert code == 2 and out.getvalue() == ""
    assert "--replay needs vcrpy" in err.getvalue() and "'ccxt-cancel[replay]'" in err.getvalue()
