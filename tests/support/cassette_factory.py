"""Builds cassettes from official documentation examples, and cassettes/README.md from their provenance.

Nothing here can reach an exchange, so most cassettes are written from the
request and answer that an exchange's documentation shows. Each one says
which page it came from; ``cassettes/README.md`` is generated from that, so
the label cannot drift from the file. A live recording comes from
``ccxt-cancel verify --record`` with its own label file, and is listed in
``LIVE_RECORDINGS`` (read from those labels) instead.

Run ``python -m tests.build_docs`` from the repository root.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no stubs; vcrpy pulls it in

REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    418: "I'm a teapot",
    429: "Too Many Requests",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


@dataclass(frozen=True)
class Interaction:
    """One request (already scrubbed: no auth headers, no timestamp/signature) and its answer."""

    method: str
    uri: str
    status: int
    answer: Any  # JSON-able value, or a str sent as-is
    request_body: str | None = None
    content_type: str = "application/json"

    def as_vcr(self) -> dict[str, Any]:
        body = self.answer if isinstance(self.answer, str) else json.dumps(self.answer, separators=(",", ":"))
        return {
            "request": {"body": self.request_body, "headers": {}, "method": self.method, "uri": self.uri},
            "response": {
                "status": {"code": self.status, "message": REASONS.get(self.status, "")},
                "headers": {"Content-Type": [self.content_type]},
                "body": {"string": body},
            },
        }


@dataclass(frozen=True)
class Cassette:
    name: str  # path under cassettes/, e.g. "bitopro/margin_cancel_order.yaml"
    what: str  # one line: the case it covers
    source: str  # the documentation page the request and answer come from
    interactions: list[Interaction] = field(default_factory=list)
    note: str = ""  # what was adapted from the page, if anything

    def write(self, root: Path) -> Path:
        path = root / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"interactions": [i.as_vcr() for i in self.interactions], "version": 1}
        path.write_text(yaml.safe_dump(data, sort_keys=True, allow_unicode=True))
        return path


# (status, answer, what, source, note): one failed single cancel, as the product spec modules list them.
ErrorCase = tuple[int, Any, str, str, str]


def single_cancel_errors(prefix: str, product: str, page: str, uri: str, errors: Mapping[str, ErrorCase], note_suffix: str = "") -> list[Cassette]:
    """One cassette per failed single cancel: ``DELETE uri`` answered with each case's status and body."""
    return [
        Cassette(
            name=f"{prefix}{key}.yaml",
            what=f"cancel one {product} order: {what}",
            source=f"{page} (request); {source}",
            interactions=[Interaction("DELETE", uri, status, answer)],
            note=f"{note}; {note_suffix}" if note_suffix else note,
        )
        for key, (status, answer, what, source, note) in errors.items()
    ]
