"""``ccxt-cancel doctor``: what is installed, what is loaded, and which gaps the installed ccxt still has.

The convention of ``llm plugins``, ``datasette plugins`` and ``pytest
--trace-config``: one command a user can paste into a bug report. It reports

* the versions of ccxt_cancel, ccxt, pluggy and Python;
* the start-up self-check of the ccxt internals the core relies on;
* every plugin: its name, version, where it came from (built-in, or the
  distribution behind its entry point) and whether it is blocked;
* every registered gap: whether the installed ccxt still has it (its probe),
  and which plugin fills it.

It uses no network and no credentials (the probes run ccxt against a stub
transport). :func:`report` builds the data; the CLI prints it or its JSON.
A plugin that fails to load is reported by name, and the rest is still
reported from the built-ins alone.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
from collections.abc import Mapping
from typing import Any

from ccxt_cancel import autoinstall, gaps, plugins, selfcheck
from ccxt_cancel.builtins import BUILTIN_PLUGINS
from ccxt_cancel.errors import PluginLoadError


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _entry_points() -> dict[str, str]:
    """entry-point name -> "distribution version" for the ``ccxt_cancel`` group."""
    found: dict[str, str] = {}
    for ep in importlib.metadata.entry_points(group=plugins.ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        found[ep.name] = f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"
    return found


def report(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything ``doctor`` prints, as JSON-able data. ``report["load_error"]`` names a plugin that failed to load."""
    import ccxt
    import pluggy

    env = os.environ if environ is None else environ
    load_error: str | None = None
    failed: str | None = None
    try:
        pm = plugins.build_manager(env)
    except PluginLoadError as exc:
        load_error, failed = str(exc), exc.plugin_name
        pm = plugins.build_manager({**env, plugins.DISABLE_AUTOLOAD_ENV: "1"})
    blocked = set(plugins.blocked_names(env))
    entry_points = _entry_points()
    own_version = _version("ccxt-cancel")
    listed: list[dict[str, Any]] = []
    for name in BUILTIN_PLUGINS:
        listed.append({"name": name, "version": own_version, "origin": "built-in", "blocked": name in blocked})
    distributions = {pm.get_name(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    autoload = not env.get(plugins.DISABLE_AUTOLOAD_ENV)
    for name, origin in sorted(entry_points.items()):
        dist = distributions.get(name)
        listed.append(
            {
                "name": name,
                "version": dist.version if dist is not None else origin.rpartition(" ")[2],
                "origin": f"entry point ({origin})",
                "blocked": name in blocked,
                "loaded": pm.has_plugin(name),
                **({} if autoload else {"note": "not loaded: " + plugins.DISABLE_AUTOLOAD_ENV + " is set"}),
                **(
                    {"failed": f"FAILED to load; skip it with {plugins.BLOCK_ENV}={name}"}
                    if name == failed
                    else {"note": "not loaded: another plugin failed to load"}
                    if failed and autoload
                    else {}
                ),
            }
        )
    for name in sorted(blocked - set(BUILTIN_PLUGINS) - set(entry_points)):
        listed.append({"name": name, "version": None, "origin": "blocked by name; no such plugin is installed", "blocked": True})
    for entry in listed:
        plugin = pm.get_plugin(entry["name"])
        if plugin is not None:
            declared = plugins.exchanges_of(plugin)
            # None: asked about every cancel on every exchange (docs/writing-a-plugin.md says what that costs).
            entry["exchanges"] = None if declared is None else sorted(declared)
    problems = selfcheck.problems()
    return {
        "versions": {"ccxt_cancel": own_version, "ccxt": ccxt.__version__, "pluggy": pluggy.__version__, "python": platform.python_version()},
        "ccxt_internals": {"ok": not problems, "problems": [str(p) for p in problems]},
        "plugins": listed,
        "gaps": [
            {
                "id": f.gap.id,
                "exchange": f.gap.exchange,
                "product": f.gap.product,
                "status": f.status,
                "filled_by": f.plugin,
                **({"detail": f.detail} if f.detail else {}),
            }
            for f in gaps.findings(pm)
        ],
        "load_error": load_error,
        "layer": autoinstall.status(env),
    }


def text(data: Mapping[str, Any]) -> str:
    """The report for a terminal."""
    v = data["versions"]
    lines = [f"ccxt-cancel {v['ccxt_cancel']}, ccxt {v['ccxt']}, pluggy {v['pluggy']}, Python {v['python']}", ""]
    internals = data["ccxt_internals"]
    lines.append("ccxt internals the core relies on: " + ("ok" if internals["ok"] else "CHANGED"))
    lines.extend(f"  {problem}" for problem in internals["problems"])
    layer = data["layer"]
    lines += ["", "cancel layer in this process: " + (f"active ({layer['how']})" if layer["active"] else "not active")]
    ready = (
        "yes (" + ", ".join(layer["pth_files"]) + ")" if layer["autoinstall_ready"] else "no: no .pth file in this environment (an editable install has none)"
    )
    lines.append(f"  CCXT_CANCEL_AUTOINSTALL={layer['variable'] or ''} works for a new Python here: {ready}")
    if layer["fix"]:
        lines.append(f"  to protect a bot here: {layer['fix']}")
    lines += ["", "plugins:"]
    for plugin in data["plugins"]:
        flags = " BLOCKED" if plugin["blocked"] else ""
        if plugin.get("failed"):
            flags += f" {plugin['failed']}"
        elif plugin.get("note"):
            flags += f" ({plugin['note']})"
        if "exchanges" in plugin and plugin["exchanges"] is None:
            flags += f" [declares no {plugins.EXCHANGES_ATTR}: asked about every cancel on every exchange]"
        lines.append(f"  {plugin['name']:<24} {plugin['version'] or '-':<10} {plugin['origin']}{flags}")
    lines += ["", "gaps (does the installed ccxt still have it? which plugin fills it):"]
    for gap in data["gaps"]:
        detail = f" ({gap['detail']})" if gap.get("detail") else ""
        lines.append(f"  {gap['id']:<44} {gap['status']:<20} {gap['filled_by']}{detail}")
    if data["load_error"]:
        lines += ["", f"ERROR: {data['load_error']}"]
    return "\n".join(lines)
