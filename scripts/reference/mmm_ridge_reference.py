"""Reference ridge fits for Tests/FolioModelsTests/MMMRidgeTests.swift.

scikit-learn Ridge(alpha) on StandardScaler-standardized features (population
sd), intercept unpenalized; optionally with sample weights (StandardScaler and
Ridge both weighted). Writes Tests/FolioModelsTests/Fixtures/mmm_ridge.json.
Run: python3 scripts/reference/mmm_ridge_reference.py
"""
import json, pathlib
import numpy as np
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20261125)
cases = []
for name, n, p, alpha, weighted in [("small", 12, 3, 10.0, False), ("mmm_shape", 150, 11, 10.0, False),
                                     ("weighted", 60, 5, 2.5, True), ("alpha_zero", 40, 4, 0.0, False)]:
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 50, size=p) + rng.uniform(-10, 100, size=p)
    if name == "mmm_shape":
        X[:, :8] = rng.uniform(0, 1, size=(n, 8))  # Hill outputs in [0, 1]
    y = 1000 + X @ rng.normal(0, 30, size=p) + rng.normal(0, 20, size=n)
    w = rng.integers(0, 4, size=n).astype(float) if weighted else None
    scaler = StandardScaler().fit(X, sample_weight=w)
    Z = scaler.transform(X)
    model = Ridge(alpha=alpha, solver="cholesky" if alpha > 0 else "svd").fit(Z, y, sample_weight=w)
    coef = model.coef_ / scaler.scale_
    intercept = model.intercept_ - coef @ scaler.mean_
    cases.append({
        "name": name, "alpha": alpha, "features": X.T.tolist(), "target": y.tolist(),
        "weights": None if w is None else w.tolist(),
        "standardized_coefficients": model.coef_.tolist(), "coefficients": coef.tolist(),
        "intercept": float(intercept), "means": scaler.mean_.tolist(), "scales": scaler.scale_.tolist(),
        "predictions": (X @ coef + intercept).tolist(),
    })
out = pathlib.Path(__file__).resolve().parents[2] / "Tests/FolioModelsTests/Fixtures/mmm_ridge.json"
out.write_text(json.dumps({"source": "scikit-learn Ridge on StandardScaler output", "cases": cases}, indent=1))
print("wrote", out)
