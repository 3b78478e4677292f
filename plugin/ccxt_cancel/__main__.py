"""``python -m ccxt_cancel``: the same command as ``ccxt-cancel`` (cancel by hand, ``doctor``, ``run``), for an environment without the console script on PATH."""

from ccxt_cancel.cli import main

main()
