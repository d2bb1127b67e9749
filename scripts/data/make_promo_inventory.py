"""Generates notebooks/data/promo-inventory.csv for notebooks/promo-inventory.md.

Simulated with known truth (fixed seed, no clock): 50 SKUs x 10 stores x 20
weeks. In a promo week the store receives an allocation of
ML_FORECAST x MULTIPLIER; the TRUE fraction of the extra allocation
ML_FORECAST x (MULTIPLIER - 1) that is still on hand (BOH) is 0.30. Promo weeks
also carry presentation stock of 0.15 x ML_FORECAST, so a model without
ML_FORECAST overstates the multiplier's share; the `full` model recovers 0.30.

    BOH (regular week) = base_pair + noise
    BOH (promo week)   = base_pair + 0.30 * ML_FORECAST * (MULTIPLIER - 1)
                                   + 0.15 * ML_FORECAST + noise
    noise ~ N(0, (0.10 * weekly_units)^2)

Two SKU x store pairs have promo weeks only (no regular week), so the
notebook must report them instead of dropping them silently. MULTIPLIER is
empty in regular weeks (the method sets it to 1 there).

    python3 scripts/data/make_promo_inventory.py
"""
import csv
import datetime as dt
import math
import random

TRUE_FRACTION = 0.30
PRESENTATION = 0.15
rng = random.Random(4242)
skus = [f"{100100 + 7 * i}" for i in range(50)]
stores = [f"{3000 + 11 * j}" for j in range(10)]
start = dt.date(2024, 3, 4)
multipliers = [1.25, 1.5, 2.0, 2.5, 3.0]
promo_types = ["TPR", "FEATURE", "DISPLAY"]

sku_cost = {s: round(math.exp(rng.uniform(math.log(1.5), math.log(40))), 2) for s in skus}
yearly = {s: round(math.exp(rng.uniform(math.log(800), math.log(26000)))) for s in skus}
store_factor = {t: rng.uniform(0.6, 1.4) for t in stores}
promo_only = {(skus[3], stores[2]), (skus[17], stores[7])}

rows = []
for s in skus:
    # Each SKU is promoted in 5-7 of the 20 weeks, the same weeks in every store.
    promo_weeks = set(rng.sample(range(20), rng.randint(5, 7)))
    week_mult = {w: rng.choice(multipliers) for w in promo_weeks}
    week_type = {w: rng.choice(promo_types) for w in promo_weeks}
    for t in stores:
        weekly_units = yearly[s] / 52 * store_factor[t]
        base = 2.2 * weekly_units + rng.uniform(5, 40)
        for w in range(20):
            is_promo = w in promo_weeks or (s, t) in promo_only
            forecast = weekly_units * rng.uniform(0.85, 1.15) * (rng.uniform(1.6, 2.4) if is_promo else 1.0)
            noise = rng.gauss(0, 0.10 * weekly_units)
            if is_promo:
                mult = week_mult.get(w, 1.5)
                boh = base + TRUE_FRACTION * forecast * (mult - 1) + PRESENTATION * forecast + noise
                rows.append([start + dt.timedelta(weeks=w), s, t, week_type.get(w, "TPR"), f"{mult:g}",
                             f"{max(boh, 0):.1f}", f"{forecast:.2f}", yearly[s], sku_cost[s]])
            else:
                boh = base + noise
                rows.append([start + dt.timedelta(weeks=w), s, t, "REG", "",
                             f"{max(boh, 0):.1f}", f"{forecast:.2f}", yearly[s], sku_cost[s]])

with open("notebooks/data/promo-inventory.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["WEEK", "SKU_NBR", "STORE_NBR", "PROMO_WEEK", "MULTIPLIER", "BOH", "ML_FORECAST", "YEARLY_SALES", "SKU_COST"])
    for r in rows:
        w.writerow([r[0].isoformat()] + r[1:])
