"""``ccxt-cancel run -- COMMAND [ARGS...]``: start any program with the plugins installed in its Python processes.

The ``ddtrace-run`` / ``opentelemetry-instrument`` pattern, for a bot whose
code should not change (freqtrade, OctoBot, a script): COMMAND runs with

* ``ccxt_cancel/bootstrap`` first on ``PYTHONPATH`` (an existing
  ``PYTHONPATH`` is kept behind it), whose ``sitecustomize`` installs the
  plugins when the program imports ccxt (see ``autoinstall.py``);
* ``CCXT_CANCEL_AUTOINSTALL=1`` (or ``warn`` with ``--on-error warn``), so
  the choice reaches every Python process COMMAND starts in turn.

On POSIX the launcher *replaces itself* with COMMAND (``exec``, as
``ddtrace-run`` does): same PID, so a process manager's signals reach the
bot; the same stdin, stdout and stderr; and COMMAND's exit status is the
exit status. Elsewhere it waits for COMMAND and returns its exit code.
A COMMAND that cannot be found exits 127, one that cannot be run 126 (the
shell's codes). ``--print-path`` prints the bootstrap folder, for
``PYTHONPATH=$(ccxt-cancel run --print-path)`` where no wrapper fits.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, TextIO

from ccxt_cancel import autoinstall

EXIT_NOT_FOUND, EXIT_CANNOT_RUN, EXIT_USAGE = 127, 126, 2
TAKES_VALUE = ("--on-error",)  # options whose value is the next word
USAGE = "ccxt-cancel run [--on-error {raise,warn}] [--print-path] -- COMMAND [ARGS...]"


class _Parser(argparse.ArgumentParser):
    def __init__(self, out: TextIO, err: TextIO) -> None:
        super().__init__(
            prog="ccxt-cancel run",
            usage=USAGE,
            description="Start COMMAND with the ccxt_cancel plugins installed in its Python processes as soon as they import ccxt, "
            "without changing its code. Its PID, stdin, stdout, stderr and exit status stay COMMAND's.",
        )
        self.out, self.err = out, err
        self.add_argument(
            "--on-error",
            choices=(autoinstall.RAISE, autoinstall.WARN),
            help="when the plugins cannot be installed (a plugin fails to load, ccxt changed): 'raise' makes 'import ccxt' fail "
            "(default), 'warn' runs on with plain ccxt; both say why on stderr",
        )
        self.add_argument("--print-path", action="store_true", help="print the folder to put first on PYTHONPATH, and exit")

    def error(self, message: str) -> NoReturn:
        self.print_usage(self.err)
        print(f"{self.prog}: error: {message}", file=self.err)
        raise SystemExit(EXIT_USAGE)

    def print_help(self, file: Any = None) -> None:
        super().print_help(file or self.out)


def split(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(options, command): the command starts after ``--``, or at the first word that is not an option."""
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return words[:index], words[index + 1 :]
        if not word.startswith("-"):
            return words[:index], words[index:]
        index += 2 if word in TAKES_VALUE else 1
    return words, []


def child_environment(environ: Mapping[str, str], on_error: str | None = None) -> dict[str, str]:
    """``environ`` with the bootstrap folder first on PYTHONPATH (the rest kept as it was) and the autoinstall variable set."""
    env = dict(environ)
    first = str(autoinstall.bootstrap_dir())
    existing = env.get("PYTHONPATH", "")
    if existing.split(os.pathsep)[0] != first:
        env["PYTHONPATH"] = first + (os.pathsep + existing if existing else "")
    if on_error is not None:
        env[autoinstall.ENV] = "1" if on_error == autoinstall.RAISE else autoinstall.WARN
    elif autoinstall.mode_of(env.get(autoinstall.ENV)) is None:
        env[autoinstall.ENV] = "1"
    return env


def _exec(command: list[str], env: dict[str, str]) -> int:
    if os.name == "posix":
        os.execvpe(command[0], command, env)  # returns only by raising
    return subprocess.call(command, env=env)


def run(argv: Sequence[str], environ: Mapping[str, str], out: TextIO, err: TextIO, execute: Callable[[list[str], dict[str, str]], int] = _exec) -> int:
    parser = _Parser(out, err)
    options, command = split(argv)
    try:
        args = parser.parse_args(options)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.print_path:
        print(autoinstall.bootstrap_dir(), file=out)
        return 0
    if not command:
        parser.error("give the COMMAND to run, e.g. ccxt-cancel run -- python bot.py")
    env = child_environment(environ, args.on_error)
    for stream in (out, err, sys.stdout, sys.stderr):
        stream.flush()
    try:
        return execute(command, env)
    except FileNotFoundError:
        print(f"ccxt-cancel run: command not found: {command[0]}", file=err)
        return EXIT_NOT_FOUND
    except PermissionError as exc:
        print(f"ccxt-cancel run: cannot run {command[0]}: {exc.strerror or exc}", file=err)
        return EXIT_CANNOT_RUN
