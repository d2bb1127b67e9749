// Warm-cache rendering: the whole `folio render` process for each shipped
// notebook when nothing changed since the last run, so every block is
// replayed from the block cache. Target (issue 7): under 50 ms per notebook
// (the three analyses first, then the two smaller notebooks).
// It runs the `folio` executable built beside this one (build both with
// `swift build -c release`), once cold to fill the cache, then --runs times.
import Foundation

func runWarmCacheBenchmark(_ args: [String]) throws {
  var runs = 10
  var notebooks = [
    "notebooks/promo-inventory.md", "notebooks/promotion-optimizer.md", "notebooks/marketing-mix.md",
    "notebooks/sales-overview.md", "notebooks/README.md",
  ]
  var i = 0
  while i < args.count {
    if args[i] == "--runs", i + 1 < args.count, let n = Int(args[i + 1]) { runs = max(1, n); i += 2; continue }
    if args[i] == "--notebooks", i + 1 < args.count { notebooks = args[i + 1].split(separator: ",").map(String.init); i += 2; continue }
    throw BenchmarkError("usage: folio-bench warm-cache [--runs N] [--notebooks a.md,b.md]")
  }
  let folio = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("folio")
  guard FileManager.default.isExecutableFile(atPath: folio.path) else {
    throw BenchmarkError("no folio executable at \(folio.path); run `swift build -c release` first")
  }
  let out = FileManager.default.temporaryDirectory.appendingPathComponent("folio-warm-\(getpid())").path
  defer { try? FileManager.default.removeItem(atPath: out) }
  print("warm-cache render, \(runs) runs per notebook (whole process, median)")
  for nb in notebooks {
    _ = try spawnMeasured(folio, ["render", nb, "-o", out])  // cold: fills the cache
    var times: [Double] = []
    for _ in 0..<runs { times.append(try spawnMeasured(folio, ["render", nb, "-o", out]).seconds) }
    times.sort()
    let median = times[times.count / 2]
    print("  \(nb.padding(toLength: 34, withPad: " ", startingAt: 0)) median \(String(format: "%6.1f", median * 1000)) ms  (min \(String(format: "%.1f", times[0] * 1000)), max \(String(format: "%.1f", times[times.count - 1] * 1000)))  target < 50 ms")
  }
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
