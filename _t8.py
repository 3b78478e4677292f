import time, statistics
from tests.benchmarks.bench import warm
from ccxt_cancel.builtins import bitopro
from ccxt_cancel import patching, plugins, hookspecs
p = warm("bitopro", True)
hook = hookspecs.HOOKS["cancel_order"]
impls = plugins.routes(hook, "bitopro")
bind = patching._binder("cancel_order", patching.original_method(type(p), "cancel_order"))
call = bind(("9543130812", "BTC/USDT", {"margin": True}), {}); call["exchange"] = p
F = {
 "routes": lambda: plugins.routes(hook, "bitopro"),
 "bind": lambda: bind(("9543130812", "BTC/USDT", {"margin": True}), {}),
 "claim": lambda: plugins.claim(hook, "bitopro", dict(call), impls),
 "dictcopy": lambda: dict(call),
 "hook": lambda: bitopro.ccxt_cancel_order(p, "9543130812", "BTC/USDT", {"margin": True}),
 "plan_for": lambda: patching.plan_for(p, "cancel_order", ("9543130812", "BTC/USDT", {"margin": True}), {}),
 "is_margin": lambda: bitopro.is_margin_call(p, {"margin": True}),
 "wire_params": lambda: bitopro.wire_params("bitopro", "cancelOrder", {"margin": True}, reserved=("pair", "orderId")),
 "resolve": lambda: bitopro.resolve_market(p, "cancelOrder", "BTC/USDT"),
 "cost_for": lambda: bitopro.cost_for(p, bitopro.INTERVAL_MS_CANCEL_ONE),
 "_plan": lambda: bitopro._plan(p, bitopro.Request("a", ("private",), "DELETE", {}, 1.0), len),
}
res = {k: [] for k in F}
for fn in F.values():
    for _ in range(200): fn()
for r in range(101):
    for k, fn in F.items():
        s = time.process_time_ns()
        for _ in range(200): fn()
        res[k].append((time.process_time_ns() - s) / 200 / 1000)
for k, v in res.items(): print(f"{k:12s} {statistics.median(v):6.2f}")
