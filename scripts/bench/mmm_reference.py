"""The marketing-mix "seed pipeline" in Python, timed against `folio-bench mmm`.

Same data: write them with
    swift run -c release folio-bench mmm --write-csv /tmp/mmm_sim.csv
then run
    python3 scripts/bench/mmm_reference.py /tmp/mmm_sim.csv [--budget 500]

Steps, as the seed does them (numpy + scipy + scikit-learn):
- a hand TwoPointsDE (nevergrad's algorithm: population 30, current-to-best
  F1 = F2 = 0.8, two-points crossover, bouncing bounds, round-robin parents)
  over (theta, alpha, gamma) per channel in [-5, 5], sigmoid-mapped; each
  evaluation adstocks, saturates, StandardScaler + sklearn Ridge(alpha=10);
  loss 1 - R2 + 10 * sum(min(coef, 0)^2);
- rolling CV (52/13/13); 100 iid bootstrap ridge refits; response curves;
  SLSQP budget plan (±30%, budget-neutral) on raw dollars, as the seed.
Prints per-step wall times and the search loss.
"""
import sys, time
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/mmm_sim.csv"
budget = int(sys.argv[sys.argv.index("--budget") + 1]) if "--budget" in sys.argv else 500
df = pd.read_csv(path)
channels = [c for c in df.columns if c.startswith("CH")]
controls = ["trend", "sin52", "cos52"]
spend = df[channels].to_numpy(float)
C = df[controls].to_numpy(float)
y = df["revenue"].to_numpy(float)
n, m = spend.shape
max_spend = spend.max(axis=0)

def adstock(x, theta):
    out = np.empty_like(x); carry = 0.0
    for t in range(len(x)):
        carry = x[t] + theta * carry; out[t] = carry
    return out

def hill(x, a, g):
    return x ** a / (x ** a + g ** a + 1e-300)

def decode(v):
    s = 1 / (1 + np.exp(-v.reshape(m, 3)))
    return 0.95 * s[:, 0], 0.5 + 2.5 * s[:, 1], max_spend * s[:, 2]

def design(theta, alpha, gamma):
    media = np.column_stack([hill(adstock(spend[:, c], theta[c]), alpha[c], gamma[c]) for c in range(m)])
    return np.column_stack([media, C])

def fit(X, yy, w=None):
    sc = StandardScaler().fit(X, sample_weight=w)
    r = Ridge(alpha=10.0).fit(sc.transform(X), yy, sample_weight=w)
    return sc, r

def loss(v):
    X = design(*decode(v))
    sc, r = fit(X, y)
    r2 = r.score(sc.transform(X), y)
    return 1 - r2 + 10 * np.sum(np.minimum(r.coef_[:m], 0) ** 2)

def two_points_de(f, dim, budget, seed=7, lam=30):
    rng = np.random.default_rng(seed)
    pop, losses = [], []
    best_x, best_l = None, np.inf
    cursor = 0
    for e in range(budget):
        if len(pop) < lam:
            x = rng.uniform(-5, 5, dim); l = f(x); pop.append(x); losses.append(l)
        else:
            p = cursor; cursor = (cursor + 1) % lam
            a, b = rng.integers(lam, size=2); bi = int(np.argmin(losses))
            donor = pop[p] + 0.8 * (pop[a] - pop[b]) + 0.8 * (pop[bi] - pop[p])
            i, j = sorted(rng.choice(dim + 1, size=2, replace=False))
            if i == 0 and j == dim:
                cut = rng.integers(1, dim)
                if rng.integers(2): i = cut
                else: j = cut
            if rng.integers(2): donor[i:j] = pop[p][i:j]
            else: donor[:i] = pop[p][:i]; donor[j:] = pop[p][j:]
            t = np.mod(donor + 5, 20); donor = np.where(t <= 10, -5 + t, 5 - (t - 10))
            l = f(donor)
            if l <= losses[p]: pop[p] = donor; losses[p] = l
            x = donor
        if l < best_l: best_l, best_x = l, x.copy()
    return best_x, best_l

times = {}
t0 = time.perf_counter()
v, best = two_points_de(loss, 3 * m, budget)
times["search"] = time.perf_counter() - t0
theta, alpha, gamma = decode(v)
X = design(theta, alpha, gamma)

t = time.perf_counter()
for start in range(0, n - 65 + 1, 13):
    tr, te = slice(start, start + 52), slice(start + 52, start + 65)
    sc, r = fit(X[tr], y[tr])
    pred = r.predict(sc.transform(X[te]))
times["cv"] = time.perf_counter() - t

t = time.perf_counter()
rng = np.random.default_rng(3)
rois = []
for b in range(100):
    idx = rng.integers(n, size=n)
    sc, r = fit(X[idx], y[idx])
    beta = r.coef_[:m] / sc.scale_[:m]
    rois.append(beta * X[:, :m].sum(axis=0) / spend.sum(axis=0))
times["bootstrap"] = time.perf_counter() - t

sc, r = fit(X, y)
beta = r.coef_[:m] / sc.scale_[:m]
mult = 1 / (1 - theta)
t = time.perf_counter()
for c in range(m):
    s = np.linspace(0, 3 * max_spend[c], 100)
    resp = beta[c] * hill(s * mult[c], alpha[c], gamma[c])
times["curves"] = time.perf_counter() - t

t = time.perf_counter()
cur = spend.mean(axis=0)
f = lambda s: -np.sum(beta * hill(s * mult, alpha, gamma))
res = minimize(f, cur, method="SLSQP", bounds=list(zip(0.7 * cur, 1.3 * cur)),
               constraints=[{"type": "eq", "fun": lambda s: s.sum() - cur.sum()}])
times["plan"] = time.perf_counter() - t
times["total"] = time.perf_counter() - t0
for k, v in times.items():
    print(f"  {k:10s} {v:8.3f} s")
print(f"  search loss {best:.5f}; SLSQP: {res.message} (lift {100 * (-res.fun / -f(cur) - 1):.2f}%)")
