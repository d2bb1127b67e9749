"""Reference values for Folio's CSV number parser (CSVNumberParsingTests).

Writes csv_number_reference.csv: one decimal text per row and the IEEE-754
bit pattern (hex) of Python's float(text), which is correctly rounded
(David Gay's algorithm), independent of Swift's Double(String).
Texts are drawn from a seeded generator: random digit strings with random
decimal points and exponents (including subnormal, overflow and
halfway cases), plus fixed-decimal values like a promotion CSV's prices.

Run: python3 scripts/reference/csv_number_reference.py
"""
import csv
import decimal
import random
import struct
from pathlib import Path

decimal.getcontext().prec = 800
rng = random.Random(20240101)
texts = []
for _ in range(3000):
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 30)))
    point = rng.randint(0, len(digits))
    body = digits if point in (0, len(digits)) else digits[:point] + "." + digits[point:]
    exp = rng.choice(["", f"e{rng.randint(-30, 30)}", f"E{rng.randint(-340, 310)}", f"e+{rng.randint(0, 22)}"])
    texts.append(rng.choice(["", "-"]) + body + exp)
for _ in range(1500):
    decimals = rng.randint(2, 6)
    texts.append(f"{rng.uniform(-1e5, 1e5):.{decimals}f}")
# Halfway cases between adjacent doubles: exact decimal midpoints need all digits.
for _ in range(500):
    x = rng.uniform(1, 2) * 10.0 ** rng.randint(-300, 300)
    nxt = struct.unpack("<d", struct.pack("<q", struct.unpack("<q", struct.pack("<d", x))[0] + 1))[0]
    mid = (decimal.Decimal(x) + decimal.Decimal(nxt)) / 2
    texts.append(format(mid, "e"))
texts += ["2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062328e-324",
          "1.7976931348623158e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999", "0.000001", "123456789012345678901234567890e-40"]

out = Path(__file__).with_name("csv_number_reference.csv")
with out.open("w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["text", "bits"])
    for t in texts:
        w.writerow([t, "%016x" % struct.unpack("<Q", struct.pack("<d", float(t)))[0]])
print(f"wrote {len(texts)} rows to {out}")
