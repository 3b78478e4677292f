"""How cassettes are matched and scrubbed: one definition for the tests and for ``ccxt-cancel --replay``.

A replayed request must match its recording on method, scheme, host, port,
path, query and body: that is what proves the plugin sends what the
documentation says. Headers are not matched; the ones that carry a key, a
signature, a signed payload or a passphrase are filtered out before a
cassette is written (``AUTH_HEADERS``, for every exchange a built-in
serves), and so are the ``timestamp`` and ``signature`` query parameters,
which vcrpy filters before matching too, so a request signed at another
time still matches. ``--replay`` needs vcrpy (the ``replay`` extra); the
tests get it from the ``test`` extra.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ccxt_cancel import scrub

# Every header that carries a key, a signature, a signed payload or a passphrase, for every exchange a built-in serves.
AUTH_HEADERS = (
    "X-BITOPRO-APIKEY", "X-BITOPRO-PAYLOAD", "X-BITOPRO-SIGNATURE",  # BitoPro
    "X-MBX-APIKEY",  # Binance
    "X-BAPI-API-KEY", "X-BAPI-SIGN", "X-BAPI-TIMESTAMP", "X-BAPI-RECV-WINDOW",  # Bybit v5
    "OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-PASSPHRASE",  # OKX v5
    "ACCESS-KEY", "ACCESS-SIGN", "ACCESS-TIMESTAMP", "ACCESS-PASSPHRASE",  # Bitget v2
    "KEY", "SIGN", "Timestamp",  # Gate v4
    "KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE", "KC-API-KEY-VERSION",  # KuCoin
)  # fmt: skip
# Filtered before matching too, so a replay matches a request signed at another time.
VOLATILE_QUERY = ("timestamp", "signature")
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body")


def vcr_options() -> dict[str, Any]:
    """vcrpy options shared by replay and recording (no ``record_mode``: the caller decides)."""
    return {
        "filter_headers": list(AUTH_HEADERS),
        "filter_query_parameters": list(VOLATILE_QUERY),
        "decode_compressed_response": True,
        "match_on": list(MATCH_ON),
    }


def scrubbers(secrets: Sequence[str]) -> dict[str, Callable[[Any], Any]]:
    """vcrpy's before-record hooks: every credential value in request and answer bodies becomes ``scrub.PLACEHOLDER``."""

    def clean(value: Any) -> Any:
        if isinstance(value, bytes):
            return scrub.text(value.decode("utf-8", "replace"), secrets).encode()
        return scrub.text(value, secrets) if isinstance(value, str) else value

    def request(request: Any) -> Any:
        request.body = clean(request.body)
        return request

    def response(response: dict[str, Any]) -> dict[str, Any]:
        body = response.get("body") or {}
        if "string" in body:
            body["string"] = clean(body["string"])
        return response

    return {"before_record_request": request, "before_record_response": response}


# A signed form body (Binance's New Order: "...&timestamp=...&signature=<hex>"): the parts vcrpy's query filter cannot reach.
SIGNED_FORM = re.compile(r"&?\b(?:timestamp|signature)=[^&]*")


def record_options(secrets: Sequence[str]) -> dict[str, Any]:
    """vcrpy options for writing (and replaying) a recorded run: :func:`vcr_options`, the credentials scrubbed,
    and ``timestamp``/``signature`` taken out of form bodies too, so the file holds no signature and replays at any time.
    """
    hooks = scrubbers(secrets)

    def request(request: Any) -> Any:
        request = hooks["before_record_request"](request)
        if request.method in ("POST", "PUT") and "form-urlencoded" in str(request.headers.get("Content-Type", "")):
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            if isinstance(body, str):
                request.body = SIGNED_FORM.sub("", body).lstrip("&").encode()
        return request

    return {**vcr_options(), "before_record_request": request, "before_record_response": hooks["before_record_response"]}
