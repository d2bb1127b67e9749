"""The promo-inventory method (notebooks/promo-inventory.md) in pandas +
statsmodels, and a polars load, for the side-by-side figures of
`folio-bench promo-scale` (issue 16, point 2).

    python3 scripts/data/make_promo_inventory.py --skus 1000 --stores 100 --weeks 52 --out /tmp/promo-5m.csv
    farm-bench -n 3 -- python3 scripts/bench/promo_scale_pandas.py method /tmp/promo-5m.csv
    farm-bench -n 3 -- python3 scripts/bench/promo_scale_pandas.py polars-load /tmp/csv-5000000-v1.csv
    farm-bench -n 3 -- python3 scripts/bench/promo_scale_pandas.py pandas-load /tmp/csv-5000000-v1.csv

`method` reproduces the notebook's blocks in order: load (SKU and store as
text), MULTIPLIER = 1 in regular weeks, promo-week counts by type, the
baseline (mean BOH and count of regular weeks per SKU × store), the left
join of promo weeks onto it, the pairs without a baseline, the derived
columns, the three gaussian GLMs (`simple`, `full`, and `fixed_effects` with
SKU-clustered errors), the attribution and per-week shares (median, mean,
count), cost by SKU and the totals. It prints the figures the report shows
so they can be compared with Folio's results.json.

`simple` and `full` are statsmodels GLMs (gaussian, identity link) on dense
exog. `fixed_effects` has 1,000 SKU and 100 store dummies: statsmodels needs
them dense (603k rows × 1,102 columns = 5.3 GB per copy, and its pinv-based
fit takes minutes), so it is fitted by the same normal equations with a
scipy.sparse design, and its clustered covariance is statsmodels' formula
(`cov_type="cluster"`, default `use_correction=True`): (XᵀX)⁻¹ M (XᵀX)⁻¹ ·
G/(G−1) · (N−1)/(N−K), M = Σ_g s_g s_gᵀ, s_g = Σ_{i∈g} x_i e_i. The `check`
mode fits it with statsmodels itself on a SKU subsample to confirm the
formula (same params and bse to ~1e-10).

`polars-load` / `pandas-load` read a CSV and touch every column (the
one-block load notebook's work). Timing is from outside (farm-bench, whole
process); the script prints its own phase times on stderr for profiling.
"""
import sys
import time

T0 = time.perf_counter()


def phase(name):
    print(f"  {time.perf_counter() - T0:7.3f} s  {name}", file=sys.stderr)


def polars_load(path):
    import polars as pl
    df = pl.read_csv(path)
    print(df.shape, df.dtypes)


def pandas_load(path):
    import pandas as pd
    df = pd.read_csv(path)
    print(df.shape, list(df.dtypes))


