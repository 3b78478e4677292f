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

from typing import Any

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
