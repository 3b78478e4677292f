"""Zero-code adoption: ``ccxt-cancel run -- COMMAND`` and ``CCXT_CANCEL_AUTOINSTALL``, in real child processes.

Every child here is a separate Python whose own code never imports
ccxt_cancel (nor tests): the plugins arrive through the bootstrap
``sitecustomize`` or the ``.pth`` file, or not at all. Each child has a
timeout, runs in a temporary folder, and inherits no CCXT_CANCEL_* variable
from this process.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import venv
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from ccxt_cancel import autoinstall, launcher
from tests.support.loopback import API_KEY, SECRET, LoopbackExchange
from tests.support.sites import broken_site

ROOT = Path(__file__).resolve().parent.parent
PTH = ROOT / "plugin" / "ccxt_cancel" / "bootstrap" / "ccxt_cancel_autoinstall.pth"
TIMEOUT = 120

# A bot that knows nothing of ccxt_cancel: plain ccxt, pointed at the loopback exchange given in argv.
COINM_BOT = """
import json, os, sys
import ccxt

exchange = ccxt.binancecoinm({"apiKey": os.environ["BOT_API_KEY"], "secret": os.environ["BOT_SECRET"], "enableRateLimit": False})
exchange.urls["api"]["dapiPrivate"] = sys.argv[1] + "/dapi/v1"
exchange.urls["api"]["dapiPublic"] = sys.argv[1] + "/dapi/v1"
try:
    order = exchange.cancel_order("4612097861", "BTC/USD:BTC", {"origClientOrderId": "myOrder1"})
    print(json.dumps({"id": order["id"], "status": order["status"], "symbol": order["symbol"]}))
except ccxt.BaseError as exc:
    print(json.dumps({"error": type(exc).__name__}))
"""

# Which exchange classes of ccxt, ccxt.async_support and ccxt.pro route their cancels through ccxt_cancel.
INSTALLED_REPORT = """
import json, sys
import ccxt, ccxt.async_support, ccxt.pro
from ccxt_cancel import patching
report = {
    flavor: patching.original(module.binancecoinm.cancel_order) is not module.binancecoinm.cancel_order
    for flavor, module in (("sync", ccxt), ("async", ccxt.async_support), ("pro", ccxt.pro))
}
report["ccxt_cancel_file"] = sys.modules["ccxt_cancel"].__file__
print(json.dumps(report))
"""

NO_CCXT_REPORT = """
import json, sys
print(json.dumps({
    "ccxt_modules": sorted(m for m in sys.modules if m.split(".")[0] == "ccxt"),
    "waiting": any(type(f).__name__ == "_WaitForCcxt" for f in sys.meta_path),
}))
"""


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without CCXT_CANCEL_* and PYTHONPATH, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCXT_CANCEL_") and k != "PYTHONPATH"}
    env.update(extra)
    return env


def ccxt_cancel_run(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ccxt_cancel", "run", *argv]


def child(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=cwd, env=env or clean_env(), input=stdin, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def last_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.stdout.strip(), f"no output; stderr:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def script(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(code))
    return path


# --- the end-to-end promise: a bot that never imports the plugin gets a claimed cancel routed ---------------------------


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else
def test_run_routes_a_claimed_cancel_in_a_bot_that_never_imports_the_plugin(loopback: LoopbackExchange, tmp_path: Path) -> None:
    bot = script(tmp_path, "bot.py", COINM_BOT)
    env = clean_env(BOT_API_KEY=API_KEY, BOT_SECRET=SECRET)

    result = child(ccxt_cancel_run("--", sys.executable, str(bot), loopback.base_url), tmp_path, env)

    assert result.returncode == 0, result.stderr
    assert last_json(result) == {"id": "4612097861", "status": "canceled", "symbol": "BTC/USD:BTC"}
    # one request, the documented one: orderId wins over origClientOrderId, no markets loaded, signature verified
    assert [(s.method, s.path, s.status, s.reason) for s in loopback.seen] == [("DELETE", "/dapi/v1/order", 200, None)]
    query = dict(parse_qsl(loopback.seen[0].query))
    assert query["orderId"] == "4612097861" and query["symbol"] == "BTCUSD_PERP" and "origClientOrderId" not in query

    # the same bot without the wrapper: ccxt loads markets first and never sends that cancel
    loopback.seen.clear()
    plain = child([sys.executable, str(bot), loopback.base_url], tmp_path, env)
    assert plain.returncode == 0, plain.stderr
    assert "error" in last_json(plain)
    assert ("DELETE", "/dapi/v1/order") not in [(s.method, s.path) for s in loopback.seen]


@pytest.mark.parametrize("first", ["ccxt", "ccxt.async_support", "ccxt.pro"])
def test_every_flavour_is_installed_whichever_ccxt_module_comes_first(tmp_path: Path, first: str) -> None:
    """ccxt_cancel.install() imports ccxt.async_support and ccxt.pro itself, inside the program's own first import."""
    result = child(ccxt_cancel_run("--", sys.executable, "-c", f"import {first}\n" + INSTALLED_REPORT), tmp_path)
    assert result.returncode == 0, result.stderr
    report = last_json(result)
    assert (report["sync"], report["async"], report["pro"]) == (True, True, True)
    assert result.stderr == ""


