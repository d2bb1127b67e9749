import FolioData
import FolioModels
import FolioStats
import Foundation
import XCTest

@testable import FolioNotebook

/// `{bayes} adstock: weibull` end to end on simulated data (the committed
/// simulator, 3 channels × 80 weeks, seed 4242), 2 chains × 200/200: the
/// block's and `{roi}`'s ROI intervals are `BayesianMMM.fit(adstock:
/// .weibullQuarter)`'s on the same input and seed, and `{curves}`, `{plan}`
/// and `{forecast}` evaluate the posterior with the Weibull-pdf kernel: their
/// values equal the same quantities computed here directly from the
/// posterior draws, with the kernel written out from its formula; `{cv}`
/// refits at the posterior-mean Weibull transforms; the cache replays it all.
final class MarketingMixBayesWeibullTests: XCTestCase {
  var dir = ""
  let monday = CivilDate.days(year: 2022, month: 1, day: 3)
  static let sim = MarketingMixBayesDirectiveTests.sim
  static let names = MarketingMixBayesDirectiveTests.names
  static let keys = MarketingMixBayesDirectiveTests.keys
  static let notebook = """
    ---
    seed: 3
    ---
    ```{mmm_data} mmm
    csv: mmm.csv
    ```

    ```{bayes} fit
    data: mmm
    adstock: weibull
    chains: 2
    warmup: 200
    draws: 200
    seed: 5
    ```

    ```{roi} boot
    model: fit
    ```

    ```{curves} curves
    model: fit
    roi: boot
    ```

    ```{plan} plan
    model: fit
    roi: boot
    ```

    ```{forecast} forecast
    model: fit
    roi: boot
    weeks: 4
    ```

    ```{cv} validation
    model: fit
    train: 40
    test: 13
    step: 13
    ```
    """

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-bayes-weibull-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let sim = Self.sim
    var csv = "WEEK_START,CHANNEL,SPEND,REVENUE\n"
    for t in 0..<sim.input.weekCount {
      for c in 0..<3 {
        csv += "\(CivilDate.isoString(days: monday + 7 * t)),\(Self.names[c]),\(sim.input.spend[c][t]),\(sim.input.revenue[t] / 3)\n"
      }
    }
    try csv.write(toFile: dir + "/mmm.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func value(_ doc: ExecutedDocument, _ label: String) -> Value { doc.results.first { $0.label == label }?.value ?? .null }

  /// The input `{mmm_data}` built, from its full-precision weekly table.
  func input(_ doc: ExecutedDocument) throws -> MMMInput {
    guard case .table(let weekly)? = value(doc, "mmm")["weekly"], case .date(let days)? = weekly["WEEK_START"] else {
      throw XCTSkip("no weekly table")
    }
    let controls = MMMCalendarControls.names
    return try MMMInput(
      weekStarts: days.days.map { Int($0) }, channels: Self.keys, spend: Self.keys.map { weekly[$0]?.doubles ?? [] },
      revenue: weekly["REVENUE"]?.doubles ?? [], controlNames: controls, controls: controls.map { weekly[$0]?.doubles ?? [] })
  }

  /// The kernel from its formula: Weibull pdf at (l + 1)/13, normalized.
  static func weights(_ k: Double, _ lambda: Double) -> [Double] {
    let raw = (0..<13).map { l -> Double in
      let t = Double(l + 1) / 13
      return (k / lambda) * pow(t / lambda, k - 1) * exp(-pow(t / lambda, k))
    }
    let total = raw.reduce(0, +)
    return raw.map { $0 / total }
  }

  static func hill(_ a: Double, _ p: ChannelParameters) -> Double { a > 0 ? 1 / (1 + pow(p.gamma / a, p.alpha)) : 0 }

  /// Hill(Σₗ wₗ spendₜ₋ₗ) over the last `weeks` weeks of `series`.
  static func feature(_ series: [Double], _ p: ChannelParameters, weeks: Int) -> [Double] {
    let w = weights(p.shape, p.scale)
    return ((series.count - weeks)..<series.count).map { t in
      var a = 0.0
      for l in 0..<min(13, t + 1) { a += w[l] * series[t - l] }
      return hill(a, p)
    }
  }

  func q(_ x: [Double], _ p: Double) -> Double { ConvergenceDiagnostics.quantile(x, p) }

  func testWeibullPosteriorFeedsROICurvesPlanAndForecastWithTheModelLayersValues() throws {
    var executor = Executor()
    executor.cache = BlockCache(directory: dir + "/cache")
    let doc = executor.run(try NotebookParser.parse(Self.notebook, path: "mmm.md"), baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    let input = try input(doc)
    let fit = try BayesianMMM.fit(
      input, adstock: .weibullQuarter,
      options: NUTSSampler.Options(chains: 2, warmup: 200, draws: 200, seed: 5, targetAcceptance: 0.9, metric: .dense))
    let posterior = try BayesianMMMPosterior(fit: fit, input: input)
    let draws = posterior.draws
    XCTAssertEqual(draws.count, 400)

    // {bayes} and {roi}: the sampler's ROI intervals; Weibull k and λ in place of θ.
    let bayes = value(doc, "fit"), roi = value(doc, "boot")
    XCTAssertEqual(bayes["adstock"], .string("weibull"))
    XCTAssertEqual(roi["method"], .string("posterior"))
    for (c, name) in Self.names.enumerated() {
      let expected = fit.channels[c]
      for (record, kind) in [(bayes["channels"]?[name], "bayes"), (roi["channels"]?[name], "roi")] {
        XCTAssertEqual(record?["roi"]?.doubleValue ?? .nan, expected.roiMedian, accuracy: 1e-12 * expected.roiMedian, "\(kind) \(name)")
        XCTAssertEqual(record?["roi_low"]?.doubleValue ?? .nan, expected.roiLow, accuracy: 1e-12 * expected.roiLow, "\(kind) \(name)")
        XCTAssertEqual(record?["roi_high"]?.doubleValue ?? .nan, expected.roiHigh, accuracy: 1e-12 * expected.roiHigh, "\(kind) \(name)")
      }
      let record = bayes["channels"]?[name]
      XCTAssertEqual(record?["shape"]?.doubleValue ?? .nan, expected.weibullShape ?? .nan, accuracy: 1e-12 * (expected.weibullShape ?? 1))
      XCTAssertEqual(record?["scale"]?.doubleValue ?? .nan, expected.weibullScale ?? .nan, accuracy: 1e-12 * (expected.weibullScale ?? 1))
      XCTAssertNil(record?["theta"])
    }
    let fitOutputs = doc.blocks.compactMap { b -> [BlockOutput]? in
      if case .directive(let d) = b, d.call.label == "fit" { return d.outputs } else { return nil }
    }.first ?? []
    let headers = fitOutputs.compactMap { o -> [String]? in if case .table(let t) = o { return t.columns.map(\.header) } else { return nil } }.first
    XCTAssertEqual(headers?[3...4], ["Weibull shape k", "Weibull scale λ"])

    // The posterior-mean point model's parameters, from the {bayes} value.
    let point = Self.names.map { name -> (p: ChannelParameters, coef: Double) in
      let r = bayes["channels"]?[name]
      func v(_ k: String) -> Double { r?[k]?.doubleValue ?? .nan }
      return (ChannelParameters(theta: 0, alpha: v("alpha"), gamma: v("gamma"), shape: v("shape"), scale: v("scale")), v("coef"))
    }

    // {curves}: a constant spend s settles at s (the kernel sums to 1), so
    // the response is β·Hill(s); marginal ROI's interval is that of every
    // draw's β α r / (s (1 + r)²), r = (γ/s)^α.
    let curves = value(doc, "curves")
    for (c, name) in Self.names.enumerated() {
      let r = curves["channels"]?[name], s = r?["current_spend"]?.doubleValue ?? .nan
      XCTAssertEqual(s, input.meanWeeklySpend[c], accuracy: 1e-9 * s)
      let response = point[c].coef * Self.hill(s, point[c].p)
      XCTAssertEqual(r?["current_response"]?.doubleValue ?? .nan, response, accuracy: 1e-9 * response, name)
      let mroi = draws.map { d -> Double in
        let p = d.parameters[c], x = pow(p.gamma / s, p.alpha)
        return d.coefficients[c] * p.alpha * x / (s * (1 + x) * (1 + x))
      }
      XCTAssertEqual(r?["mroi_low"]?.doubleValue ?? .nan, q(mroi, 0.05), accuracy: 1e-9 * abs(q(mroi, 0.5)), name)
      XCTAssertEqual(r?["mroi_high"]?.doubleValue ?? .nan, q(mroi, 0.95), accuracy: 1e-9 * abs(q(mroi, 0.5)), name)
    }

    // {plan}: expected weekly media revenue at current spend over the
    // draws (each draw's steady state is β·Hill(s)); the lift's mean and
    // interval over every draw's own curves.
    let plan = value(doc, "plan")
    let current = input.meanWeeklySpend
    let recommended = Self.names.map { plan["channels"]?[$0]?["recommended_spend"]?.doubleValue ?? .nan }
    let predictedCurrent = draws.reduce(0.0) { sum, d in
      sum + (0..<3).reduce(0.0) { $0 + d.coefficients[$1] * Self.hill(current[$1], d.parameters[$1]) }
    } / Double(draws.count)
    XCTAssertEqual(plan["predicted_current"]?.doubleValue ?? .nan, predictedCurrent, accuracy: 1e-9 * predictedCurrent)
    let lifts = draws.map { d in
      (0..<3).reduce(0.0) { $0 + d.coefficients[$1] * (Self.hill(recommended[$1], d.parameters[$1]) - Self.hill(current[$1], d.parameters[$1])) }
    }
    let liftScale = abs(q(lifts, 0.95) - q(lifts, 0.05))
    XCTAssertEqual(plan["lift_mean"]?.doubleValue ?? .nan, lifts.reduce(0, +) / Double(lifts.count), accuracy: 1e-9 * liftScale)
    XCTAssertEqual(plan["lift_low"]?.doubleValue ?? .nan, q(lifts, 0.05), accuracy: 1e-9 * liftScale)
    XCTAssertEqual(plan["lift_high"]?.doubleValue ?? .nan, q(lifts, 0.95), accuracy: 1e-9 * liftScale)
    XCTAssertEqual(
      plan["lift_probability_positive"]?.doubleValue ?? .nan, Double(lifts.filter { $0 > 0 }.count) / 400, accuracy: 1e-12)

    // {forecast}: 4 weeks at the last 13 weeks' mean spend, the kernel run
    // over history ++ plan, the calendar controls continued; each draw with
    // its own baseline (intercept and control coefficients) and media; the
    // total is the mean of the draws' totals, the interval their quantiles.
    let forecast = value(doc, "forecast")
    let plans = input.spend.map { s in s + [Double](repeating: s.suffix(13).reduce(0, +) / 13, count: 4) }
    let last = input.weekStarts[input.weekCount - 1]
    let futureControls = MMMCalendarControls.values(weekStarts: [input.weekStarts[0]] + (1...4).map { last + 7 * $0 }).map { Array($0.dropFirst()) }
    XCTAssertEqual(futureControls.count, input.controls.count)
    let totals = draws.map { d in
      (0..<4).reduce(0.0) { sum, t in sum + d.intercept + futureControls.indices.reduce(0.0) { $0 + d.controlCoefficients[$1] * futureControls[$1][t] } }
        + (0..<3).reduce(0.0) { $0 + d.coefficients[$1] * Self.feature(plans[$1], d.parameters[$1], weeks: 4).reduce(0, +) }
    }
    let total = totals.reduce(0, +) / Double(totals.count)
    XCTAssertEqual(forecast["total"]?.doubleValue ?? .nan, total, accuracy: 1e-9 * total)
    XCTAssertEqual(forecast["draws"], .integer(400))
    XCTAssertEqual(forecast["total_low"]?.doubleValue ?? .nan, q(totals, 0.05), accuracy: 1e-9 * total)
    XCTAssertEqual(forecast["total_high"]?.doubleValue ?? .nan, q(totals, 0.95), accuracy: 1e-9 * total)

    // {cv}: the regression refitted per fold with the posterior-mean kernel.
    let report = try RollingCV.evaluate(
      input, parameters: posterior.pointModel.parameters, adstock: .weibullPDF, ridgeAlpha: 10,
      options: RollingCV.Options(train: 40, test: 13, step: 13))
    XCTAssertEqual(value(doc, "validation")["cv"]?["r2"]?.doubleValue ?? .nan, report.mean(\.r2), accuracy: 1e-9)

    // The cache replays the Weibull posterior: downstream blocks whose text
    // changed (defaults written out) rerun on the decoded fit, whose point
    // model is rebuilt with the pdf kernel, and give the same values.
    let edited = Self.notebook.replacingOccurrences(of: "weeks: 4", with: "weeks: 4\nlevel: 0.9")
      .replacingOccurrences(of: "roi: boot\n```\n\n```{plan}", with: "roi: boot\npoints: 100\n```\n\n```{plan}")
      .replacingOccurrences(of: "model: fit\nroi: boot\n```\n\n```{forecast}", with: "model: fit\nroi: boot\nchange: 0.3\n```\n\n```{forecast}")
    let warm = executor.run(try NotebookParser.parse(edited, path: "mmm.md"), baseDirectory: dir)
    for case .directive(let d) in warm.blocks where d.call.label != "mmm" {
      XCTAssertEqual(d.fromCache, ["fit", "boot", "validation"].contains(d.call.label ?? ""), d.call.label ?? "")
    }
    for label in ["fit", "boot", "curves", "plan", "forecast", "validation"] {
      XCTAssertEqual(value(warm, label), value(doc, label), label)
    }
  }
}
