"""Errors of ccxt_cancel itself. Each names the plugin at fault.

``PluginError`` happens during a cancel, so it is a ccxt error
(``ccxt.ExchangeError``): a bot's existing ``except ccxt.BaseError`` keeps
catching it. ``PluginLoadError`` and ``IncompatibleCcxt`` happen at start-up
(``install()``, ``plugin_manager()``), where they are not an exchange's
answer at all: they are plain ``Exception``s, so a bot's ``except
ccxt.ExchangeError`` around its start-up cannot swallow them.
"""

from __future__ import annotations

from ccxt.base.errors import BaseError, ExchangeError, RequestTimeout


class PluginError(ExchangeError):  # type: ignore[misc]  # ccxt ships no type information
    """A plugin failed during a call: it raised a non-ccxt exception, or broke the hook contract."""

    def __init__(self, plugin_name: str, message: str) -> None:
        self.plugin_name = plugin_name
        super().__init__(f"ccxt_cancel plugin {plugin_name!r} {message}")


class IncompatibleCcxt(Exception):
    """The installed ccxt changed an internal the core relies on (see ``ccxt_cancel.selfcheck``); nothing was patched."""

    def __init__(self, ccxt_version: str, problems: list[str]) -> None:
        self.ccxt_version = ccxt_version
        self.problems = problems
        listed = "; ".join(problems)
        super().__init__(f"ccxt {ccxt_version} changed what ccxt_cancel relies on, so it installed nothing (cancels go to ccxt unchanged): {listed}")


class PluginLoadError(Exception):
    """A plugin could not be loaded or registered: it failed to import, or it declares a hook the core cannot honour."""

    def __init__(self, plugin_name: str, message: str) -> None:
        self.plugin_name = plugin_name
        super().__init__(f"ccxt_cancel plugin {plugin_name!r} {message}")


UNKNOWN_OUTCOME = "unknown"
"""The value of ``error.ccxt_cancel_outcome`` on an error whose cancel may or may not have taken effect."""


def unknown_outcome(kind: type[BaseError], message: str) -> BaseError:
    """A ccxt error of class ``kind`` (the one ccxt gives the same answer) marked as an unknown outcome.

    One mark for every room, so that the batch rule, the CLI and the
    resolution of unknown outcomes recognise it without reading messages:
    ``error.ccxt_cancel_outcome == UNKNOWN_OUTCOME``. The message must say
    in words that the order may or may not have been canceled.
    """
    error = kind(message)
    error.ccxt_cancel_outcome = UNKNOWN_OUTCOME
    return error


NOT_SENT = "not sent"
"""``error.ccxt_cancel_outcome`` of an error after which no cancel was sent (``order["error"]["outcome"]`` in a batch)."""


def not_sent(error: BaseError) -> BaseError:
    """``error``, marked: no cancel was sent (a read-only question before the cancel failed, a batch stopped early).

    It outweighs the class: a ``RequestTimeout`` on an account-mode question
    is not an unknown outcome of the cancel, which never left.
    """
    error.ccxt_cancel_outcome = NOT_SENT
    return error


def is_unknown_outcome(error: BaseException) -> bool:
    """True for an error marked by :func:`unknown_outcome`, and for ccxt's ``RequestTimeout`` (sent, never answered)
    unless marked :func:`not_sent`."""
    mark = getattr(error, "ccxt_cancel_outcome", None)
    return mark == UNKNOWN_OUTCOME or (isinstance(error, RequestTimeout) and mark != NOT_SENT)
