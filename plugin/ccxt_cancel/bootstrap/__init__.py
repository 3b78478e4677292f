"""Start-up files for zero-code adoption; this folder itself goes first on ``PYTHONPATH``.

``ccxt-cancel run`` puts this folder (not its parent) first on the child's
``PYTHONPATH``, so Python's ``site`` imports ``sitecustomize.py`` from here at
start-up. ``ccxt_cancel_autoinstall.pth`` is the file a regular
``pip install`` copies into site-packages (see ``setup.cfg``), for
``CCXT_CANCEL_AUTOINSTALL=1`` without any wrapper. Both hand over to
``ccxt_cancel.autoinstall``. Nothing here is imported as
``ccxt_cancel.bootstrap.*`` at run time.
"""
