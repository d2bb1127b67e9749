// MMM benchmark: the marketing-mix numerical pipeline of issue 5 on simulated
// data (MMMSimulation: 150 weeks × 8 channels, seed 1) — 500-evaluation DE
// search, rolling CV, 100 bootstrap resamples, response curves and the budget
// plan. Target: under 0.5 s in total (release build, this 2-core machine);
// `refit: true` bootstrap (100 resamples, each a 500-evaluation search) under
// 10 s. Compare with scripts/bench/mmm_reference.py, the Python seed pipeline
// on the same data (written with --write-csv).
//
// Usage: folio-bench mmm [--weeks N] [--channels M] [--runs K] [--no-refit]
//                        [--write-csv PATH]
import FolioModels
import FolioStats
import Foundation

func runMMMBenchmark(_ args: [String]) throws {
  func value(_ flag: String, _ fallback: Int) -> Int {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
    return v
  }
  let weeks = value("--weeks", 150), channels = value("--channels", 8), runs = value("--runs", 5)
  let sim = try MMMSimulation.generate(weeks: weeks, channels: channels, seed: 1)
  if let i = args.firstIndex(of: "--write-csv"), i + 1 < args.count {
    try writeMMMCSV(sim, to: args[i + 1])
    print("wrote \(args[i + 1])")
  }
  print("MMM pipeline: \(weeks) weeks × \(channels) channels, \(sim.input.controls.count) controls")
  var times: [String: [Double]] = [:]
  var last: (MMMSearchResult, CVReport, [ChannelBootstrap], BudgetPlan)?
  func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let r = try body()
    times[name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    return r
  }
  for _ in 0..<runs {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let search = try timed("search (500 evals)") { try MMMSearch.run(sim.input, options: .init(budget: 500, seed: 7)) }
    let model = search.model
    let cv = try timed("cv") { try RollingCV.evaluate(sim.input, parameters: model.parameters) }
    let boot = try timed("bootstrap (100)") { try BootstrapROI.run(model, options: .init(resamples: 100, seed: 3)) }
    _ = timed("curves") { ResponseCurves.compute(model, bootstrap: boot) }
    let plan = try timed("plan") { try BudgetAllocator.optimize(model, currentSpend: sim.input.meanWeeklySpend) }
    times["total", default: []].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    last = (search, cv, boot, plan)
  }
  func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
  for name in ["search (500 evals)", "cv", "bootstrap (100)", "curves", "plan", "total"] {
    print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) median \(String(format: "%.4f", median(times[name] ?? [0]))) s")
  }
  print("  target: total < 0.5 s")
  if let (search, cv, boot, plan) = last {
    let m = search.model
    print(String(format: "  search loss %.5f, R² %.4f, CV MAPE %.2f%% (%@), plan lift %.2f%% (gap %.3g)",
                 search.loss, m.r2, cv.mean(\.mape), cv.quality.rawValue, plan.liftPercent, plan.optimalityGap))
    let trueROI = sim.roi
    for c in 0..<channels {
      print(String(format: "  %@ true ROI %.3f  fitted %.3f  90%% CI [%.3f, %.3f]", sim.input.channels[c],
                   trueROI[c], m.roi[c], boot[c].roiLow, boot[c].roiHigh))
    }
  }
  if !args.contains("--no-refit") {
    let model = last!.0.model
    let t0 = DispatchTime.now().uptimeNanoseconds
    _ = try BootstrapROI.run(model, options: .init(resamples: 100, refit: true, search: .init(budget: 500), seed: 3))
    print(String(format: "  bootstrap refit (100 × 500-eval search): %.3f s (target < 10 s)",
                 Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
  }
}

private func writeMMMCSV(_ sim: MMMSimulation, to path: String) throws {
  let input = sim.input
  var out = (["week"] + input.channels + input.controlNames + ["revenue"]).joined(separator: ",") + "\n"
  for t in 0..<input.weekCount {
    var row = ["\(t)"]
    row += input.spend.map { "\($0[t])" }
    row += input.controls.map { "\($0[t])" }
    row.append("\(input.revenue[t])")
    out += row.joined(separator: ",") + "\n"
  }
  try out.write(toFile: path, atomically: true, encoding: .utf8)
}

