"""The README's plugin example works as printed, and its commands match what the project ships."""

from __future__ import annotations

import base64
import configparser
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import ccxt
import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import probe
from tests.support.helpers import RequestLog
from tests.support.session import StubSession

ROOT = Path(__file__).resolve().parent.parent
# README.md and the docs/ pages it links to: the project's documentation, checked as one text.
README = "\n".join(path.read_text() for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))])


def code_block(starting_with: str) -> str:
    for block in re.findall(r"```(?:python|sh|ini)?\n(.*?)```", README, re.DOTALL):
        if block.startswith(starting_with):
            return str(block)
    raise AssertionError(f"no code block starting with {starting_with!r} in README.md or docs/")


def test_plugin_example_claims_and_cancels(plugin_manager: pluggy.PluginManager) -> None:
    module = types.ModuleType("my_plugin")
    exec(compile(code_block("# my_plugin.py"), "README.md", "exec"), module.__dict__)  # noqa: S102  (our own README, to prove it runs)
    plugin_manager.register(module, name="kraken_userref")
    try:
        exchange = ccxt_cancel.install(ccxt.kraken({"apiKey": "FAKE-KEY", "secret": base64.b64encode(b"FAKE-SECRET").decode()}))
        log = RequestLog(answer={"error": [], "result": {"count": 1}})
        log.attach(exchange)
        order = exchange.cancel_order(None, "BTC/USD", {"userref": 42})
        assert order["status"] == "canceled" and order["clientOrderId"] == "42"
        assert [(m, u) for m, u, _, _ in log.requests] == [("POST", "https://api.kraken.com/0/private/CancelOrder")]
        assert "txid=42" in str(log.requests[0][3])
        log.answer = {"error": [], "result": {"count": 0}}
        with pytest.raises(ccxt.OrderNotFound):
            exchange.cancel_order(None, "BTC/USD", {"userref": 43})
        with pytest.raises(ccxt.BadRequest):
            exchange.cancel_order("OABC", "BTC/USD", {"userref": 43})
        # params=None reaches the hook as {} (issue 9, case 5): the example declines instead of
        # failing on `"userref" not in None`, so ccxt's own kraken cancel runs (and itself refuses None).
        exchange.set_markets([probe.market(exchange, id="XXBTZUSD", symbol="BTC/USD", base="BTC", quote="USD", type="spot", spot=True)])
        with pytest.raises(TypeError, match="not a mapping"):
            exchange.cancel_order("OXYZ", "BTC/USD", None)
    finally:
        plugin_manager.unregister(name="kraken_userref")


def test_general_form_example_lists_then_cancels(plugin_manager: pluggy.PluginManager) -> None:
    module = types.ModuleType("kraken_pair")
    exec(compile(code_block("# kraken_pair.py"), "README.md", "exec"), module.__dict__)  # noqa: S102  (our own README, to prove it runs)
    plugin_manager.register(module, name="kraken_pair")
    open_orders = {"OA": {"descr": {"pair": "XBTUSD"}}, "OB": {"descr": {"pair": "ETHUSD"}}, "OC": {"descr": {"pair": "XBTUSD"}}}
    sent: list[str] = []

    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        sent.append(f"{url.rsplit('/', 1)[1]} {body.split('&nonce')[0] if body else ''}".strip())
        if url.endswith("/OpenOrders"):
            return 200, {"error": [], "result": {"open": open_orders}}
        if "txid=OC" in body:
            return 200, {"error": ["EOrder:Unknown order"], "result": {}}  # filled meanwhile: ccxt's kraken says OrderNotFound
        return 200, {"error": [], "result": {"count": 1}}

    try:
        exchange = ccxt_cancel.install(ccxt.kraken({"apiKey": "FAKE-KEY", "secret": base64.b64encode(b"FAKE-SECRET").decode()}))
        StubSession(answer).attach(exchange)
        orders = exchange.cancel_all_orders("BTC/USD", {"krakenPair": "XBTUSD"})
        assert [(o["id"], o["status"]) for o in orders] == [("OA", "canceled")]
        assert [s.split()[0] for s in sent] == ["OpenOrders", "CancelOrder", "CancelOrder"]
    finally:
        plugin_manager.unregister(name="kraken_pair")


def test_setup_commands_use_shipped_names() -> None:
    main_job = code_block("python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e '.[replay]' &&")
    cassette = re.search(r"--replay (\S+)", main_job)
    assert cassette is not None and (Path(__file__).resolve().parent.parent / cassette.group(1)).is_file()
    extras = configparser.ConfigParser()
    extras.read(ROOT / "setup.cfg")
    assert "vcrpy" in extras["options.extras_require"]["replay"]  # --replay's one dependency
    tests = code_block("python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e '.[test]'")
    assert "python -m pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pip install -e '.[test]'" in ci and "python -m pytest" in ci


def test_documented_environment_variables_exist() -> None:
    from ccxt_cancel import autoinstall, plugins

    for name in (plugins.DISABLE_AUTOLOAD_ENV, plugins.BLOCK_ENV, autoinstall.ENV):
        assert name in README
    assert f"{autoinstall.ENV}=warn" in README and f"{autoinstall.ENV}=1" in README


def test_run_commands_and_options_exist() -> None:
    from ccxt_cancel import launcher

    assert "ccxt-cancel run -- python bot.py" in README and "ccxt-cancel run -- freqtrade trade" in README
    for option in ("--on-error warn", "--print-path"):
        assert option.split()[0] in launcher.USAGE and option in README


def test_freqtrade_strategy_lines_install_every_flavour() -> None:
    import ccxt.async_support
    import ccxt.pro

    from ccxt_cancel import patching

    try:
        exec(compile(code_block("import ccxt_cancel\nccxt_cancel.install()"), "README.md", "exec"), {})  # noqa: S102  (our own README)
        assert all(patching.original(m.bitopro.cancel_order) is not m.bitopro.cancel_order for m in (ccxt, ccxt.async_support, ccxt.pro))
    finally:
        ccxt_cancel.uninstall()


def test_the_editable_install_line_installs_the_plugins_in_a_child(tmp_path: Path) -> None:
    """README's `export CCXT_CANCEL_AUTOINSTALL=1 PYTHONPATH=$(ccxt-cancel run --print-path)...` line, run by a shell."""
    line = next(b for b in re.findall(r"```sh\n(.*?)```", README, re.DOTALL) if b.startswith("export CCXT_CANCEL_AUTOINSTALL=1 PYTHONPATH="))
    check = "import ccxt\nfrom ccxt_cancel import patching\nprint(patching.classes_installed())"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCXT_CANCEL_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = str(tmp_path)  # kept behind ours
    shell = f'{line.strip()}\necho "$PYTHONPATH" >&2\nexec "{sys.executable}" -c "$CHECK"'
    result = subprocess.run(["bash", "-c", shell], env={**env, "CHECK": check}, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert result.stderr.strip().endswith(os.pathsep + str(tmp_path))


def test_the_python_snippets_of_docs_pages_run() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    ran = 0
    for page in pages:
        namespace: dict[str, object] = {"__name__": "docs_snippet"}  # a page's blocks run in order, as a reader runs them
        for block in re.findall(r"```python\n(.*?)```", page.read_text(), re.DOTALL):
            try:
                exec(compile(block, str(page), "exec"), namespace)  # noqa: S102  (our own docs, to prove they run)
            finally:
                ccxt_cancel.uninstall()  # a snippet may install globally; no test leaks it
            ran += 1
    assert ran >= 1


def test_readme_is_short_and_its_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 200  # issue 19: the rest lives in docs/
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to missing {target}"
