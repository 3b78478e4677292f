"""The gap registry: what each plugin fixes in ccxt, as data, with a probe that checks the installed ccxt.

A :class:`Gap` is one documented rule that ccxt breaks (or one thing it
cannot do), the source that states the rule, what ccxt does and what the
plugin does instead. Plugins declare theirs through the
``ccxt_cancel_gaps`` hook. Each gap's ``probe`` runs ccxt's own, unpatched
method against a stub transport (see ``probe.py``: no network, no
credentials) and returns True while the gap is present, so that a ccxt
release that fixes one is noticed: ``ccxt-cancel doctor`` reports it, and
the tests run every probe on the ccxt that CI installs.

This module is also the one home of each gap's wording: the README's table
of gaps is :func:`markdown_table` of the registry (a test fails when the two
differ; ``python -m tests.build_docs`` rewrites it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

PRESENT = "present"
FIXED = "fixed in this ccxt"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Gap:
    """One documented rule that ccxt breaks, and how a plugin fills it."""

    id: str  # stable, dotted: "binance.coinm.order-id-precedence"
    exchange: str  # ccxt exchange id(s) it concerns: "binancecoinm, binance"
    product: str  # "COIN-M futures", "margin", ...
    rule: str  # a short quote of the documented rule
    source: str  # the URL of the page that states it
    ccxt_does: str  # one line
    plugin_does: str  # one line
    probe: Callable[[], bool]  # True while the installed ccxt still has the gap


@dataclass(frozen=True)
class Finding:
    """A gap, the plugin that fills it, and what its probe said about the installed ccxt."""

    gap: Gap
    plugin: str
    status: str  # PRESENT, FIXED or UNKNOWN
    detail: str = ""  # why the probe could not tell, when UNKNOWN


def registered(pm: Any) -> list[tuple[str, Gap]]:
    """(plugin name, gap) for every gap every registered plugin declares, in registration order."""
    found: list[tuple[str, Gap]] = []
    for impl in pm.hook.ccxt_cancel_gaps.get_hookimpls():
        found.extend((impl.plugin_name, gap) for gap in impl.function())
    return found


def check(plugin: str, gap: Gap) -> Finding:
    """Run the gap's probe. A probe that raises cannot tell: UNKNOWN, with the reason."""
    try:
        present = gap.probe()
    except Exception as exc:  # noqa: BLE001 - a probe is a diagnosis; its failure is reported, not raised
        return Finding(gap, plugin, UNKNOWN, f"{type(exc).__name__}: {exc}")
    return Finding(gap, plugin, PRESENT if present else FIXED)


def findings(pm: Any) -> list[Finding]:
    return [check(plugin, gap) for plugin, gap in registered(pm)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(entries: Iterable[tuple[str, Gap]]) -> str:
    """The README's table of gaps."""
    lines = [
        "| gap | exchange (product) | the documented rule | what ccxt does | what the plugin does | plugin |",
        "|---|---|---|---|---|---|",
    ]
    for plugin, gap in entries:
        rule = f'"{_cell(gap.rule)}" ([source]({gap.source}))'
        lines.append(f"| `{gap.id}` | {_cell(gap.exchange)} ({_cell(gap.product)}) | {rule} | {_cell(gap.ccxt_does)} | {_cell(gap.plugin_does)} | `{plugin}` |")
    return "\n".join(lines) + "\n"
