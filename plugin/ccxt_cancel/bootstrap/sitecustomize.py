"""The ``sitecustomize`` that ``ccxt-cancel run`` puts first on the child's ``PYTHONPATH``.

Python's ``site`` imports the first ``sitecustomize`` on ``sys.path`` at
start-up, so this one shadows any other. It does two things, in this order:

1. asks ``ccxt_cancel.autoinstall`` to install the plugins when (and only
   when) the program imports ccxt. If ccxt_cancel cannot be imported by this
   Python (the command runs another environment's interpreter), it says so
   on stderr and, unless ``CCXT_CANCEL_AUTOINSTALL=warn``, makes a later
   ``import ccxt`` fail with that reason, so a bot does not run without the
   layer it was started with. A program that never imports ccxt just runs.
2. runs the ``sitecustomize`` it shadows: the next one on ``sys.path`` after
   this folder (as ``ddtrace``'s bootstrap does), under the same module
   name, so whatever a site, a distribution or the user set up still
   happens. Its errors surface exactly as they would without us.

Written for any Python 3 the child might run, and cheap to import: it runs at
every start-up of every Python under ``ccxt-cancel run``. Standard library only.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = "CCXT_CANCEL_AUTOINSTALL"


class _Unavailable:  # a meta path finder (not importlib.abc's subclass: that import alone costs ~25 ms)
    """Stands in for ccxt_cancel when it is not importable: ``import ccxt`` then fails with the reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname == "ccxt":
            raise ImportError(self.reason, name=fullname)
        return None


def _enable() -> None:
    try:
        from ccxt_cancel import autoinstall
    except Exception as exc:  # noqa: BLE001 - whatever it is, the program itself must still start
        strict = os.environ.get(ENV, "").strip().lower() != "warn"
        reason = (
            f"ccxt-cancel: ccxt_cancel cannot be imported by this Python ({sys.executable}): {type(exc).__name__}: {exc}; "
            "install ccxt-cancel into the environment the program runs in"
        )
        print(reason + ("; 'import ccxt' will fail" if strict else "; ccxt runs without the plugins"), file=sys.stderr)
        if strict:
            sys.meta_path.insert(0, _Unavailable(reason))
        return
    autoinstall.from_bootstrap()


def _chain() -> None:
    entries = [os.path.abspath(entry or os.curdir) for entry in sys.path]
    after = entries[entries.index(HERE) + 1 :] if HERE in entries else [e for e in entries if e != HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", [e for e in after if e != HERE])
    if spec is None or spec.loader is None:
        return
    from importlib.util import module_from_spec  # only now: most start-ups have no other sitecustomize

    module = module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


if __name__ == "sitecustomize":  # not when a tool imports ccxt_cancel.bootstrap.sitecustomize by its package name
    _enable()
    _chain()
