"""Writes a variant of the promotion sample (notebooks/data/promotion-sales.csv,
itself written by make_promotion_data.sh from the simulated promotion model)
for testing notebooks/promotion-optimizer.md on data shaped differently:
other brand and promo-type names, other column names, weeks written as ISO
week labels or week numbers, fewer SKUs, fewer promo types, no macro or size
columns. Deterministic (no randomness; rows are selected, renamed and
rewritten), so re-running rewrites the same bytes.

    python3 scripts/data/make_promotion_variant.py --brands Aurora,Cirrus --skus-per-brand 4 \\
        --brand-names Aurora=NORTHWIND,Cirrus=SOUTHGATE --week iso-short \\
        --rename SALES=NET_SALES,DISC_TPR=SPEND_PRICE_OFF,DISC_DISPLAY=SPEND_ENDCAP,DISC_FEATURE=SPEND_FLYER \\
        --out Tests/FolioNotebookTests/Fixtures/promotion-renamed-isoweek.csv

  --input PATH          the sample CSV (notebooks/data/promotion-sales.csv)
  --brands A,B          keep only these brands (all)
  --skus-per-brand N    keep the first N SKUs of each kept brand (all)
  --brand-names A=X,…   rename brand values
  --week FORM           WEEK as written (date), ISO week label 2024-W01 (iso),
                        ISO week without zero padding 2024-W1 (iso-short),
                        or week number from 1 (number)
  --weeks N             keep the last N weeks (all)
  --drop C,D            drop columns
  --rename OLD=NEW,…    rename columns (after dropping)
  --upper-values COL,…  write these columns' values in upper case
  --out PATH
"""
import argparse
import csv
import datetime as dt

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--input", default="notebooks/data/promotion-sales.csv")
ap.add_argument("--brands", default="")
ap.add_argument("--skus-per-brand", type=int, default=0)
ap.add_argument("--brand-names", default="")
ap.add_argument("--week", choices=["date", "iso", "iso-short", "number"], default="date")
ap.add_argument("--weeks", type=int, default=0)
ap.add_argument("--drop", default="")
ap.add_argument("--rename", default="")
ap.add_argument("--upper-values", default="")
ap.add_argument("--out", required=True)
args = ap.parse_args()


def pairs(text):
    return dict(p.split("=", 1) for p in text.split(",") if p)


rows = list(csv.DictReader(open(args.input, newline="")))
header = list(rows[0].keys())
brands = [b for b in args.brands.split(",") if b]
if brands:
    rows = [r for r in rows if r["BRAND"] in brands]
if args.skus_per_brand:
    keep, per_brand = set(), {}
    for r in rows:
        if r["SKU"] not in keep and per_brand.get(r["BRAND"], 0) < args.skus_per_brand:
            keep.add(r["SKU"])
            per_brand[r["BRAND"]] = per_brand.get(r["BRAND"], 0) + 1
    rows = [r for r in rows if r["SKU"] in keep]
weeks = sorted({r["WEEK"] for r in rows})
if args.weeks:
    weeks = weeks[-args.weeks:]
    rows = [r for r in rows if r["WEEK"] in set(weeks)]
number = {w: i + 1 for i, w in enumerate(weeks)}
brand_names = pairs(args.brand_names)
upper = [c for c in args.upper_values.split(",") if c]
for r in rows:
    day = dt.date.fromisoformat(r["WEEK"])
    y, wk, _ = day.isocalendar()
    r["WEEK"] = {"date": r["WEEK"], "iso": f"{y}-W{wk:02d}", "iso-short": f"{y}-W{wk}",
                 "number": str(number[r["WEEK"]])}[args.week]
    r["BRAND"] = brand_names.get(r["BRAND"], r["BRAND"])
    for c in upper:
        r[c] = r[c].upper()
drop = [c for c in args.drop.split(",") if c]
columns = [c for c in header if c not in drop]
renames = pairs(args.rename)
with open(args.out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([renames.get(c, c) for c in columns])
    for r in rows:
        w.writerow([r[c] for c in columns])
