"""OKX v5: the ``okx`` built-in plugin (``plugin.py``) and its helpers.

``markets.py`` derives instIds from symbols, ``answers.py`` maps the
``sCode`` of cancel answers to ccxt errors and matches items to ids
(through ``batch.match``; ``plugin.py`` reads the answers into orders), ``gaps.py`` declares the
gaps with their probes, ``sources.py`` says where each rule was read.
"""
