"""Built-in room ``bitget``: classic v2 spot and futures cancels (plugin.py claims, markets.py / ids.py / answers.py / errors.py / limits.py / sources.py)."""
