"""Generates notebooks/data/marketing-weekly.csv (the sample data of
notebooks/marketing-mix.md) and notebooks/data/marketing-truth.csv (the
parameters the revenue was simulated from).

Deterministic: a fixed seed and no clock, so re-running rewrites the same bytes.

    python3 scripts/data/make_marketing_data.py

The simulation, at the level the notebook models (all countries and divisions
summed per week and channel):

    revenue[t] = base[t] + sum_c beta_c * hill(adstock_c(spend_c)[t]) + noise[t]

    adstock:  a[t] = x[t] + theta * a[t-1]                (geometric, a[-1] = 0)
    hill:     h(a) = a^alpha / (a^alpha + gamma^alpha)    (gamma in dollars of adstocked spend)
    base[t] = 1.2M * (1 + 0.08 * years since first week)
              * (1 + 0.06 sin(2 pi t / 52) + 0.03 cos(2 pi t / 52))
              + 8,000 * (PMI_INDEX[t] - 50) - 400,000 * (COMPETITOR_SOV[t] - 0.30)
    noise[t] ~ Normal(0, 15,000)

beta_c is set so that channel c's true ROI (sum of contribution / sum of spend
over the 156 weeks) equals the target ROI below; the truth file records theta,
alpha, gamma, beta, the true ROI and the true total contribution per channel.

Weekly spend per channel: the channel's mean x (1 + 0.1 sin(2 pi t / 52 + phase))
x lognormal noise (sd 0.25), times 1.3 while a campaign is on and 0.25 while it
is off (campaigns switch by a Markov chain: on for ~6 weeks, off for ~1.5);
TV is flighted (6 weeks on, 4 off) and Events spike every 8 weeks.

Each week's channel spend is then split over 6 countries x 2 divisions with
fixed shares and 10% noise, and the week's revenue over all rows in proportion
to their spend share, so that summing the long rows returns the simulated
weekly series (up to cent rounding). A ninth channel, Podcast, has a few tiny
test buys (total < 1,000) to show the minimum-spend filter; its spend has no
effect on revenue. A few IMPRESSIONS/CLICKS cells are left empty (missing
numbers read as 0).

Options (the defaults write the shipped sample, byte for byte); the test
fixtures in Tests/FolioNotebookTests/Fixtures/ are written with them, e.g.

    python3 scripts/data/make_marketing_data.py --seed 7 --channels 5 --names upper \
        --week iso --geos 1 --products 1 --no-podcast \
        --out Tests/FolioNotebookTests/Fixtures/mmm-upper-isoweek.csv \
        --truth-out Tests/FolioNotebookTests/Fixtures/mmm-upper-isoweek-truth.csv

  --seed N          random seed (20260105)
  --channels N      use the first N channels of the list below (8)
  --names STYLE     channel names as listed (as-is), in UPPER case (upper), or
                    renamed to other words (other: Search, Social, Video, …)
  --week FORM       WEEK_START as an ISO date (date), an ISO week label like
                    2022-W01 (iso), or a week number counted from 1 (number)
  --weeks N         number of weeks (156)
  --geos N, --products N   split each channel's spend over the first N
                    countries / product divisions (6, 2)
  --no-podcast      leave out the tiny Podcast channel
  --minimal         write only WEEK_START, CHANNEL, SPEND and REVENUE
  --out, --truth-out   output paths
  --lift-out PATH   also write lift tests (experiments) with known truth to PATH
                    (none by default); the shipped notebooks/data/marketing-lift-tests.csv is
                    python3 scripts/data/make_marketing_data.py --lift-out notebooks/data/marketing-lift-tests.csv

Lift tests (--lift-out): three go-dark experiments, on Google (weeks 61-68),
Meta (101-108) and TV (121-126, a flight), each switching the channel off
for its weeks. The true lift is what the simulation loses over those weeks:
sum over t in the window of beta * (hill(a[t]) - hill(a0[t])), a0 the adstock
with the channel's spend set to 0 in the window (spend before the window
still carries over into it; carry-over after the window is not counted), the
definition of BayesianMMMDensity.impliedLift. LIFT is the true lift plus
Normal(0, LIFT_SE) noise with LIFT_SE = 15% of the true lift (rounded to the
dollar), drawn from its own generator (seed + 1) so the other files do not
change. Columns: CHANNEL, FIRST_WEEK, LAST_WEEK (in the --week format), LIFT,
LIFT_SE (what {bayes}'s lift_tests reads); the true lifts are printed, for
checking a model against. Shipped sample: Google true 816,046.16, measured
537,033.38 (se 122,407; a -2.3 se draw, kept as drawn); Meta 489,578.98 vs
535,394.50 (se 73,437); TV 870,823.10 vs 781,970.76 (se 130,623).
"""
import argparse
import csv
import datetime as dt
import math
import random

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--seed", type=int, default=20260105)
ap.add_argument("--channels", type=int, default=8)
ap.add_argument("--names", choices=["as-is", "upper", "other"], default="as-is")
ap.add_argument("--week", choices=["date", "iso", "number"], default="date")
ap.add_argument("--weeks", type=int, default=156)
ap.add_argument("--geos", type=int, default=6)
ap.add_argument("--products", type=int, default=2)
ap.add_argument("--no-podcast", action="store_true")
ap.add_argument("--minimal", action="store_true")
ap.add_argument("--out", default="notebooks/data/marketing-weekly.csv")
ap.add_argument("--truth-out", default="notebooks/data/marketing-truth.csv")
ap.add_argument("--lift-out", default=None)
args = ap.parse_args()

