"""OKX v5: the ``okx`` built-in plugin (``trade.py``) and its helpers.

``instruments.py`` derives instIds from symbols, ``answers.py`` maps the
``sCode`` of cancel answers to ccxt errors and matches items to ids
(through ``batch.match``; ``trade.py`` reads the answers into orders), ``gaps.py`` declares the
gaps with their probes, ``sources.py`` says where each rule was read.
"""
