"""Every file under cassettes/ is free of credentials, payloads and signatures, and every cassette is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ccxt_cancel import replay
from tests.build_docs import LIVE_RECORDINGS, collect, readme
from tests.support.helpers import CASSETTES, secret_values

FILES = sorted(p for p in CASSETTES.rglob("*") if p.is_file())
YAMLS = [p for p in FILES if p.suffix in (".yaml", ".yml")]

HEX_SIGNATURE = re.compile(r"\b[0-9a-f]{64}\b|\b[0-9a-f]{96}\b")  # HMAC-SHA256 / HMAC-SHA384 hex digests


def test_there_are_cassettes() -> None:
    assert YAMLS, "no cassettes found: the scan below would prove nothing"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CASSETTES)))
def test_no_secret_payload_or_signature_in_file(path: Path) -> None:
    text = path.read_text(errors="replace")
    for value in secret_values():
        assert value not in text, f"{path}: contains a credential"
    assert not HEX_SIGNATURE.search(text), f"{path}: contains what looks like a signature"
    for name in replay.VOLATILE_QUERY:
        assert not re.search(rf"[?&]{name}=", text), f"{path}: unfiltered query parameter {name}"


@pytest.mark.parametrize("path", YAMLS, ids=lambda p: str(p.relative_to(CASSETTES)))
def test_no_auth_header_in_cassette(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    for interaction in data["interactions"]:
        headers = {name.lower() for name in interaction["request"].get("headers", {})}
        assert not headers & {h.lower() for h in replay.AUTH_HEADERS}, f"{path}: auth header kept"
        body = interaction["request"].get("body") or ""
        assert "X-BITOPRO-PAYLOAD" not in str(body)


def test_every_cassette_has_provenance_and_the_readme_is_current() -> None:
    specs = {c.name for c in collect()}
    on_disk = {str(p.relative_to(CASSETTES)) for p in YAMLS}
    assert on_disk == specs | (set(LIVE_RECORDINGS) & on_disk), "a cassette without a spec (and so without provenance), or a spec never built"
    assert (CASSETTES / "README.md").read_text() == readme(collect()), "cassettes/README.md is stale: run python -m tests.build_docs"


def test_scan_catches_a_planted_secret(tmp_path: Path) -> None:
    """The scan is only worth something if it fails on a leak."""
    leaked = f"uri: https://api.binance.com/x?timestamp=1&signature={'a' * 64}\nkey: {secret_values()[0]}\n"
    assert HEX_SIGNATURE.search(leaked)
    assert any(value in leaked for value in secret_values())
