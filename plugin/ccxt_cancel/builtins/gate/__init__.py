"""Built-in room ``gate``: API v4 spot and USDT / BTC perpetual cancels (plugin.py claims, markets.py / ids.py / answers.py / errors.py / limits.py / gaps.py / sources.py)."""
