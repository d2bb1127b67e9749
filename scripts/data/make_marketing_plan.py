"""Generates notebooks/data/marketing-plan.csv: a future spend plan for the
forecast section of notebooks/marketing-mix.md.

Deterministic (no clock, no randomness): it reads the sample data
notebooks/data/marketing-weekly.csv, sums spend per week and channel as the
notebook's {mmm_data} block does (global, all products), and plans the 8
weeks after the last observed week at each channel's mean weekly spend over
the last 13 observed weeks (last quarter). PMI_INDEX and COMPETITOR_SOV, the
market controls, are held at their last-quarter means (weekly mean over rows,
then mean over the 13 weeks). Channels with less than 1,000 of total spend
(the notebook's min_spend) are left out, as the model drops them.

    python3 scripts/data/make_marketing_plan.py
"""

import csv
import datetime
import os
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SOURCE = os.path.join(ROOT, "notebooks", "data", "marketing-weekly.csv")
TARGET = os.path.join(ROOT, "notebooks", "data", "marketing-plan.csv")
WEEKS, RECENT, MIN_SPEND = 8, 13, 1000.0


def main():
    spend = defaultdict(float)  # (week, channel) -> spend
    market = {name: defaultdict(list) for name in ("PMI_INDEX", "COMPETITOR_SOV")}
    channels, weeks = [], set()
    with open(SOURCE, newline="") as f:
        for row in csv.DictReader(f):
            week, channel = row["WEEK_START"], row["CHANNEL"]
            weeks.add(week)
            if channel not in channels:
                channels.append(channel)
            spend[(week, channel)] += float(row["SPEND"] or 0)
            for name, values in market.items():
                if row.get(name):
                    values[week].append(float(row[name]))
    weeks = sorted(weeks)
    recent = weeks[-RECENT:]
    kept = [c for c in channels if sum(spend[(w, c)] for w in weeks) >= MIN_SPEND]
    plan_spend = {c: sum(spend[(w, c)] for w in recent) / RECENT for c in kept}
    plan_market = {
        name: sum(sum(v[w]) / len(v[w]) for w in recent) / RECENT for name, v in market.items()
    }
    last = datetime.date.fromisoformat(weeks[-1])
    with open(TARGET, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["WEEK_START"] + kept + list(plan_market))
        for k in range(1, WEEKS + 1):
            week = (last + datetime.timedelta(days=7 * k)).isoformat()
            out.writerow([week] + [f"{plan_spend[c]:.2f}" for c in kept] + [f"{plan_market['PMI_INDEX']:.3f}", f"{plan_market['COMPETITOR_SOV']:.4f}"])


if __name__ == "__main__":
    main()
