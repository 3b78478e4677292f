"""Zero-code adoption: install the plugins into a process at the moment it imports ccxt.

Two ways in, both ending in :func:`enable`:

* ``ccxt-cancel run -- COMMAND`` (``launcher.py``) starts COMMAND with
  ``ccxt_cancel/bootstrap`` first on ``PYTHONPATH``. Its ``sitecustomize``
  calls :func:`from_bootstrap`, then runs the ``sitecustomize`` it shadows
  (the ``ddtrace-run`` / ``opentelemetry-instrument`` pattern).
* ``CCXT_CANCEL_AUTOINSTALL=1`` in the environment, for a process manager
  that cannot prefix the command: the ``ccxt_cancel_autoinstall.pth`` file a
  regular ``pip install`` puts into site-packages calls
  :func:`from_environment` at interpreter start-up, and costs nothing more
  than one environment lookup while the variable is unset (coverage's
  ``COVERAGE_PROCESS_START`` pattern).

:func:`enable` imports nothing from ccxt: it puts a finder first on
``sys.meta_path`` that waits for the top-level ``ccxt`` module and, once
ccxt's ``__init__`` has finished executing, calls ``ccxt_cancel.install()``
(the exchange classes a plugin serves, of ccxt, ccxt.async_support and
ccxt.pro; ccxt's own imports of those two happen inside it). A program that
never imports ccxt never loads it.

If install fails (``PluginLoadError``, ``IncompatibleCcxt``), the reason goes
to stderr and, by default, ``import ccxt`` raises it: whoever started the
program asked for the cancel layer, and a bot that ran on without it would
send its cancels the way ccxt does, unnoticed. ``CCXT_CANCEL_AUTOINSTALL=warn``
(``ccxt-cancel run --on-error warn``) lets the program go on with plain ccxt.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import importlib.abc
    import importlib.machinery
    from collections.abc import Mapping, Sequence
    from pathlib import Path
    from types import ModuleType

ENV = "CCXT_CANCEL_AUTOINSTALL"
# Values of ENV that leave a process alone. The .pth file repeats this list (it must not import anything to read it).
OFF = ("", "0", "false", "no", "off")
RAISE, WARN = "raise", "warn"
TARGET = "ccxt"

_lock = threading.RLock()


def bootstrap_dir() -> Path:
    """The folder ``ccxt-cancel run`` puts first on ``PYTHONPATH``: it holds our ``sitecustomize``."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "bootstrap"


def mode_of(value: str | None) -> str | None:
    """What a value of ``CCXT_CANCEL_AUTOINSTALL`` asks for: None (off), ``"warn"``, or ``"raise"`` (any other value)."""
    text = (value or "").strip().lower()
    if text in OFF:
        return None
    return WARN if text == WARN else RAISE


def from_environment(environ: Mapping[str, str] | None = None) -> None:
    """Called by the .pth file at start-up: enable when ``CCXT_CANCEL_AUTOINSTALL`` asks for it."""
    mode = mode_of((os.environ if environ is None else environ).get(ENV))
    if mode is not None:
        enable(mode)


def from_bootstrap(environ: Mapping[str, str] | None = None) -> None:
    """Called by the bootstrap ``sitecustomize``: being on ``PYTHONPATH`` is the request, so enable unless the variable says off."""
    env = os.environ if environ is None else environ
    if ENV in env and mode_of(env[ENV]) is None:
        return
    enable(mode_of(env.get(ENV)) or RAISE)


def enable(on_error: str = RAISE) -> None:
    """Install the plugins when ccxt is imported (now, if it already is). Idempotent; the first call's ``on_error`` holds."""
    if on_error not in (RAISE, WARN):
        raise ValueError(f"on_error must be {RAISE!r} or {WARN!r}, not {on_error!r}")
    with _lock:
        if _finder() is not None:
            return
        module = sys.modules.get(TARGET)
        if module is not None and not _initializing(module):
            _install(on_error)
            return
        sys.meta_path.insert(0, _WaitForCcxt(on_error))


def disable() -> None:
    """Stop waiting for ccxt (plugins already installed stay installed: ``ccxt_cancel.uninstall()`` undoes that)."""
    with _lock:
        finder = _finder()
        if finder is not None:
            sys.meta_path.remove(finder)


def waiting() -> bool:
    """True while a finder waits for ccxt in this process."""
    return _finder() is not None


def _finder() -> _WaitForCcxt | None:
    return next((f for f in sys.meta_path if isinstance(f, _WaitForCcxt)), None)