def fixed_effects_fit(promo):
    """BOH_INCREASE ~ boost + ML_FORECAST + C(SKU_NBR) + C(STORE_NBR), SKU-clustered."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    n = len(promo)
    sku = pd.Categorical(promo["SKU_NBR"])  # levels sorted, as patsy's C()
    store = pd.Categorical(promo["STORE_NBR"])
    rows = np.arange(n)
    # Treatment coding: intercept, then levels 2.. of each factor, then the numeric terms
    # (patsy puts categorical terms first only in term order; names are matched by label below).
    parts = [sp.csr_matrix(np.ones((n, 1)))]
    names = ["Intercept"]
    for fac, label in ((sku, "SKU_NBR"), (store, "STORE_NBR")):
        k = len(fac.categories)
        codes = fac.codes
        keep = codes > 0
        m = sp.csr_matrix((np.ones(keep.sum()), (rows[keep], codes[keep] - 1)), shape=(n, k - 1))
        parts.append(m)
        names += [f"C({label})[T.{c}]" for c in fac.categories[1:]]
    x_num = promo[["boost", "ML_FORECAST"]].to_numpy()
    parts.append(sp.csr_matrix(x_num))
    names += ["boost", "ML_FORECAST"]
    X = sp.hstack(parts, format="csr")
    y = promo["BOH_INCREASE"].to_numpy()
    xtx = (X.T @ X).toarray()
    xty = X.T @ y
    beta = np.linalg.solve(xtx, xty)
    resid = y - X @ beta
    k = X.shape[1]
    inv = np.linalg.inv(xtx)
    groups = sku.codes
    g = len(sku.categories)
    indicator = sp.csr_matrix((np.ones(n), (groups, rows)), shape=(g, n))
    scores = indicator @ X.multiply(resid[:, None]).tocsr()
    scores = scores.toarray()
    meat = scores.T @ scores
    cov = inv @ meat @ inv * (g / (g - 1)) * ((n - 1) / (n - k))
    bse = np.sqrt(np.diag(cov))
    return dict(zip(names, beta)), dict(zip(names, bse))


def method(path, regular="REG"):
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    raw = pd.read_csv(path, dtype={"SKU_NBR": str, "STORE_NBR": str})
    phase("read_csv")
    raw["MULTIPLIER"] = np.where(raw["PROMO_WEEK"] == regular, 1.0, raw["MULTIPLIER"])
    is_reg = raw["PROMO_WEEK"] == regular
    promo_types = raw[~is_reg].groupby("PROMO_WEEK").size().sort_values(ascending=False)
    baseline = (
        raw[is_reg].groupby(["SKU_NBR", "STORE_NBR"], sort=True)
        .agg(BASELINE_BOH=("BOH", "mean"), REG_WEEKS=("BOH", "size")).reset_index())
    promo_weeks = raw[~is_reg].merge(baseline, on=["SKU_NBR", "STORE_NBR"], how="left")
    no_base = promo_weeks[promo_weeks["BASELINE_BOH"].isna()]
    no_baseline = no_base.groupby(["SKU_NBR", "STORE_NBR"]).size()
    promo = promo_weeks[promo_weeks["BASELINE_BOH"].notna()].copy()
    promo["BOH_INCREASE"] = promo["BOH"] - promo["BASELINE_BOH"]
    promo["boost"] = promo["ML_FORECAST"] * (promo["MULTIPLIER"] - 1)
    promo["COST_INCREASE"] = promo["SKU_COST"] * promo["BOH_INCREASE"]
    phase("baseline, join, derive")

    y = promo["BOH_INCREASE"].to_numpy()
    simple = sm.GLM(y, sm.add_constant(promo[["boost"]]), family=sm.families.Gaussian()).fit()
    full = sm.GLM(
        y, sm.add_constant(promo[["boost", "YEARLY_SALES", "ML_FORECAST", "SKU_COST"]]),
        family=sm.families.Gaussian()).fit()
    phase("simple, full GLMs")
    fe_params, fe_bse = fixed_effects_fit(promo)
    phase("fixed-effects GLM")

    b = full.params["boost"]
    attribution = promo.assign(ATTRIBUTED_UNITS=b * promo["boost"], ATTRIBUTED_COST=b * promo["boost"] * promo["SKU_COST"])
    weekly = attribution[attribution["BOH_INCREASE"].abs() >= 5]
    share = weekly["ATTRIBUTED_UNITS"] / weekly["BOH_INCREASE"]
    cost_by_sku = (
        attribution.groupby("SKU_NBR")
        .agg(ATTRIBUTED_COST=("ATTRIBUTED_COST", "sum"), COST_INCREASE=("COST_INCREASE", "sum"),
             PROMO_WEEKS=("BOH", "size"))
        .assign(SHARE_OF_INCREASE=lambda d: d.ATTRIBUTED_COST / d.COST_INCREASE)
        .sort_values("ATTRIBUTED_COST", ascending=False))
    total_attr = attribution["ATTRIBUTED_COST"].sum()
    total_incr = attribution["COST_INCREASE"].sum()
    phase("attribution, shares, cost by SKU")

    print(f"rows {len(raw)}, promo weeks {len(promo)}, pairs without baseline {len(no_baseline)}")
    print("promo types", dict(promo_types))
    print(f"simple boost {simple.params['boost']:.12g}  r2 n/a")
    print(f"full boost {full.params['boost']:.12g}  bse {full.bse['boost']:.12g}")
    print(f"fixed_effects boost {fe_params['boost']:.12g}  cluster bse {fe_bse['boost']:.12g}")
    print(f"share median {share.median():.12g} mean {share.mean():.12g} weeks {len(share)}")
    print(f"cost total attributed {total_attr:.12g} increase {total_incr:.12g} share {total_attr / total_incr:.12g}")
    print(f"top SKU {cost_by_sku.index[0]} {cost_by_sku.iloc[0]['ATTRIBUTED_COST']:.12g}")


def check(path):
    """statsmodels' own clustered fit on a SKU subsample against fixed_effects_fit."""
    import numpy as np
    import pandas as pd
    import statsmodels.formula.api as smf
    import statsmodels.api as sm

    raw = pd.read_csv(path, dtype={"SKU_NBR": str, "STORE_NBR": str}, nrows=400_000)
    raw["MULTIPLIER"] = np.where(raw["PROMO_WEEK"] == "REG", 1.0, raw["MULTIPLIER"])
    reg = raw[raw["PROMO_WEEK"] == "REG"].groupby(["SKU_NBR", "STORE_NBR"])["BOH"].mean().rename("BASELINE_BOH")
    promo = raw[raw["PROMO_WEEK"] != "REG"].join(reg, on=["SKU_NBR", "STORE_NBR"]).dropna(subset=["BASELINE_BOH"])
    promo = promo.assign(BOH_INCREASE=promo.BOH - promo.BASELINE_BOH, boost=promo.ML_FORECAST * (promo.MULTIPLIER - 1))
    promo = promo.reset_index(drop=True)
    ref = smf.glm("BOH_INCREASE ~ boost + ML_FORECAST + C(SKU_NBR) + C(STORE_NBR)", promo,
                  family=sm.families.Gaussian()).fit(cov_type="cluster", cov_kwds={"groups": pd.Categorical(promo.SKU_NBR).codes})
    params, bse = fixed_effects_fit(promo)
    for name in ("boost", "ML_FORECAST"):
        print(f"{name}: statsmodels {ref.params[name]:.15g} ± {ref.bse[name]:.15g}; sparse {params[name]:.15g} ± {bse[name]:.15g}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("method", "polars-load", "pandas-load", "check"):
        sys.exit(__doc__)
    {"method": method, "polars-load": polars_load, "pandas-load": pandas_load, "check": check}[sys.argv[1]](sys.argv[2])
    phase("done")
