// folio-bench: Folio's benchmarks, one per hot path, each in its own file.
// Usage: swift run -c release folio-bench <name> [args...]
// Each benchmark prints its medians and peak memory and compares against the
// target its issue states. Benchmarks are not tests: they never fail CI.
import Foundation

let benchmarks: [(name: String, summary: String, run: ([String]) throws -> Void)] = [
  ("csv", "load a 5M-row, 9-column CSV (target < 2 s, < 2 GB)", runCSVBenchmark),
  ("glm", "GLM with C(sku)+C(store) on 1M rows (target < 3 s, < 1.5 GB)", runGLMBenchmark),
  ("warm-cache", "render the shipped notebooks with a warm block cache (target < 50 ms each)", runWarmCacheBenchmark),
  ("mmm", "marketing-mix search+CV+bootstrap+curves+plan, 150 weeks × 8 channels (target < 0.5 s)", runMMMBenchmark),
  ("mmm-nuts", "Bayesian MMM by NUTS on 6 simulated sets, 156 weeks × 8 channels (target ≤ 5 s per fit)", runMMMNUTSBenchmark),
  ("promo-scale", "promo-inventory on 5.2M rows: --no-cache, cache first/rerender/byte change, 5M-row load (issue 16)", runPromoScaleBenchmark),
  ("promotion", "train the promotion model on 24 SKUs × 104 weeks, plan 13 weeks (target < 3 s, < 1 s)", runPromotionBenchmark),
]

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let bench = benchmarks.first(where: { $0.name == name }) else {
  print("usage: folio-bench <benchmark> [options]\n\nbenchmarks:")
  for b in benchmarks { print("  \(b.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(b.summary)") }
  exit(2)
}
do {
  try bench.run(Array(args.dropFirst()))
} catch {
  FileHandle.standardError.write(Data("folio-bench \(name): \(error)\n".utf8))
  exit(1)
}