def _initializing(module: ModuleType) -> bool:
    spec = getattr(module, "__spec__", None)
    return bool(getattr(spec, "_initializing", False))


def _install(on_error: str) -> None:
    """``ccxt_cancel.install()``; a failure is reported on stderr, then raised (``raise``) or swallowed (``warn``)."""
    try:
        import ccxt_cancel

        ccxt_cancel.install()
    except Exception as exc:
        then = (
            "ccxt runs without them: cancels go to ccxt unchanged"
            if on_error == WARN
            else f"'import ccxt' fails so that nothing runs without them ({ENV}=warn runs on with plain ccxt)"
        )
        print(f"ccxt-cancel: the cancel plugins are NOT installed in this process (pid {os.getpid()}): {type(exc).__name__}: {exc}; {then}", file=sys.stderr)
        if on_error == RAISE:
            raise
        return
    import logging

    logging.getLogger("ccxt_cancel").info("ccxt_cancel installed at the import of ccxt (pid %d)", os.getpid())


# The finder and the loader follow importlib's protocols without subclassing importlib.abc: importing
# that module costs every Python start-up about 25 ms (it pulls in importlib.resources).
class _WaitForCcxt:
    """First on ``sys.meta_path``: finds nothing itself, but hands ccxt's own loader back wrapped in :class:`_ThenInstall`."""

    def __init__(self, on_error: str) -> None:
        self.on_error = on_error

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != TARGET:
            return None
        for finder in list(sys.meta_path):
            if finder is self or isinstance(finder, _WaitForCcxt):
                continue
            find = getattr(finder, "find_spec", None)
            if find is None:
                continue
            spec: importlib.machinery.ModuleSpec | None = find(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = cast("importlib.abc.Loader", _ThenInstall(spec.loader, self))
            return spec
        return None  # ccxt is not installed: the import fails as it would without us

    def ccxt_executed(self) -> None:
        with _lock:
            if self in sys.meta_path:
                sys.meta_path.remove(self)
        try:
            _install(self.on_error)
        except Exception:
            with _lock:
                if _finder() is None:
                    sys.meta_path.insert(0, self)  # a retried 'import ccxt' fails the same way
            raise


class _ThenInstall:
    """ccxt's loader, plus one step after ccxt's ``__init__`` ran. The module keeps ccxt's own loader."""

    def __init__(self, loader: Any, finder: _WaitForCcxt) -> None:
        self.loader = loader
        self.finder = finder

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        created: ModuleType | None = self.loader.create_module(spec)
        return created

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        self.finder.ccxt_executed()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


PTH_NAME = "ccxt_cancel_autoinstall.pth"


def _pth_files() -> list[str]:
    import site
    import sys

    folders = [*getattr(site, "getsitepackages", list)(), site.getusersitepackages(), *sys.path]
    found = []
    for folder in dict.fromkeys(folders):
        candidate = os.path.join(folder, PTH_NAME)
        if os.path.isfile(candidate):
            found.append(candidate)
    return found


def status(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Whether the cancel layer is active in this process, and how a Python started in this environment gets it.

    ``active``: ccxt's classes are patched now (``ccxt_cancel.install()``,
    the ``.pth`` file with the variable set, or ``ccxt-cancel run``).
    ``how``: the way found, or None. ``autoinstall_ready``: a new Python of
    this environment with ``CCXT_CANCEL_AUTOINSTALL=1`` gets the layer (the
    ``.pth`` file is installed; an editable install has none). ``fix``: the
    one command that makes it so when it is not.
    """
    from ccxt_cancel import patching

    env = os.environ if environ is None else environ
    pth = _pth_files()
    bootstrap = str(bootstrap_dir())
    via_run = bootstrap in env.get("PYTHONPATH", "").split(os.pathsep) and mode_of(env.get(ENV)) is not None
    variable = mode_of(env.get(ENV)) is not None
    active = patching.classes_installed()
    if via_run:
        how: str | None = "ccxt-cancel run (bootstrap on PYTHONPATH)"
    elif variable and pth:
        how = f"{ENV} with {pth[0]}"
    elif active:
        how = "ccxt_cancel.install()"
    else:
        how = None
    fix = None
    if not pth:
        # setuptools' editable wheels install no data files (pypa/setuptools#3399): no .pth file.
        fix = f"use 'ccxt-cancel run -- python bot.py', or set PYTHONPATH={bootstrap} with {ENV}=1"
    return {"active": active, "how": how, "variable": env.get(ENV), "pth_files": pth, "autoinstall_ready": bool(pth), "fix": fix}
