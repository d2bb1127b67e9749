// GLM benchmark: gaussian and poisson GLMs on 1,000,000 rows with 5 numeric
// columns + C(sku) (500 levels) + C(store) (50 levels), the retail shape of
// issue 4. Compares against the issue's target (< 3 s wall, < 1.5 GB peak RSS
// per fit) and, via scripts/bench/glm_reference.py on the same data written
// with --write-csv, against glum and statsmodels.
//
// Usage: folio-bench glm [--rows N] [--runs K] [--family gaussian|poisson|both]
//                        [--write-csv PATH] [--blas-threads T (default 1)]
// Data are generated in-process from a fixed seed (SplitMix64), so every run
// fits identical data. Times cover GLMFit.fit (design build + IRLS + results).
import FolioData
import FolioModels
import FolioStats
import Foundation

/// The benchmark frame: x1…x5, sku (500 levels), store (50), y_gauss, y_pois.
func glmBenchmarkFrame(rows n: Int, seed: UInt64 = 42) throws -> Frame {
  var rng = SplitMix64(seed: seed)
  let skuEffect = (0..<500).map { _ in 0.3 * rng.normal() }
  let storeEffect = (0..<50).map { _ in 0.2 * rng.normal() }
  let beta: [Double] = [0.2, -0.1, 0.05, 0.15, -0.2]
  var xs = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
  var sku = [Int32](repeating: 0, count: n), store = [Int32](repeating: 0, count: n)
  var yg = [Double](repeating: 0, count: n), yp = [Double](repeating: 0, count: n)
  for i in 0..<n {
    var eta = 0.5
    for j in 0..<5 {
      let v = rng.normal()
      xs[j][i] = v
      eta += beta[j] * v
    }
    let s = Int(rng.next() % 500), t = Int(rng.next() % 50)
    sku[i] = Int32(s)
    store[i] = Int32(t)
    eta += skuEffect[s] + storeEffect[t]
    yg[i] = eta + rng.normal()
    yp[i] = rng.poisson(exp(eta))
  }
  let skuNames = (0..<500).map { String(format: "SKU%04d", $0) }
  let storeNames = (0..<50).map { String(format: "S%03d", $0) }
  var cols: [(String, Column)] = (0..<5).map { ("x\($0 + 1)", .number(xs[$0])) }
  cols.append(("sku", .string(StringColumn(codes: sku, levels: skuNames))))
  cols.append(("store", .string(StringColumn(codes: store, levels: storeNames))))
  cols.append(("y_gauss", .number(yg)))
  cols.append(("y_pois", .number(yp)))
  return try Frame(cols)
}

/// Peak resident set size of this process so far, in MB (ru_maxrss is KiB on Linux).
private func peakRSSMegabytes() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

private func writeCSV(_ f: Frame, to path: String) throws {
  var out = f.columnNames.joined(separator: ",") + "\n"
  out.reserveCapacity(f.rowCount * 120)
  for i in 0..<f.rowCount {
    out += f.columns.map { $0[i].text }.joined(separator: ",")
    out += "\n"
  }
  try out.write(toFile: path, atomically: true, encoding: .utf8)
}

func runGLMBenchmark(_ args: [String]) throws {
  var rows = 1_000_000, runs = 3, families = ["gaussian", "poisson"]
  var csvPath: String?
  var blasThreads = 1
  var k = 0
  while k < args.count {
    let value = k + 1 < args.count ? args[k + 1] : ""
    switch args[k] {
    case "--rows": rows = Int(value) ?? rows
    case "--runs": runs = max(1, Int(value) ?? runs)
    case "--family": families = value == "both" ? families : [value]
    case "--write-csv": csvPath = value
    case "--blas-threads": blasThreads = Int(value) ?? blasThreads
    default: throw GLMBenchmarkError.unknownOption(args[k])
    }
    k += 2
  }
  BLASThreads.set(blasThreads)
  print("glm: OpenBLAS threads \(BLASThreads.count)")
  let genStart = Date()
  let frame = try glmBenchmarkFrame(rows: rows)
  print("glm: generated \(rows) rows in \(String(format: "%.2f", Date().timeIntervalSince(genStart))) s")
  if let csvPath {
    try writeCSV(frame, to: csvPath)
    print("glm: wrote \(csvPath)")
  }
  let formula = "x1 + x2 + x3 + x4 + x5 + C(sku) + C(store)"
  for fam in families {
    let family: any Family = fam == "poisson" ? PoissonFamily() : GaussianFamily()
    let y = fam == "poisson" ? "y_pois" : "y_gauss"
    let spec = GLMSpecification(model: .formula("\(y) ~ \(formula)"), family: family)
    var times: [Double] = []
    var last: GLMResults?
    for _ in 0..<runs {
      let t0 = Date()
      last = try GLMFit.fit(spec, data: frame)
      times.append(Date().timeIntervalSince(t0))
    }
    times.sort()
    let median = times[times.count / 2]
    guard let r = last else { continue }
    let verdict = median < 3 ? "within" : "OVER"
    print(
      "glm \(fam): median \(String(format: "%.3f", median)) s over \(runs) runs "
        + "(min \(String(format: "%.3f", times[0])), max \(String(format: "%.3f", times[times.count - 1]))), "
        + "\(r.iterations) IRLS iterations, p = \(r.params.count), deviance \(r.deviance), "
        + "x1 = \(String(format: "%.6f", r.params[r.termNames.firstIndex(of: "x1") ?? 0])) — \(verdict) the 3 s target")
  }
  let rss = peakRSSMegabytes()
  print("glm: peak RSS \(String(format: "%.0f", rss)) MB (target < 1536 MB: \(rss < 1536 ? "within" : "OVER"))")
}

enum GLMBenchmarkError: Error, CustomStringConvertible {
  case unknownOption(String)
  var description: String {
    switch self {
    case .unknownOption(let o): return "unknown option '\(o)'; options: --rows N --runs K --family gaussian|poisson|both --write-csv PATH --blas-threads T"
    }
  }
}
