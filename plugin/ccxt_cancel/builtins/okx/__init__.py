"""OKX v5: the ``okx`` built-in plugin (``trade.py``) and its helpers.

``instruments.py`` derives instIds from symbols, ``answers.py`` reads
cancel answers (``sCode``) and maps their errors, ``gaps.py`` declares the
gaps with their probes, ``sources.py`` says where each rule was read.
"""