rng = random.Random(args.seed)
WEEKS = args.weeks
START = dt.date(2022, 1, 3)  # a Monday

# name, mean weekly spend ($), theta, alpha, gamma as a fraction of mean adstocked spend, target ROI, pattern
CHANNELS = [
    ("LinkedIn", 30000.0, 0.55, 1.6, 0.9, 3.2, "smooth"),
    ("Google", 45000.0, 0.20, 1.2, 1.0, 4.0, "smooth"),
    ("Display", 20000.0, 0.30, 2.0, 1.1, 1.1, "smooth"),
    ("Meta", 25000.0, 0.35, 1.4, 0.8, 2.2, "smooth"),
    ("TV", 60000.0, 0.70, 2.2, 0.8, 1.6, "flighted"),
    ("Email", 5000.0, 0.10, 0.9, 0.7, 5.0, "smooth"),
    ("Affiliate", 12000.0, 0.25, 1.0, 1.2, 2.6, "smooth"),
    ("Events", 15000.0, 0.60, 1.3, 1.0, 0.7, "spiky"),
]
GEOS = [  # super region, region, country, share of spend
    ("AMER", "North America", "US", 0.38),
    ("AMER", "North America", "CA", 0.08),
    ("AMER", "Latin America", "BR", 0.09),
    ("EMEA", "Central Europe", "DE", 0.18),
    ("EMEA", "Western Europe", "FR", 0.12),
    ("EMEA", "Western Europe", "UK", 0.15),
]
PRODUCTS = [("Enterprise", "Cloud", "Compute", 0.6), ("Enterprise", "Security", "Identity", 0.4)]
CHANNELS = CHANNELS[:args.channels]
GEOS = GEOS[:args.geos]
PRODUCTS = PRODUCTS[:args.products]
OTHER_NAMES = {"LinkedIn": "Social", "Google": "Search", "Display": "Banners", "Meta": "Video",
               "TV": "Broadcast", "Email": "Newsletter", "Affiliate": "Partners", "Events": "Trade shows",
               "Podcast": "Audio"}


def shown(name):
    """The channel's name as written to the files."""
    if args.names == "upper":
        return name.upper()
    if args.names == "other":
        return OTHER_NAMES[name]
    return name


def week_text(t):
    if args.week == "iso":
        y, w, _ = (START + dt.timedelta(weeks=t)).isocalendar()
        return f"{y}-W{w:02d}"
    if args.week == "number":
        return str(t + 1)
    return (START + dt.timedelta(weeks=t)).isoformat()
COST_PER_IMPRESSION = {"LinkedIn": 0.035, "Google": 0.012, "Display": 0.004, "Meta": 0.008,
                       "TV": 0.02, "Email": 0.001, "Affiliate": 0.01, "Events": 0.5, "Podcast": 0.02}
CLICK_RATE = {"LinkedIn": 0.006, "Google": 0.04, "Display": 0.002, "Meta": 0.009,
              "TV": 0.0, "Email": 0.03, "Affiliate": 0.02, "Events": 0.1, "Podcast": 0.001}


def spend_series(mean, pattern, phase):
    out = []
    on = True
    for t in range(WEEKS):
        # campaigns switch on and off (a Markov chain: on for ~6 weeks, off for ~3)
        if pattern == "smooth":
            on = rng.random() < (0.83 if on else 0.33)
        season = 1 + 0.1 * math.sin(2 * math.pi * t / 52 + phase)
        x = mean * season * math.exp(rng.gauss(0, 0.25) - 0.03) * (1.3 if on else 0.25)
        if pattern == "flighted":  # 6 weeks on, 4 weeks off
            x = x * 1.65 if t % 10 < 6 else 0.0
        elif pattern == "spiky":  # a big event every 8 weeks, small spend otherwise
            x = x * 4.0 if t % 8 == 3 else x * 0.55
        out.append(x)
    return out


def adstock(x, theta):
    out, carry = [], 0.0
    for v in x:
        carry = v + theta * carry
        out.append(carry)
    return out


def hill(a, alpha, gamma):
    if a <= 0:
        return 0.0
    return a ** alpha / (a ** alpha + gamma ** alpha)


