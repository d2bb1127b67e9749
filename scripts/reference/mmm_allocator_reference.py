"""Reference optima for Tests/FolioModelsTests/MMMBudgetAllocatorTests.swift.

Each case: channels with steady-state responses f_c(s) = beta_c * Hill(m_c s)
(Hill(x) = x^a / (x^a + g^a)), current weekly spend, a box
[(1-maxChange) cur, (1+maxChange) cur] ∩ [floor, cap] and a total
sum(cur) * (1 + budgetChange). The optimum of sum f_c is found independently
of the Swift method:
- 2-3 channels: brute force on a fine grid over the free channels (the last
  channel takes the remainder), then SLSQP polish from the best grid point;
- more channels: SLSQP on budget shares from 300 random feasible starts.
Writes Tests/FolioModelsTests/Fixtures/mmm_allocator.json.
Run: python3 scripts/reference/mmm_allocator_reference.py
"""
import json, pathlib
import numpy as np
from scipy.optimize import minimize

def hill(x, a, g):
    x = np.maximum(x, 0.0)
    return np.where(x > 0, 1.0 / (1.0 + (g / np.where(x > 0, x, 1.0)) ** a), 0.0)

def total_response(S, c):
    return sum(c["beta"][k] * hill(c["multiplier"][k] * S[..., k], c["alpha"][k], c["gamma"][k]) for k in range(len(c["beta"])))

def bounds(c):
    cur = np.array(c["current"]); mc = c["maxChange"]
    lo = np.maximum((1 - mc) * cur, c.get("floors") or 0.0)
    hi = np.minimum((1 + mc) * cur, c.get("caps") or np.inf)
    return lo, hi, cur.sum() * (1 + c["budgetChange"])

def polish(x0, c, lo, hi, T):
    cons = [{"type": "eq", "fun": lambda s: (s.sum() - T) / T}]
    scale = hi.max()
    r = minimize(lambda u: -total_response(u * scale, c) / 1e4, x0 / scale, method="SLSQP",
                 bounds=list(zip(lo / scale, hi / scale)), constraints=[{"type": "eq", "fun": lambda u: (u.sum() * scale - T) / T}],
                 options={"ftol": 1e-15, "maxiter": 1000})
    s = np.clip(r.x * scale, lo, hi)
    return s

def solve(c):
    lo, hi, T = bounds(c)
    k = len(lo)
    best = None
    if k <= 3:
        grids = [np.linspace(lo[i], hi[i], 4001 if k == 2 else 1501) for i in range(k - 1)]
        mesh = np.meshgrid(*grids, indexing="ij")
        free = np.stack([g.ravel() for g in mesh], axis=-1)
        last = T - free.sum(axis=1)
        ok = (last >= lo[-1] - 1e-9) & (last <= hi[-1] + 1e-9)
        S = np.concatenate([free[ok], np.clip(last[ok], lo[-1], hi[-1])[:, None]], axis=1)
        v = total_response(S, c)
        starts = [S[np.argmax(v)]]
    else:
        rng = np.random.default_rng(7)
        starts = []
        for _ in range(300):
            w = rng.dirichlet(np.ones(k))
            s = lo + w * (T - lo.sum())
            s = np.minimum(s, hi)
            starts.append(s)
    for x0 in starts:
        s = polish(np.array(x0), c, lo, hi, T)
        if abs(s.sum() - T) > 1e-6 * T:
            continue
        v = float(total_response(s, c))
        if best is None or v > best[1]:
            best = (s, v)
    if k <= 3:  # the grid point itself may beat a polish that moved off a kink
        v0 = float(total_response(np.array(starts[0]), c))
        if v0 > best[1]:
            best = (np.array(starts[0]), v0)
    return best

def equal_marginal_from_current(c):
    """What a local solver started at `current` returns on the symmetric S case: the stationary point itself."""
    return c["current"]

cases = [
    {"name": "concave_two", "beta": [50000, 80000], "multiplier": [1.5, 2.0], "alpha": [0.8, 1.0],
     "gamma": [20000, 40000], "current": [10000, 15000], "maxChange": 0.3, "budgetChange": 0.0, "unique": True},
    {"name": "s_shaped_symmetric", "beta": [100000, 100000], "multiplier": [1.0, 1.0], "alpha": [3.0, 3.0],
     "gamma": [20000, 20000], "current": [10000, 10000], "maxChange": 0.3, "budgetChange": 0.0, "unique": False},
    {"name": "s_shaped_three", "beta": [90000, 60000, 120000], "multiplier": [1.4, 1.1, 2.0], "alpha": [2.5, 1.5, 2.8],
     "gamma": [30000, 15000, 40000], "current": [12000, 9000, 14000], "maxChange": 0.3, "budgetChange": 0.0, "unique": True},
    {"name": "three_budget_up_with_floor_cap", "beta": [70000, 50000, 110000], "multiplier": [1.2, 1.6, 1.3],
     "alpha": [1.2, 2.2, 0.9], "gamma": [18000, 12000, 30000], "current": [10000, 8000, 16000], "maxChange": 0.4,
     "budgetChange": 0.1, "floors": [9500, 0, 0], "caps": [1e18, 1e18, 17000], "unique": True},
    {"name": "six_mixed", "beta": [60000, 90000, 40000, 150000, 80000, 30000], "multiplier": [1.3, 1.8, 1.1, 2.5, 1.4, 1.05],
     "alpha": [1.8, 2.4, 0.7, 2.9, 1.2, 2.0], "gamma": [25000, 30000, 8000, 60000, 20000, 6000],
     "current": [14000, 11000, 6000, 20000, 12000, 4000], "maxChange": 0.3, "budgetChange": 0.0, "unique": True},
]
for c in cases:
    s, v = solve(c)
    c["optimum"] = s.tolist()
    c["optimumValue"] = v
    c["currentValue"] = float(total_response(np.array(c["current"], dtype=float), c))
    print(c["name"], np.round(s, 2), v, "lift %", 100 * (v / c["currentValue"] - 1))
out = pathlib.Path(__file__).resolve().parents[2] / "Tests/FolioModelsTests/Fixtures/mmm_allocator.json"
out.write_text(json.dumps({"source": "grid + SLSQP (2-3 channels), SLSQP multistart (6)", "cases": cases}, indent=1))
print("wrote", out)
