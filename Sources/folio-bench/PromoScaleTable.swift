// The result table of `folio-bench promo-scale`: each figure (median wall
// seconds, median CPU seconds and median peak RSS of the runs) beside the issue's target, with
// PASS or MISS; rows without a target are shown for reference.
import Foundation

struct PromoScaleTable {
  private var lines: [String] = []

  /// A timed row: medians of `runs` against `seconds` / `megabytes` targets (nil: none).
  mutating func add(_ name: String, _ runs: [ProcessMeasure], seconds: Double?, megabytes: Double?) {
    let wall = median(runs.map(\.seconds))
    let peak = median(runs.map(\.peakMegabytes))
    let cpu = median(runs.map(\.cpuSeconds))
    let spread = "\(String(format: "%.2f", runs.map(\.seconds).min() ?? .nan))–\(String(format: "%.2f", runs.map(\.seconds).max() ?? .nan))"
    let target = [seconds.map { "≤ \(String(format: "%.1f", $0)) s" }, megabytes.map { "≤ \(String(format: "%.0f", $0)) MB" }]
      .compactMap { $0 }.joined(separator: ", ")
    var verdict = "–"
    if seconds != nil || megabytes != nil {
      let ok = (seconds.map { wall <= $0 } ?? true) && (megabytes.map { peak <= $0 } ?? true)
      verdict = ok ? "PASS" : "MISS"
    }
    lines.append(row(name, String(format: "%6.2f s", wall), spread, String(format: "%6.2f s", cpu), String(format: "%6.0f MB", peak), target.isEmpty ? "–" : target, verdict))
    Swift.print("  \(name): \(String(format: "%.2f", wall)) s wall, \(String(format: "%.2f", cpu)) s CPU, \(String(format: "%.0f", peak)) MB")
  }

  /// A ratio row (cache size against CSV size).
  mutating func ratio(_ name: String, _ value: Double, target: Double?) {
    let verdict = target.map { value <= $0 ? "PASS" : "MISS" } ?? "–"
    lines.append(row(name, String(format: "%6.2f ×", value), "", "", "", target.map { "≤ \(String(format: "%.1f", $0)) ×" } ?? "–", verdict))
  }

  func print() {
    Swift.print("")
    Swift.print(row("run", "wall (med)", "min–max", "CPU (med)", "peak RSS", "target", ""))
    Swift.print(String(repeating: "-", count: 128))
    for l in lines { Swift.print(l) }
  }

  private func row(_ a: String, _ b: String, _ c: String, _ cpu: String, _ d: String, _ e: String, _ f: String) -> String {
    a.padding(toLength: 52, withPad: " ", startingAt: 0) + b.padding(toLength: 12, withPad: " ", startingAt: 0)
      + c.padding(toLength: 12, withPad: " ", startingAt: 0) + cpu.padding(toLength: 11, withPad: " ", startingAt: 0)
      + d.padding(toLength: 11, withPad: " ", startingAt: 0) + e.padding(toLength: 22, withPad: " ", startingAt: 0) + f
  }
}