def test_a_program_that_never_imports_ccxt_gets_no_ccxt_import(tmp_path: Path) -> None:
    result = child(ccxt_cancel_run("--", sys.executable, "-c", NO_CCXT_REPORT), tmp_path)
    assert result.returncode == 0, result.stderr
    assert last_json(result) == {"ccxt_modules": [], "waiting": True}
    assert result.stderr == ""


# --- the wrapper keeps the program's own set-up ----------------------------------------------------------------------


def test_an_existing_pythonpath_and_its_sitecustomize_are_kept(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "sitecustomize.py").write_text("import os\nos.environ['THEIR_SITECUSTOMIZE'] = __file__\n")
    (theirs / "their_module.py").write_text("VALUE = 42\n")
    code = INSTALLED_REPORT.replace(
        'report["ccxt_cancel_file"]',
        'import os, their_module; report["theirs"] = os.environ.get("THEIR_SITECUSTOMIZE"); '
        'report["pythonpath"] = os.environ["PYTHONPATH"]; report["value"] = their_module.VALUE; report["ccxt_cancel_file"]',
    )

    result = child(ccxt_cancel_run("--", sys.executable, "-c", code), tmp_path, clean_env(PYTHONPATH=str(theirs)))

    assert result.returncode == 0, result.stderr
    report = last_json(result)
    assert report["theirs"] == str(theirs / "sitecustomize.py")  # theirs ran, after ours
    assert report["value"] == 42
    assert report["pythonpath"] == os.pathsep.join([str(autoinstall.bootstrap_dir()), str(theirs)])
    assert (report["sync"], report["async"], report["pro"]) == (True, True, True)


