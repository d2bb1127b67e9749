"""Times glum and statsmodels on the GLM benchmark data of `folio-bench glm`
(1M rows, x1..x5 + C(sku) 500 levels + C(store) 50 levels), for the numbers
reported beside Folio's.

    swift run -c release folio-bench glm --write-csv /tmp/glm_bench.csv
    python3 scripts/bench/glm_reference.py /tmp/glm_bench.csv

glum gets sku/store as pandas categoricals (its tabmat CategoricalMatrix,
sparse; no regularisation, alpha=0). statsmodels needs dense dummies: at 1M
rows that is 1M x 554 doubles (4.4 GB) per copy and runs out of memory, so it
is timed on the first 100,000 rows and the fact is printed. Each timing is the
median of 3 fits; peak RSS is the process's ru_maxrss.
"""
import resource, statistics, sys, time
import numpy as np, pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/glm_bench.csv"
df = pd.read_csv(path, dtype={"sku": "category", "store": "category"})
X_num = ["x1", "x2", "x3", "x4", "x5"]

def median_time(fn, runs=3):
    ts, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter(); out = fn(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts), out

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

try:
    import glum
    X = df[X_num + ["sku", "store"]]
    for fam, y in [("normal", "y_gauss"), ("poisson", "y_pois")]:
        def fit():
            m = glum.GeneralizedLinearRegressor(family=fam, alpha=0, drop_first=True, fit_intercept=True,
                                                gradient_tol=1e-10)
            return m.fit(X, df[y])
        t, m = median_time(fit)
        print(f"glum {glum.__version__} {fam}: median {t:.3f} s, x1 = {m.coef_[0]:.6f}, peak RSS {rss_mb():.0f} MB")
except ImportError:
    print("glum not installed")

import statsmodels, statsmodels.api as sm
n_sm = 100_000
sub = df.iloc[:n_sm]
dummies = pd.get_dummies(sub[["sku", "store"]], drop_first=True, dtype=float)
exog = sm.add_constant(pd.concat([sub[X_num], dummies], axis=1).to_numpy())
print(f"statsmodels {statsmodels.__version__}: dense dummies at 1,000,000 rows would need "
      f"{1_000_000 * exog.shape[1] * 8 / 1e9:.1f} GB per copy; timing {n_sm:,} rows instead")
for name, fam, y in [("gaussian", sm.families.Gaussian(), "y_gauss"), ("poisson", sm.families.Poisson(), "y_pois")]:
    t, r = median_time(lambda: sm.GLM(sub[y].to_numpy(), exog, family=fam).fit())
    print(f"statsmodels {name} ({n_sm:,} rows, p = {exog.shape[1]}): median {t:.3f} s, x1 = {r.params[1]:.6f}, "
          f"peak RSS {rss_mb():.0f} MB")
