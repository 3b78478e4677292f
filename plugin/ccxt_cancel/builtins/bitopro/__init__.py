"""BitoPro margin: the built-in plugin ``bitopro_margin`` (:mod:`.plugin`) and its parts, one job each.

* :mod:`.markets`  the pair a call is about (lowercase in paths, uppercase in bodies), without a request
* :mod:`.ids`      order ids (BitoPro's cancel has no client-id form)
* :mod:`.limits`   the documented rate limits, as ccxt costs
* :mod:`.errors`   BitoPro's status table as ccxt classes
* :mod:`.answers`  cancel answers as unified orders, under the batch rule
* :mod:`.gaps`     what ccxt gets wrong, with probes
"""
