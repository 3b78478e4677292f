"""The pluggy markers of the ``ccxt_cancel`` project.

Kept apart from everything else so that ``import ccxt_cancel`` costs no more
than importing pluggy: plugin modules import ``hookimpl`` at import time.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "ccxt_cancel"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
