"""statsmodels reference fits for Folio's GLM, written to
Tests/FolioModelsTests/Fixtures/glm_data.json (the simulated data, one array
per column) and Tests/FolioModelsTests/Fixtures/glm_fits.json (one entry per
case: the specification and statsmodels' results).

Run from the repository root: python3 scripts/reference/glm_fixtures.py
Pinned: statsmodels 0.15.0 (the installed version; the script records it).
Every fit uses fit(tol=1e-14, maxiter=1000) so the reference sits at the
optimum, not at statsmodels' default 1e-8 stopping point.
"""
import json, warnings
import numpy as np, pandas as pd, statsmodels, statsmodels.api as sm, statsmodels.formula.api as smf
from statsmodels.genmod import families as F
from statsmodels.genmod.families import links as L

warnings.simplefilter("ignore")
rng = np.random.RandomState(20240611)
n = 240
u1, u2 = rng.uniform(0, 1, n), rng.uniform(0, 1, n)
g = np.array(["A", "B", "C", "D"])[rng.randint(0, 4, n)]
geff = pd.Series(g).map({"A": 0.0, "B": 0.25, "C": -0.2, "D": 0.1}).to_numpy()
cl = rng.randint(1, 16, n)                      # 15 clusters, integer ids
vw = rng.uniform(0.5, 2.0, n)                   # variance weights
fw = rng.randint(1, 4, n).astype(float)         # frequency weights 1..3
off = rng.uniform(-0.2, 0.2, n)
expo = rng.uniform(0.5, 2.0, n)
trials = rng.randint(1, 12, n).astype(float)
xna = rng.normal(0, 1, n); xna[[3, 17, 40, 41, 199]] = np.nan

eta = 0.4 * u1 - 0.3 * u2 + geff
y_gauss = 1 + 2 * eta + rng.normal(0, 0.5, n)
y_gpos = 3 + 2 * eta + rng.normal(0, 0.3, n)             # positive: log/power links
mu_pois = np.exp(1.2 + eta)
y_pois = rng.poisson(mu_pois).astype(float)
y_pois_expo = rng.poisson(mu_pois * expo * np.exp(off)).astype(float)
mu_gam = np.exp(0.5 + eta)
y_gamma = rng.gamma(3.0, mu_gam / 3.0)
p_bin = 1 / (1 + np.exp(-(-0.2 + 3 * eta)))
y_bin = rng.binomial(1, p_bin).astype(float)
p_low = 0.15 + 0.3 * u1 * (1 + 0.2 * u2)                  # < 1 for log/identity links
y_binlow = rng.binomial(1, p_low).astype(float)
succ = rng.binomial(trials.astype(int), p_bin).astype(float)
mu_ig = np.exp(0.3 + eta)
y_ig = rng.wald(mu_ig, 8.0)
alpha = 0.5
y_nb = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu_pois)).astype(float)
def tweedie(mu, p, phi):
    lam = mu ** (2 - p) / (phi * (2 - p)); shape = (2 - p) / (p - 1); scale = phi * (p - 1) * mu ** (p - 1)
    N = rng.poisson(lam)
    return np.array([rng.gamma(shape * k, s) if k > 0 else 0.0 for k, s in zip(N, scale)])
y_tw = tweedie(mu_pois, 1.5, 1.0)

df = pd.DataFrame(dict(u1=u1, u2=u2, g=g, cl=cl, vw=vw, fw=fw, off=off, expo=expo, trials=trials, xna=xna,
    y_gauss=y_gauss, y_gpos=y_gpos, y_pois=y_pois, y_pois_expo=y_pois_expo, y_gamma=y_gamma, y_bin=y_bin,
    y_binlow=y_binlow, succ=succ, y_ig=y_ig, y_nb=y_nb, y_tw=y_tw))

LINKS = {"identity": L.Identity, "log": L.Log, "logit": L.Logit, "probit": L.Probit, "cloglog": L.CLogLog,
         "inverse_power": L.InversePower, "inverse_squared": L.InverseSquared, "sqrt": L.Sqrt}
def family(name, link, alpha=1.0, var_power=1.5):
    lk = LINKS[link]()
    return {"gaussian": lambda: F.Gaussian(lk), "poisson": lambda: F.Poisson(lk), "gamma": lambda: F.Gamma(lk),
            "binomial": lambda: F.Binomial(lk), "inverse_gaussian": lambda: F.InverseGaussian(lk),
            "negative_binomial": lambda: F.NegativeBinomial(lk, alpha=alpha),
            "tweedie": lambda: F.Tweedie(lk, var_power=var_power)}[name]()

