"""Reference values for FolioStats' distributions (scipy), written to
Tests/FolioStatsTests/Fixtures/glm_distributions.json.

Run from the repository root: python3 scripts/reference/glm_distributions.py
Each case: distribution name, parameters, x (for cdf/sf) and p (for quantile/isf).
"""
import json, scipy, numpy as np
from scipy import stats

cases = []
def add(name, params, dist, xs, ps):
    for x in xs:
        cases.append({"dist": name, "params": params, "kind": "cdf", "x": x, "value": float(dist.cdf(x))})
        cases.append({"dist": name, "params": params, "kind": "sf", "x": x, "value": float(dist.sf(x))})
    for p in ps:
        cases.append({"dist": name, "params": params, "kind": "quantile", "x": p, "value": float(dist.ppf(p))})
        cases.append({"dist": name, "params": params, "kind": "isf", "x": p, "value": float(dist.isf(p))})

ps = [1e-12, 1e-6, 0.025, 0.3, 0.5, 0.8, 0.975, 1 - 1e-9]
add("normal", [], stats.norm(), [-38.0, -8.5, -1.96, -0.3, 0.0, 0.7, 1.96, 6.0, 9.0], ps)
for df in [1.0, 2.5, 7.0, 30.0, 1000.0]:
    add("t", [df], stats.t(df), [-40.0, -3.0, -1.2, 0.0, 0.4, 2.1, 12.0], ps)
for df in [0.5, 1.0, 3.0, 12.0, 200.0]:
    add("chi2", [df], stats.chi2(df), [1e-8, 0.2, 1.0, 3.84, 10.0, 80.0, 400.0], ps)
for d1, d2 in [(1.0, 1.0), (3.0, 17.0), (10.0, 2.5), (40.0, 120.0)]:
    add("f", [d1, d2], stats.f(d1, d2), [1e-6, 0.3, 1.0, 2.7, 9.0, 150.0], ps)
for k, th in [(0.3, 1.0), (1.0, 2.0), (4.5, 0.5), (80.0, 3.0)]:
    add("gamma", [k, th], stats.gamma(k, scale=th), [1e-9, 0.01, 0.7, 2.0, 9.0, 300.0], ps)

out = {"scipy": scipy.__version__, "cases": cases}
with open("Tests/FolioStatsTests/Fixtures/glm_distributions.json", "w") as f:
    json.dump(out, f, indent=0)
print(len(cases), "cases")
