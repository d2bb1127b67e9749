"""Generates notebooks/data/weekly-sales.csv and regions.csv, the sample data of
notebooks/README.md and notebooks/sales-overview.md.

Deterministic (fixed seed, no clock). Weekly revenue per region x category for
2024: a level per category, a region multiplier, yearly seasonality, a promo
uplift of +18% in promo weeks, and 6% noise. A few cells are left empty to show
missing-value handling.

    python3 scripts/data/make_sample_sales.py
"""
import csv
import datetime as dt
import math
import random

rng = random.Random(20240101)
regions = {"North": 1.0, "South": 0.8, "West": 1.25}
categories = {"Snacks": 42000.0, "Beverages": 55000.0, "Household": 31000.0}
price = {"Snacks": 3.2, "Beverages": 2.1, "Household": 6.5}
start = dt.date(2024, 1, 1)

with open("notebooks/data/weekly-sales.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["WEEK_START", "REGION", "CATEGORY", "PROMO", "UNITS", "REVENUE", "DISCOUNT_PCT"])
    for week in range(52):
        day = start + dt.timedelta(weeks=week)
        season = 1 + 0.15 * math.sin(2 * math.pi * (week - 10) / 52)
        for region, rmult in regions.items():
            for cat, level in categories.items():
                promo = rng.random() < 0.22
                uplift = 1.18 if promo else 1.0
                revenue = level * rmult * season * uplift * (1 + rng.gauss(0, 0.06))
                units = round(revenue / price[cat] / (0.85 if promo else 1.0))
                discount = round(rng.uniform(0.10, 0.25), 3) if promo else 0.0
                rev_text = f"{revenue:.2f}"
                if rng.random() < 0.01:
                    rev_text = ""  # a missing cell, filled in the notebooks
                w.writerow([day.isoformat(), region, cat, "Y" if promo else "N", units, rev_text, discount])

with open("notebooks/data/regions.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["REGION", "MANAGER", "ANNUAL_TARGET"])
    w.writerow(["North", "Ana Lima", 6900000])
    w.writerow(["South", "Ben Okafor", 5300000])
    w.writerow(["West", "Chloé Martin", 8500000])