spend = {}
params = {}
truth = []
contribution = {}
for i, (name, mean, theta, alpha, gfrac, roi, pattern) in enumerate(CHANNELS):
    x = spend_series(mean, pattern, phase=0.7 * i)
    a = adstock(x, theta)
    gamma = gfrac * (sum(a) / WEEKS)
    gamma = min(gamma, max(x))  # inside the search range [0, max weekly spend]
    h = [hill(v, alpha, gamma) for v in a]
    beta = roi * sum(x) / sum(h)
    spend[name] = x
    contribution[name] = [beta * v for v in h]
    truth.append((name, theta, alpha, gamma, beta, roi, sum(contribution[name]), sum(x)))
    params[name] = (theta, alpha, gamma, beta)

pmi, sov = [], []
level = 50.0
for t in range(WEEKS):
    level = 50 + 0.85 * (level - 50) + rng.gauss(0, 1.2)
    pmi.append(level)
    sov.append(0.30 + 0.05 * math.sin(2 * math.pi * t / 39) + rng.gauss(0, 0.015))

revenue = []
for t in range(WEEKS):
    years = 7 * t / 365.25
    base = 1.2e6 * (1 + 0.08 * years) * (1 + 0.06 * math.sin(2 * math.pi * t / 52) + 0.03 * math.cos(2 * math.pi * t / 52))
    base += 8000 * (pmi[t] - 50) - 400000 * (sov[t] - 0.30)
    revenue.append(base + sum(contribution[c][t] for c in contribution) + rng.gauss(0, 15000))

podcast = [0.0] * WEEKS
for t in (20, 21, 60, 61, 100):
    if t < WEEKS:
        podcast[t] = 150.0

with open(args.out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    if args.minimal:
        w.writerow(["WEEK_START", "CHANNEL", "SPEND", "REVENUE"])
    else:
        w.writerow(["WEEK_START", "SUPER_REGION", "REGION", "COUNTRY", "SEGMENT", "DIVISION", "CATEGORY", "CHANNEL",
                    "SPEND", "IMPRESSIONS", "CLICKS", "REVENUE", "PMI_INDEX", "COMPETITOR_SOV"])
    for t in range(WEEKS):
        day = week_text(t)
        rows = []
        for name in [c[0] for c in CHANNELS] + ([] if args.no_podcast else ["Podcast"]):
            total = spend[name][t] if name != "Podcast" else podcast[t]
            for sr, region, country, gshare in GEOS:
                for seg, div, cat, pshare in PRODUCTS:
                    if name == "Podcast" and country != "US":
                        continue
                    share = gshare * pshare if name != "Podcast" else pshare
                    rows.append([name, sr, region, country, seg, div, cat, total * share * (1 + rng.gauss(0, 0.1))])
        week_spend = sum(r[-1] for r in rows) or 1.0
        for name, sr, region, country, seg, div, cat, s in rows:
            s = max(s, 0.0)
            impressions = round(s / COST_PER_IMPRESSION[name] * (1 + rng.gauss(0, 0.05))) if s > 0 else 0
            clicks = round(impressions * CLICK_RATE[name])
            imp_text, click_text = str(impressions), str(clicks)
            if rng.random() < 0.003:
                imp_text, click_text = "", ""  # missing numbers read as 0
            if args.minimal:
                w.writerow([day, shown(name), f"{s:.2f}", f"{revenue[t] * s / week_spend:.2f}"])
            else:
                w.writerow([day, sr, region, country, seg, div, cat, shown(name), f"{s:.2f}", imp_text, click_text,
                            f"{revenue[t] * s / week_spend:.2f}", f"{pmi[t]:.3f}", f"{sov[t]:.4f}"])

with open(args.truth_out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["CHANNEL", "THETA", "ALPHA", "GAMMA", "BETA", "ROI", "CONTRIBUTION", "SPEND"])
    for name, theta, alpha, gamma, beta, roi, contrib, total in truth:
        w.writerow([shown(name), theta, alpha, f"{gamma:.2f}", f"{beta:.2f}", roi, f"{contrib:.2f}", f"{total:.2f}"])

# (channel, first week, last week), 0-based and inclusive
LIFT_TESTS = [("Google", 60, 67), ("Meta", 100, 107), ("TV", 120, 125)]
if args.lift_out:
    lift_rng = random.Random(args.seed + 1)
    with open(args.lift_out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["CHANNEL", "FIRST_WEEK", "LAST_WEEK", "LIFT", "LIFT_SE"])
        for name, first, last in LIFT_TESTS:
            if name not in params or last >= WEEKS:
                continue
            theta, alpha, gamma, beta = params[name]
            x = spend[name]
            dark = [0.0 if first <= t <= last else v for t, v in enumerate(x)]
            a, a0 = adstock(x, theta), adstock(dark, theta)
            true_lift = beta * sum(hill(a[t], alpha, gamma) - hill(a0[t], alpha, gamma) for t in range(first, last + 1))
            se = round(0.15 * abs(true_lift))
            measured = true_lift + lift_rng.gauss(0, se)
            w.writerow([shown(name), week_text(first), week_text(last), f"{measured:.2f}", se])
            print(f"lift test {shown(name)} {week_text(first)}..{week_text(last)}: true {true_lift:.2f}, "
                  f"measured {measured:.2f}, se {se}")
