"""The gap registry: every built-in's gaps are declared as data, probed on the installed ccxt, and the README's table is generated from them."""

from __future__ import annotations

import pluggy
import pytest

import ccxt_cancel
from ccxt_cancel import gaps, plugins
from tests.build_docs import GAPS_END, GAPS_START, gap_table, gaps_by_room, page_with_gaps, readme_with_gaps
from tests.support.helpers import ROOT

REGISTERED = gaps.registered(plugins.build_manager(environ={plugins.DISABLE_AUTOLOAD_ENV: "1"}))


def test_every_builtin_declares_gaps_with_unique_ids() -> None:
    names = {plugin for plugin, _ in REGISTERED}
    assert names == set(plugins.BUILTIN_PLUGINS)
    ids = [gap.id for _, gap in REGISTERED]
    assert len(ids) == len(set(ids))
    for _, gap in REGISTERED:
        assert gap.source.startswith("https://") and gap.rule and gap.ccxt_does and gap.plugin_does


@pytest.mark.parametrize(("plugin", "gap"), REGISTERED, ids=[gap.id for _, gap in REGISTERED])
def test_every_probe_runs_on_the_installed_ccxt_and_finds_its_gap(plugin: str, gap: gaps.Gap) -> None:
    # CI installs the ccxt range this project declares; every gap is still open there. When a ccxt
    # release fixes one, this fails and says which, so the plugin can step aside for it.
    finding = gaps.check(plugin, gap)
    assert finding.status == gaps.PRESENT, f"{gap.id}: {finding.status} {finding.detail}"


def test_probes_call_ccxts_own_method_even_when_installed() -> None:
    ccxt_cancel.install()
    try:
        assert all(gaps.check(plugin, gap).status == gaps.PRESENT for plugin, gap in REGISTERED)
    finally:
        ccxt_cancel.uninstall()


def test_a_probe_that_cannot_tell_is_unknown_not_an_error() -> None:
    def broken() -> bool:
        raise KeyError("ccxt changed")

    gap = gaps.Gap("x.y", "x", "spot", "rule", "https://example.invalid", "does", "fills", broken)
    finding = gaps.check("p", gap)
    assert finding.status == gaps.UNKNOWN and "KeyError" in finding.detail


def test_the_readme_table_is_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text()
    assert GAPS_START in readme and GAPS_END in readme
    assert readme_with_gaps(readme) == readme, "README.md's gap summary is stale: run python -m tests.build_docs"
    for _, gap in REGISTERED:
        assert f"`{gap.id}`" in gap_table()


@pytest.mark.parametrize("room", sorted(gaps_by_room()))
def test_every_exchange_page_holds_its_rooms_generated_gap_table(room: str) -> None:
    page = ROOT / "docs" / "exchanges" / f"{room}.md"
    text = page.read_text()
    assert page_with_gaps(text, room) == text, f"{page.name}'s gap table is stale: run python -m tests.build_docs"
    for _, gap in gaps_by_room()[room]:
        assert f"`{gap.id}`" in text


def test_third_party_gaps_are_collected_with_their_plugin(plugin_manager: pluggy.PluginManager) -> None:
    class Mine:
        @ccxt_cancel.hookimpl
        def ccxt_cancel_gaps(self) -> list[gaps.Gap]:
            return [gaps.Gap("kraken.userref", "kraken", "spot", "rule", "https://example.invalid", "does", "fills", lambda: True)]

    plugin_manager.register(Mine(), name="mine")
    try:
        assert ("mine", "kraken.userref") in [(plugin, gap.id) for plugin, gap in gaps.registered(plugin_manager)]
    finally:
        plugin_manager.unregister(name="mine")
