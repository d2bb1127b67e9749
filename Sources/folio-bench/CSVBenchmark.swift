import FolioStats
// CSV benchmark: how long `CSVReader` takes to load a large promotion-sales
// CSV into a typed Frame, and its peak memory, against the issue's target
// (5,000,000 rows × 9 columns in < 2 s wall and < 2 GB peak RSS, release
// build, 2 cores). The file is generated deterministically (seeded) once
// into the temp folder and reused while its size matches.
//
// Usage: folio-bench csv [--rows N] [--runs K]
import FolioData
import Foundation

#if os(Linux)
private let RUSAGE_SELF_WHO = RUSAGE_SELF.rawValue
#else
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

func runCSVBenchmark(_ args: [String]) throws {
  var rows = 5_000_000
  var runs = 5
  var i = 0
  while i < args.count {
    let value = i + 1 < args.count ? Int(args[i + 1]) : nil
    switch (args[i], value) {
    case ("--rows", let v?) where v > 0: rows = v
    case ("--runs", let v?) where v > 0: runs = v
    default: throw CSVBenchmarkError.usage("usage: folio-bench csv [--rows N] [--runs K]")
    }
    i += 2
  }

  let path = try CSVBenchmarkData.ensureFile(rows: rows)
  let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  print("csv: \(rows) rows, 9 columns, \(String(format: "%.1f", Double(size) / 1e6)) MB at \(path)")

  var times: [Double] = []
  for run in 1...runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let frame = try CSVReader.read(path: path)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    times.append(seconds)
    let types = frame.columns.map { $0.type.rawValue }.joined(separator: ",")
    print("  run \(run): \(String(format: "%.3f", seconds)) s  (\(frame.rowCount) rows; \(types))")
    if frame.rowCount != rows { throw CSVBenchmarkError.wrongResult("read \(frame.rowCount) rows, expected \(rows)") }
  }
  let sorted = times.sorted()
  let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  var usage = rusage()
  getrusage(RUSAGE_SELF_WHO, &usage)
  let peakMB = Double(usage.ru_maxrss) / 1024  // Linux reports KB
  print("  median: \(String(format: "%.3f", median)) s   target < 2 s (5M rows)")
  print("  peak RSS: \(String(format: "%.0f", peakMB)) MB   target < 2048 MB")
}

enum CSVBenchmarkError: Error, CustomStringConvertible {
  case usage(String)
  case wrongResult(String)
  var description: String {
    switch self {
    case .usage(let s), .wrongResult(let s): return s
    }
  }
}

/// The benchmark file: WEEK date, SKU string ("SKU00417", 500 levels),
/// STORE integer (1–50), REGION string (5 levels) and five numbers with
/// 2–6 decimals, from a SplitMix64 stream with a fixed seed.
enum CSVBenchmarkData {
  static func ensureFile(rows: Int) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-bench").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = "\(folder)/csv-\(rows)-v1.csv"
    let sizePath = path + ".size"
    if let recorded = try? String(contentsOfFile: sizePath, encoding: .utf8),
      let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      (attributes[.size] as? Int).map(String.init) == recorded
    {
      return path
    }
    print("csv: generating \(rows) rows …")
    guard let out = fopen(path, "wb") else { throw CSVBenchmarkError.wrongResult("cannot create \(path)") }
    var written = 0
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    func flush() {
      written += buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, out) }
      buffer.removeAll(keepingCapacity: true)
    }
    buffer.append(contentsOf: "WEEK,SKU,STORE,REGION,PRICE,DISCOUNT,UNITS,SPEND,ELASTICITY\n".utf8)
    var rng = SplitMix64(seed: 20_240_101)
    let regions = ["NORTH", "SOUTH", "EAST", "WEST", "CENTRAL"].map { Array($0.utf8) }
    let firstWeek = CivilDate.days(year: 2023, month: 1, day: 2)
    let weeks = (0..<104).map { Array(CivilDate.isoString(days: firstWeek + 7 * $0).utf8) }
    for r in 0..<rows {
      buffer.append(contentsOf: weeks[r % 104])
      buffer.append(UInt8(ascii: ","))
      buffer.append(contentsOf: "SKU".utf8)
      appendFixed(Int(rng.next() % 500), decimals: 0, width: 5, to: &buffer)
      buffer.append(UInt8(ascii: ","))
      appendFixed(Int(rng.next() % 50) + 1, decimals: 0, to: &buffer)
      buffer.append(UInt8(ascii: ","))
      buffer.append(contentsOf: regions[Int(rng.next() % 5)])
      buffer.append(UInt8(ascii: ","))
      appendFixed(99 + Int(rng.next() % 1_900), decimals: 2, to: &buffer)  // PRICE 0.99–19.98
      buffer.append(UInt8(ascii: ","))
      appendFixed(Int(rng.next() % 5_000), decimals: 4, to: &buffer)  // DISCOUNT 0–0.4999
      buffer.append(UInt8(ascii: ","))
      appendFixed(Int(rng.next() % 500_000), decimals: 3, to: &buffer)  // UNITS 0–499.999
      buffer.append(UInt8(ascii: ","))
      appendFixed(Int(rng.next() % 1_000_000), decimals: 2, to: &buffer)  // SPEND 0–9999.99
      buffer.append(UInt8(ascii: ","))
      appendFixed(-500_000 - Int(rng.next() % 2_500_000), decimals: 6, to: &buffer)  // ELASTICITY
      buffer.append(UInt8(ascii: "\n"))
      if buffer.count > 1 << 22 - 256 { flush() }
    }
    flush()
    fclose(out)
    try String(written).write(toFile: sizePath, atomically: true, encoding: .utf8)
    return path
  }

  /// `value / 10^decimals` in fixed-point text, integer part zero-padded to `width`.
  static func appendFixed(_ value: Int, decimals: Int, width: Int = 1, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let magnitude = abs(value)
    let whole = String(magnitude / scale)
    if whole.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - whole.count)) }
    out.append(contentsOf: whole.utf8)
    guard decimals > 0 else { return }
    out.append(UInt8(ascii: "."))
    let fraction = String(magnitude % scale)
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals - fraction.count))
    out.append(contentsOf: fraction.utf8)
  }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so the
/// benchmark file is byte-identical on every machine.
