"""Third-party plugins installed as real distributions, for tests that need entry points.

:func:`sample_site` (a pytest fixture: import it into a test module) has pip
build and install ``tests/sample_plugin`` into a private folder;
:func:`broken_site` writes a distribution whose entry point fails to import;
:func:`run_isolated` runs Python code in a child process that sees one of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_plugin"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pip builds and installs tests/sample_plugin (a separate distribution) into a private folder."""
    target = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target), str(SAMPLE)]
    subprocess.run(command, check=True, capture_output=True, cwd=tmp_path_factory.mktemp("build"))
    assert list(target.glob("ccxt_cancel_sample_plugin-*.dist-info"))
    return target


def broken_site(folder: Path) -> Path:
    """A site folder holding distribution ccxt-cancel-broken, whose entry point ``broken_one`` raises on import."""
    site = folder / "site"
    dist = site / "ccxt_cancel_broken-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: ccxt-cancel-broken\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[ccxt_cancel]\nbroken_one = ccxt_cancel_broken_module\n")
    (site / "ccxt_cancel_broken_module.py").write_text("raise RuntimeError('cannot start')\n")
    return site


def run_isolated(site: Path, code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c code args...`` with ``site`` on PYTHONPATH and no CCXT_CANCEL_* variable but ``env``."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CCXT_CANCEL_")}
    environ.update(env)
    environ["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [environ.get("PYTHONPATH")])])
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, env=environ, check=False, timeout=120)