BASE = " ~ u1 + u2 + C(g)"
cases = []
def case(name, fam, link, response, formula_rhs=BASE, **kw):
    cases.append(dict(name=name, family=fam, link=link, formula=response + formula_rhs, **kw))

for lk in ["identity", "log", "inverse_power"]:
    case(f"gaussian_{lk}", "gaussian", lk, "y_gauss" if lk == "identity" else "y_gpos")
for lk in ["log", "identity", "sqrt"]:
    case(f"poisson_{lk}", "poisson", lk, "y_pois")
for lk in ["inverse_power", "log", "identity"]:
    case(f"gamma_{lk}", "gamma", lk, "y_gamma")
for lk in ["logit", "probit", "cloglog"]:
    case(f"binomial_{lk}", "binomial", lk, "y_bin")
for lk in ["log", "identity"]:
    case(f"binomial_{lk}", "binomial", lk, "y_binlow", formula_rhs=" ~ u1 + u2")
for lk in ["inverse_squared", "inverse_power", "identity", "log"]:
    case(f"inverse_gaussian_{lk}", "inverse_gaussian", lk, "y_ig")
for lk in ["log", "identity", "sqrt"]:
    case(f"negative_binomial_{lk}", "negative_binomial", lk, "y_nb", alpha=alpha)
for lk in ["log", "identity", "sqrt"]:
    case(f"tweedie_{lk}", "tweedie", lk, "y_tw", var_power=1.5)
case("tweedie_log_p2_5", "tweedie", "log", "y_gamma", var_power=2.5)
# Weights, offset, exposure, trials.
case("gaussian_identity_var_weights", "gaussian", "identity", "y_gauss", weights="vw")
case("gaussian_identity_freq_weights", "gaussian", "identity", "y_gauss", freq_weights="fw")
case("gaussian_log_both_weights", "gaussian", "log", "y_gpos", weights="vw", freq_weights="fw")
case("poisson_log_exposure", "poisson", "log", "y_pois_expo", exposure="expo")
case("poisson_log_offset_exposure_freq", "poisson", "log", "y_pois_expo", offset="off", exposure="expo", freq_weights="fw")
case("gamma_log_var_weights", "gamma", "log", "y_gamma", weights="vw")
case("gamma_inverse_power_freq_weights", "gamma", "inverse_power", "y_gamma", freq_weights="fw")
case("inverse_gaussian_log_var_weights", "inverse_gaussian", "log", "y_ig", weights="vw")
case("negative_binomial_log_offset", "negative_binomial", "log", "y_nb", offset="off", alpha=alpha)
case("tweedie_log_var_weights", "tweedie", "log", "y_tw", weights="vw", var_power=1.5)
case("binomial_logit_trials", "binomial", "logit", "succ", trials="trials")
case("binomial_probit_trials_var_weights", "binomial", "probit", "succ", trials="trials", weights="vw")
case("binomial_cloglog_freq_weights", "binomial", "cloglog", "y_bin", freq_weights="fw")
# Formulas: interactions, no intercept, missing values.
case("gaussian_identity_interactions", "gaussian", "identity", "y_gauss", formula_rhs=" ~ u1 * u2 + C(g) + u1:C(g)")
case("gaussian_identity_no_intercept", "gaussian", "identity", "y_gauss", formula_rhs=" ~ C(g) + u1 - 1")
case("poisson_log_numeric_by_category", "poisson", "log", "y_pois", formula_rhs=" ~ u2 + u1:C(g)")
case("gaussian_identity_missing_dropped", "gaussian", "identity", "y_gauss", formula_rhs=" ~ u1 + xna + C(g)")
# Robust covariances.
for ct in ["HC0", "HC1", "HC2", "HC3"]:
    case(f"poisson_log_{ct}", "poisson", "log", "y_pois", cov_type=ct)
    case(f"gamma_log_{ct}", "gamma", "log", "y_gamma", cov_type=ct)
