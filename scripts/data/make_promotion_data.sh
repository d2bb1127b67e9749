#!/bin/sh
# Regenerates notebooks/data/promotion-sales.csv: 24 SKUs × 104 weeks simulated
# from the promotion model with known parameters (PromoSimulation, seed
# 20260601; the truth is documented in notebooks/promotion-optimizer.md's
# appendix and in Sources/FolioModels/Promotion/PromoSimulation.swift).
# The generator is Folio's own Swift code (SplitMix64), so the shipped data,
# the tests and the benchmark use the identical dataset.
set -e
cd "$(dirname "$0")/../.."
swift run -c release folio-bench promotion --runs 0 --write-csv notebooks/data/promotion-sales.csv