def test_exit_code_pid_and_standard_streams_are_the_commands(tmp_path: Path) -> None:
    console_script = shutil.which("ccxt-cancel", path=str(Path(sys.executable).parent))
    assert console_script is not None, "the ccxt-cancel console script is not installed next to this Python"
    code = "import os, sys; print(os.getpid()); print(sys.stdin.read().upper()); print('to stderr', file=sys.stderr); sys.exit(7)"
    process = subprocess.Popen(
        [console_script, "run", "--", sys.executable, "-c", code],
        cwd=tmp_path,
        env=clean_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = process.communicate("hello bot", timeout=TIMEOUT)
    assert process.returncode == 7
    pid, echoed = out.splitlines()[:2]
    assert echoed == "HELLO BOT" and err == "to stderr\n"
    if os.name == "posix":
        assert int(pid) == process.pid  # exec: the wrapper became the command (signals reach the bot)


def test_a_missing_command_exits_127_and_no_command_is_a_usage_error(tmp_path: Path) -> None:
    missing = child(ccxt_cancel_run("--", "no-such-command-ccxt-cancel-test"), tmp_path)
    assert missing.returncode == 127 and "command not found: no-such-command-ccxt-cancel-test" in missing.stderr
    nothing = child(ccxt_cancel_run(), tmp_path)
    assert nothing.returncode == 2 and "give the COMMAND" in nothing.stderr


# --- install failures: loud by default, on stderr either way ------------------------------------------------------------


def test_a_plugin_that_fails_to_load_makes_import_ccxt_fail_loudly(tmp_path: Path) -> None:
    env = clean_env(PYTHONPATH=str(broken_site(tmp_path)))
    result = child(ccxt_cancel_run("--", sys.executable, "-c", "import ccxt; print('ran on')"), tmp_path, env)
    assert result.returncode == 1 and "ran on" not in result.stdout
    assert "the cancel plugins are NOT installed in this process" in result.stderr
    assert "PluginLoadError: ccxt_cancel plugin 'broken_one'" in result.stderr
    assert "CCXT_CANCEL_AUTOINSTALL=warn" in result.stderr


def test_on_error_warn_runs_on_with_plain_ccxt_and_says_so(tmp_path: Path) -> None:
    env = clean_env(PYTHONPATH=str(broken_site(tmp_path)))
    code = "import ccxt; from ccxt_cancel import patching; print(patching.classes_installed())"
    result = child(ccxt_cancel_run("--on-error", "warn", "--", sys.executable, "-c", code), tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert "PluginLoadError" in result.stderr and "cancels go to ccxt unchanged" in result.stderr


def test_a_broken_plugin_does_not_touch_a_program_that_never_imports_ccxt(tmp_path: Path) -> None:
    env = clean_env(PYTHONPATH=str(broken_site(tmp_path)))
    result = child(ccxt_cancel_run("--", sys.executable, "-c", "print('fine')"), tmp_path, env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "fine\n", "")


def test_a_python_without_ccxt_cancel_is_told_and_its_import_of_ccxt_fails(tmp_path: Path) -> None:
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    if not base.exists() or subprocess.run([str(base), "-c", "import ccxt_cancel"], capture_output=True, timeout=TIMEOUT, check=False).returncode == 0:
        pytest.skip("needs a Python that cannot import ccxt_cancel (this virtual environment's base interpreter)")
    fine = child(ccxt_cancel_run("--", str(base), "-c", "print('fine')"), tmp_path)
    assert fine.returncode == 0 and fine.stdout == "fine\n"
    assert "ccxt_cancel cannot be imported by this Python" in fine.stderr
    failing = child(ccxt_cancel_run("--", str(base), "-c", "import ccxt"), tmp_path)
    assert failing.returncode == 1 and "ImportError: ccxt-cancel: ccxt_cancel cannot be imported" in failing.stderr


# --- the environment variable alone ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def regular_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding this project as `pip install .` installs it (a regular wheel); returns its python.

    It sees this environment's packages (ccxt, pluggy) through a path file that sorts, and so runs, before
    ours; its own regular ccxt_cancel comes first on sys.path, ahead of any editable one.
    """
    source = tmp_path_factory.mktemp("source")
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "plugin", source / "plugin", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = tmp_path_factory.mktemp("wheels")
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), str(source)]
    subprocess.run(build, check=True, capture_output=True, timeout=TIMEOUT, cwd=source)
    (wheel,) = wheels.glob("ccxt_cancel-*.whl")
    target = tmp_path_factory.mktemp("venv") / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site_packages = Path(
        subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True).stdout.strip()
    )
    (site_packages / "00_parent_environment.pth").write_text("\n".join(p for p in sys.path if p.endswith("site-packages")) + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, capture_output=True, timeout=TIMEOUT)
    assert (site_packages / PTH.name).read_text() == PTH.read_text()
    return python


@pytest.mark.parametrize(("value", "installed"), [("1", True), ("warn", True), ("0", False), (None, False)])
def test_the_environment_variable_alone_works_with_a_regular_install(regular_install: Path, tmp_path: Path, value: str | None, installed: bool) -> None:
    env = clean_env(**({autoinstall.ENV: value} if value is not None else {}))
    code = "import sys, ccxt\nm = sys.modules.get('ccxt_cancel.patching')\nprint(bool(m and m.classes_installed()), 'ccxt_cancel' in sys.modules)"
    result = child([str(regular_install), "-c", code], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(installed), str(installed)]  # while off, the .pth imports nothing
    if installed:
        where = child([str(regular_install), "-c", "import ccxt_cancel; print(ccxt_cancel.__file__)"], tmp_path, env)
        assert where.stdout.startswith(str(regular_install.parent.parent))  # the regular install, not this checkout


def test_the_environment_variable_adds_no_ccxt_import_either(regular_install: Path, tmp_path: Path) -> None:
    result = child([str(regular_install), "-c", NO_CCXT_REPORT], tmp_path, clean_env(**{autoinstall.ENV: "1"}))
    assert result.returncode == 0, result.stderr
    assert last_json(result) == {"ccxt_modules": [], "waiting": True}


def test_this_environment_gets_autoinstall_as_the_readme_says(tmp_path: Path) -> None:
    """In the environment running these tests (CI: `pip install -e '.[test]'`, as README says).

    setuptools' editable wheels carry no data files (pypa/setuptools#3399), so an editable install has no
    .pth: there README's PYTHONPATH=$(ccxt-cancel run --print-path) line does it. A regular install has it.
    """
    import importlib.metadata

    dist = importlib.metadata.distribution("ccxt-cancel")
    shipped = any(Path(str(f)).name == PTH.name for f in dist.files or [])
    direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
    editable = bool(direct_url.get("dir_info", {}).get("editable"))
    code = "import sys, ccxt\nm = sys.modules.get('ccxt_cancel.patching')\nprint(bool(m and m.classes_installed()))"

    alone = child([sys.executable, "-c", code], tmp_path, clean_env(**{autoinstall.ENV: "1"}))
    assert alone.stdout.strip() == str(shipped), alone.stderr
    if editable:
        assert not shipped, "setuptools now installs data files in editable mode: README's freqtrade section can drop the editable caveat"

    printed = child(ccxt_cancel_run("--print-path"), tmp_path).stdout.strip()
    assert printed == str(autoinstall.bootstrap_dir()) and (Path(printed) / "sitecustomize.py").is_file()
    with_path = child([sys.executable, "-c", code], tmp_path, clean_env(PYTHONPATH=printed, **{autoinstall.ENV: "1"}))
    assert with_path.stdout.strip() == "True", with_path.stderr


# --- pure functions ---------------------------------------------------------------------------------------------------------


def test_the_pth_file_knows_the_same_off_values_and_imports_nothing_while_off() -> None:
    text = PTH.read_text()
    assert text.startswith("import os;") and text.count("\n") == 1  # site.py runs a .pth line only if it starts with "import"
    off = re.search(r"not in (\(.*?\))", text)
    assert off is not None and ast.literal_eval(off.group(1)) == autoinstall.OFF
    assert f'os.environ.get("{autoinstall.ENV}", "")' in text


@pytest.mark.parametrize(
    ("value", "mode"),
    [(None, None), ("", None), ("0", None), ("off", None), ("False", None), ("1", "raise"), ("yes", "raise"), ("warn", "warn"), (" WARN ", "warn")],
)
def test_mode_of(value: str | None, mode: str | None) -> None:
    assert autoinstall.mode_of(value) == mode


def test_split_takes_the_command_after_double_dash_or_at_the_first_word() -> None:
    assert launcher.split(["--", "python", "-m", "x"]) == ([], ["python", "-m", "x"])
    assert launcher.split(["--on-error", "warn", "freqtrade", "trade", "--dry-run"]) == (["--on-error", "warn"], ["freqtrade", "trade", "--dry-run"])
    assert launcher.split(["--on-error=warn", "--", "--weird-name"]) == (["--on-error=warn"], ["--weird-name"])
    assert launcher.split(["--print-path"]) == (["--print-path"], [])


def test_child_environment_puts_the_bootstrap_first_once_and_keeps_the_rest() -> None:
    first = str(autoinstall.bootstrap_dir())
    env = launcher.child_environment({"PYTHONPATH": "/a" + os.pathsep + "/b", "OTHER": "x"})
    assert env["PYTHONPATH"] == os.pathsep.join([first, "/a", "/b"]) and env["OTHER"] == "x" and env[autoinstall.ENV] == "1"
    assert launcher.child_environment(env)["PYTHONPATH"] == env["PYTHONPATH"]  # a nested `ccxt-cancel run` adds nothing
    assert launcher.child_environment({})["PYTHONPATH"] == first
    assert launcher.child_environment({}, "warn")[autoinstall.ENV] == "warn"
    assert launcher.child_environment({autoinstall.ENV: "warn"})[autoinstall.ENV] == "warn"
    assert launcher.child_environment({autoinstall.ENV: "warn"}, "raise")[autoinstall.ENV] == "1"
