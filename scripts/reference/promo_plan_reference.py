"""Independent reference solves of small discount-planning instances for
Tests/FolioModelsTests/PromoPlannerTests.swift.

Each instance gives the affine horizon response (sales and volume per SKU at
zero spend and their slopes per unit of total horizon spend of each promo
type), the current plan and the constraints. The objective is
ΔNR + λ_ρ·ρ with ΔNR = ΔSales − (S − S0), ρ = ΔSales/(S + ε).

Method (independent of Folio's grid + golden-section search):
- λ_ρ = 0: ΔNR is linear in D, so ONE linprog (HiGHS) over all constraints
  gives the exact optimum.
- spend_range [a, b]: each line's spend bounded to [a·current, b·current].
- λ_ρ > 0: linprog with ΣD = S on a dense grid of 4001 S values over
  [S_min, S_max], then scipy's bounded Brent refinement around the best.

Run: python3 scripts/reference/promo_plan_reference.py
Writes Tests/FolioModelsTests/Fixtures/promo_plan_reference.json.
"""
import json
import os

import numpy as np
from scipy.optimize import linprog, minimize_scalar

SKUS = ["A-VB", "A-PC", "B-VC", "B-PB"]
HIER = [["A", "Value", "Bottle"], ["A", "Premium", "Can"], ["B", "Value", "Can"], ["B", "Premium", "Bottle"]]
K = 2
SALES_SLOPE = [2.1, 0.7, 1.6, 1.35, 2.6, 1.2, 0.9, 1.8]
VOLUME_SLOPE = [0.9, 0.3, 0.5, 0.45, 1.1, 0.5, 0.25, 0.6]
BASE_SALES = [10000.0, 8000.0, 12000.0, 6000.0]
BASE_VOLUME = [5000.0, 2500.0, 6500.0, 1800.0]
CURRENT = [400.0, 300.0, 250.0, 200.0, 500.0, 100.0, 150.0, 350.0]


def build(cons):
    n = len(SKUS) * K
    A_ub, b_ub = [], []
    def group_row(level, name):
        return [1.0 if HIER[i // K][level] == name else 0.0 for i in range(n)]
    for g, cap in cons["brand_caps"]:
        A_ub.append(group_row(0, g)); b_ub.append(cap)
    for g, lim in cons["pack_limits"]:
        A_ub.append(group_row(2, g)); b_ub.append(lim)
    for g, lo, hi in cons["segment_bounds"]:
        r = group_row(1, g)
        A_ub.append(r); b_ub.append(hi)
        A_ub.append([-x for x in r]); b_ub.append(-lo)
    dv = cons["volume_change"]
    for s in range(len(SKUS)):
        r = [VOLUME_SLOPE[i] if i // K == s else 0.0 for i in range(n)]
        v0 = BASE_VOLUME[s] + sum(VOLUME_SLOPE[s * K + k] * CURRENT[s * K + k] for k in range(K))
        A_ub.append(r); b_ub.append(v0 * (1 + dv) - BASE_VOLUME[s])
        A_ub.append([-x for x in r]); b_ub.append(-(v0 * (1 - dv) - BASE_VOLUME[s]))
    return np.array(A_ub), np.array(b_ub)


def objective(D, cons):
    S, S0 = sum(D), sum(CURRENT)
    dsales = sum(g * (d - c) for g, d, c in zip(SALES_SLOPE, D, CURRENT))
    return dsales - (S - S0) + cons["lambda_rho"] * dsales / (S + cons["epsilon"])


def solve(cons):
    n = len(SKUS) * K
    A, b = build(cons)
    rng = cons.get("spend_range")
    bounds = [(rng[0] * c, rng[1] * c) for c in CURRENT] if rng else [(0, None)] * n
    opts = dict(method="highs", options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    lo = linprog(np.ones(n), A_ub=A, b_ub=b, bounds=bounds, **opts)
    if lo.status == 2:
        return None
    if cons["lambda_rho"] == 0:
        res = linprog(-(np.array(SALES_SLOPE) - 1), A_ub=A, b_ub=b, bounds=bounds, **opts)
        return list(res.x)
    hi = linprog(-np.ones(n), A_ub=A, b_ub=b, bounds=bounds, **opts)
    smin, smax = lo.fun, -hi.fun

    def at(S):
        r = linprog(-np.array(SALES_SLOPE), A_ub=A, b_ub=b, A_eq=np.ones((1, n)), b_eq=[S],
                    bounds=bounds, **opts)
        return r.x
    grid = np.linspace(smin, smax, 4001)
    vals = [objective(at(S), cons) for S in grid]
    i = int(np.argmax(vals))
    a, c = grid[max(0, i - 1)], grid[min(len(grid) - 1, i + 1)]
    r = minimize_scalar(lambda S: -objective(at(S), cons), bounds=(a, c), method="bounded",
                        options={"xatol": 1e-9 * max(1, smax)})
    best = r.x if -r.fun >= vals[i] else grid[i]
    return list(at(best))


INSTANCES = [
    {"name": "net_revenue_only", "brand_caps": [["A", 2000.0], ["B", 1800.0]], "pack_limits": [["Can", 1500.0]],
     "segment_bounds": [["Premium", 600.0, 1600.0]], "volume_change": 0.2, "lambda_rho": 0.0, "epsilon": 1.0},
    {"name": "with_rho_weight", "brand_caps": [["A", 2000.0], ["B", 1800.0]], "pack_limits": [["Can", 1500.0]],
     "segment_bounds": [["Premium", 600.0, 1600.0]], "volume_change": 0.2, "lambda_rho": 20000.0, "epsilon": 1.0},
    {"name": "tight_volume", "brand_caps": [["A", 5000.0], ["B", 5000.0]], "pack_limits": [],
     "segment_bounds": [["Value", 0.0, 3000.0]], "volume_change": 0.05, "lambda_rho": 500.0, "epsilon": 10.0},
    {"name": "spend_range_bounds", "brand_caps": [["A", 2000.0], ["B", 1800.0]], "pack_limits": [["Can", 1500.0]],
     "segment_bounds": [["Premium", 600.0, 1600.0]], "volume_change": 0.2, "lambda_rho": 2000.0, "epsilon": 1.0,
     "spend_range": [0.5, 2.5]},
    {"name": "infeasible_segment_floor", "brand_caps": [["A", 300.0], ["B", 300.0]], "pack_limits": [],
     "segment_bounds": [["Premium", 900.0, 2000.0]], "volume_change": 0.2, "lambda_rho": 0.0, "epsilon": 1.0},
]

out = {"skus": SKUS, "hierarchy": HIER, "hierarchy_names": ["BRAND", "PRICE_SEGMENT", "PACK_TYPE"],
       "promo_types": K, "sales_slope": SALES_SLOPE, "volume_slope": VOLUME_SLOPE, "base_sales": BASE_SALES,
       "base_volume": BASE_VOLUME, "current_spend": CURRENT, "instances": []}
for inst in INSTANCES:
    D = solve(inst)
    rec = dict(inst)
    rec["feasible"] = D is not None
    if D is not None:
        rec["spend"] = D
        rec["objective"] = objective(D, inst)
    out["instances"].append(rec)
    print(inst["name"], rec.get("objective"), [round(x, 3) for x in (D or [])])

path = os.path.join(os.path.dirname(__file__), "../../Tests/FolioModelsTests/Fixtures/promo_plan_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
