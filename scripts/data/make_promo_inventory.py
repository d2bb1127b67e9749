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

Options (the defaults write the shipped sample, byte for byte); the test
fixtures in Tests/FolioNotebookTests/Fixtures/ are written with them:

  --seed N            random seed (4242)
  --skus N, --stores N, --weeks N   panel size (50, 10, 20)
  --week FORM         WEEK as an ISO date (date), an ISO week label (iso),
                      a week number (number), or no WEEK column at all (none)
  --promo-types A,B   names of the promo types (TPR,FEATURE,DISPLAY)
  --regular LABEL     PROMO_WEEK of a regular week (REG)
  --rename OLD=NEW,…  write columns under other names, e.g. SKU_NBR=ITEM
  --out PATH          output path
"""
import argparse
import csv
import datetime as dt
import math
import random

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--seed", type=int, default=4242)
ap.add_argument("--skus", type=int, default=50)
ap.add_argument("--stores", type=int, default=10)
ap.add_argument("--weeks", type=int, default=20)
ap.add_argument("--week", choices=["date", "iso", "number", "none"], default="date")
ap.add_argument("--promo-types", default="TPR,FEATURE,DISPLAY")
ap.add_argument("--regular", default="REG")
ap.add_argument("--rename", default="")
ap.add_argument("--out", default="notebooks/data/promo-inventory.csv")
args = ap.parse_args()

TRUE_FRACTION = 0.30
PRESENTATION = 0.15
WEEKS = args.weeks
rng = random.Random(args.seed)
skus = [f"{100100 + 7 * i}" for i in range(args.skus)]
stores = [f"{3000 + 11 * j}" for j in range(args.stores)]
start = dt.date(2024, 3, 4)
multipliers = [1.25, 1.5, 2.0, 2.5, 3.0]
promo_types = args.promo_types.split(",")

sku_cost = {s: round(math.exp(rng.uniform(math.log(1.5), math.log(40))), 2) for s in skus}
yearly = {s: round(math.exp(rng.uniform(math.log(800), math.log(26000)))) for s in skus}
store_factor = {t: rng.uniform(0.6, 1.4) for t in stores}
promo_only = {(skus[3 % len(skus)], stores[2 % len(stores)]), (skus[17 % len(skus)], stores[7 % len(stores)])}

rows = []
for s in skus:
    # Each SKU is promoted in 5-7 of the 20 weeks, the same weeks in every store.
    promo_weeks = set(rng.sample(range(WEEKS), rng.randint(5, 7)))
    week_mult = {w: rng.choice(multipliers) for w in promo_weeks}
    week_type = {w: rng.choice(promo_types) for w in promo_weeks}
    for t in stores:
        weekly_units = yearly[s] / 52 * store_factor[t]
        base = 2.2 * weekly_units + rng.uniform(5, 40)
        for w in range(WEEKS):
            is_promo = w in promo_weeks or (s, t) in promo_only
            forecast = weekly_units * rng.uniform(0.85, 1.15) * (rng.uniform(1.6, 2.4) if is_promo else 1.0)
            noise = rng.gauss(0, 0.10 * weekly_units)
            if is_promo:
                mult = week_mult.get(w, 1.5)
                boh = base + TRUE_FRACTION * forecast * (mult - 1) + PRESENTATION * forecast + noise
                rows.append([start + dt.timedelta(weeks=w), s, t, week_type.get(w, promo_types[0]), f"{mult:g}",
                             f"{max(boh, 0):.1f}", f"{forecast:.2f}", yearly[s], sku_cost[s]])
            else:
                boh = base + noise
                rows.append([start + dt.timedelta(weeks=w), s, t, args.regular, "",
                             f"{max(boh, 0):.1f}", f"{forecast:.2f}", yearly[s], sku_cost[s]])

def week_text(day):
    if args.week == "iso":
        y, wk, _ = day.isocalendar()
        return f"{y}-W{wk:02d}"
    if args.week == "number":
        return str((day - start).days // 7 + 1)
    return day.isoformat()


renames = dict(pair.split("=", 1) for pair in args.rename.split(",") if pair)
header = ["WEEK", "SKU_NBR", "STORE_NBR", "PROMO_WEEK", "MULTIPLIER", "BOH", "ML_FORECAST", "YEARLY_SALES", "SKU_COST"]
with open(args.out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    keep = slice(1, None) if args.week == "none" else slice(0, None)
    w.writerow([renames.get(h, h) for h in header][keep])
    for r in rows:
        w.writerow(([week_text(r[0])] + r[1:])[keep])