case("gaussian_identity_HC0", "gaussian", "identity", "y_gauss", cov_type="HC0")
case("binomial_logit_HC0_freq", "binomial", "logit", "y_bin", cov_type="HC0", freq_weights="fw")
case("gaussian_identity_cluster", "gaussian", "identity", "y_gauss", cov_type="cluster", cluster="cl")
case("poisson_log_cluster", "poisson", "log", "y_pois", cov_type="cluster", cluster="cl")
case("binomial_logit_cluster_var_weights", "binomial", "logit", "y_bin", cov_type="cluster", cluster="cl", weights="vw")
case("gamma_log_cluster", "gamma", "log", "y_gamma", cov_type="cluster", cluster="cl")

def fl(a): return [None if (isinstance(v, float) and not np.isfinite(v)) else float(v) for v in np.ravel(a)]
def num(v): v = float(v); return v if np.isfinite(v) else None

out = []
for c in cases:
    fam = family(c["family"], c["link"], c.get("alpha", 1.0), c.get("var_power", 1.5))
    m0 = smf.glm(c["formula"], df)                      # design + missing='drop'
    rows = np.asarray(m0.data.row_labels, dtype=int)
    exog, names = m0.exog, m0.exog_names
    y = df[c["formula"].split("~")[0].strip()].to_numpy()[rows]
    kw = {}
    if "weights" in c: kw["var_weights"] = df[c["weights"]].to_numpy()[rows]
    if "freq_weights" in c: kw["freq_weights"] = df[c["freq_weights"]].to_numpy()[rows]
    if "offset" in c: kw["offset"] = df[c["offset"]].to_numpy()[rows]
    if "exposure" in c: kw["exposure"] = df[c["exposure"]].to_numpy()[rows]
    endog = y
    if "trials" in c:
        t = df[c["trials"]].to_numpy()[rows]
        endog = np.column_stack([y, t - y])
    model = sm.GLM(endog, exog, family=fam, **kw)
    fkw = dict(tol=1e-14, maxiter=1000)
    ct = c.get("cov_type", "nonrobust")
    if ct == "cluster":
        fkw["cov_type"] = "cluster"; fkw["cov_kwds"] = {"groups": df[c["cluster"]].to_numpy()[rows]}
    elif ct != "nonrobust":
        fkw["cov_type"] = ct
    r = model.fit(**fkw)
    ci = r.conf_int(alpha=0.10)
    rec = dict(c, cov_type=ct, exog_names=list(names), nobs=int(r.nobs), params=fl(r.params), bse=fl(r.bse),
        tvalues=fl(r.tvalues), pvalues=fl(r.pvalues), conf_int_90_lower=fl(ci[:, 0]), conf_int_90_upper=fl(ci[:, 1]),
        deviance=num(r.deviance), pearson_chi2=num(r.pearson_chi2), llf=num(r.llf), llnull=num(r.llnull),
        aic=num(r.aic), bic=num(r.bic_llf), scale=num(r.scale), df_model=num(r.df_model), df_resid=num(r.df_resid),
        pseudo_rsquared=num(r.pseudo_rsquared(kind="cs")),
        fitted_head=fl(r.fittedvalues[:5]), resid_pearson_head=fl(r.resid_pearson[:5]),
        resid_deviance_head=fl(r.resid_deviance[:5]), resid_response_head=fl(r.resid_response[:5]))
    if c["family"] == "gaussian":
        w = kw.get("var_weights", 1.0) * kw.get("freq_weights", 1.0) * np.ones(len(y))
        ybar = np.sum(w * y) / np.sum(w)
        rec["r2"] = float(1 - np.sum(w * (y - r.fittedvalues) ** 2) / np.sum(w * (y - ybar) ** 2))
    out.append(rec)

data = {c: ([str(v) for v in df[c]] if c == "g" else fl(df[c])) for c in df.columns}
data["cl"] = [int(v) for v in df["cl"]]
with open("Tests/FolioModelsTests/Fixtures/glm_data.json", "w") as f:
    json.dump({"statsmodels": statsmodels.__version__, "columns": data}, f)
with open("Tests/FolioModelsTests/Fixtures/glm_fits.json", "w") as f:
    json.dump({"statsmodels": statsmodels.__version__, "cases": out}, f, indent=1)
print(len(out), "cases; statsmodels", statsmodels.__version__)
for o in out:
    if o["name"].startswith(("poisson_log_HC", "gamma_log_HC")): print(o["name"], o["bse"][:2])
