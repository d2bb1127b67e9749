import FolioData
import FolioModels
import FolioStats
import Foundation
import XCTest

@testable import FolioNotebook

/// `{bayes}` end to end on data from the committed simulator
/// (`MMMSimulation`, 3 channels × 80 weeks, seed 4242 — not the shipped
/// sample's), 2 chains × 300/300 to keep the suite fast: the block's ROI
/// intervals and lift-test summaries are `BayesianMMM.fit`'s on the same
/// input and seed; `{roi}` summarizes the same posterior as "posterior";
/// `{cv}` refits at the posterior-mean transforms; renders are
/// deterministic and the cache replays them; bad options and lift-test rows
/// are errors at their place; a too-short run is reported as not converged.
final class MarketingMixBayesDirectiveTests: XCTestCase {
  var dir = ""
  let monday = CivilDate.days(year: 2022, month: 1, day: 3)
  static let sim = try! MMMSimulation.generate(weeks: 80, channels: 3, seed: 4242)
  static let names = ["Search", "Social", "Video"]
  static let keys = names.map { "\($0)_GLOBAL_ALL" }

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-bayes-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let sim = Self.sim
    var csv = "WEEK_START,CHANNEL,SPEND,REVENUE\n"
    for t in 0..<sim.input.weekCount {
      for c in 0..<3 {
        csv += "\(CivilDate.isoString(days: monday + 7 * t)),\(Self.names[c]),\(sim.input.spend[c][t]),\(sim.input.revenue[t] / 3)\n"
      }
    }
    try csv.write(toFile: dir + "/mmm.csv", atomically: true, encoding: .utf8)
    try liftCSV().write(toFile: dir + "/lift.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func week(_ t: Int) -> String { CivilDate.isoString(days: monday + 7 * t) }

  /// One experiment on Social over weeks 40–47, measured 5% above the
  /// simulation's true contribution over those weeks, se 10% of it.
  func liftCSV(rows: [String]? = nil) -> String {
    let truth = Self.sim.contributions[1][40...47].reduce(0, +)
    let row = "Social,\(week(40)),\(week(47)),\(1.05 * truth),\(0.1 * truth)"
    return "CHANNEL,FIRST_WEEK,LAST_WEEK,LIFT,LIFT_SE\n" + (rows ?? [row]).joined(separator: "\n") + "\n"
  }

  static func notebook(bayes: String = "chains: 2\nwarmup: 300\ndraws: 300\nseed: 5\nlift_tests: lift", roi: String = "model: fit") -> String {
    """
    ---
    seed: 3
    ---
    ```{mmm_data} mmm
    csv: mmm.csv
    ```

    ```{data} lift
    csv: lift.csv
    types: {FIRST_WEEK: week, LAST_WEEK: week}
    ```

    ```{bayes} fit
    data: mmm
    \(bayes)
    ```

    ```{roi} boot
    \(roi)
    ```

    ```{cv} validation
    model: fit
    train: 40
    test: 13
    step: 13
    ```
    """
  }

  func render(_ notebook: String = notebook(), cache: Bool = false) throws -> ExecutedDocument {
    var ex = Executor()
    if cache { ex.cache = BlockCache(directory: dir + "/cache") }
    return ex.run(try NotebookParser.parse(notebook, path: "mmm.md"), baseDirectory: dir)
  }

  func value(_ doc: ExecutedDocument, _ label: String) -> Value { doc.results.first { $0.label == label }?.value ?? .null }

  func outputs(_ doc: ExecutedDocument, _ label: String) -> [BlockOutput] {
    for case .directive(let d) in doc.blocks where d.call.label == label { return d.outputs }
    return []
  }

  func errors(_ doc: ExecutedDocument) -> [String] { doc.diagnostics.map(\.description) }

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

  func testBlockAndROIIntervalsAreThoseOfTheSamplerOnTheSameInputAndSeed() throws {
    let doc = try render()
    XCTAssertEqual(errors(doc), [])
    let input = try input(doc)
    let truth = Self.sim.contributions[1][40...47].reduce(0, +)
    let test = MMMLiftTest(channel: 1, firstWeek: 40, lastWeek: 47, incrementalRevenue: 1.05 * truth, standardError: 0.1 * truth)
    let fit = try BayesianMMM.fit(
      input, liftTests: [test],
      options: NUTSSampler.Options(chains: 2, warmup: 300, draws: 300, seed: 5, targetAcceptance: 0.9, metric: .dense))
    let bayes = value(doc, "fit"), roi = value(doc, "boot")
    XCTAssertEqual(roi["method"], .string("posterior"))
    XCTAssertEqual(roi["resamples"], .integer(600))
    for c in 0..<3 {
      let name = Self.names[c], expected = fit.channels[c]
      for (record, kind) in [(bayes["channels"]?[name], "bayes"), (roi["channels"]?[name], "roi")] {
        XCTAssertEqual(record?["roi"]?.doubleValue ?? .nan, expected.roiMedian, accuracy: 1e-12 * expected.roiMedian, "\(kind) \(name)")
        XCTAssertEqual(record?["roi_low"]?.doubleValue ?? .nan, expected.roiLow, accuracy: 1e-12 * expected.roiLow, "\(kind) \(name)")
        XCTAssertEqual(record?["roi_high"]?.doubleValue ?? .nan, expected.roiHigh, accuracy: 1e-12 * expected.roiHigh, "\(kind) \(name)")
      }
    }
    // The lift test: its weeks read from the dataset, the model's implied
    // lift the median and 90% interval of the density's own over all draws.
    let implied = fit.draws.map { fit.density.impliedLift(test, at: Array($0)) }.flatMap { $0 }
    guard case .array(let tests)? = bayes["lift_tests"], let summary = tests.first else { return XCTFail("no lift tests") }
    XCTAssertEqual(summary["first_week"], .string(week(40)))
    XCTAssertEqual(summary["measured"]?.doubleValue ?? .nan, 1.05 * truth, accuracy: 1e-9 * truth)
    let median = ConvergenceDiagnostics.quantile(implied, 0.5)
    XCTAssertEqual(summary["implied"]?.doubleValue ?? .nan, median, accuracy: 1e-9 * abs(median))
    XCTAssertEqual(summary["implied_low"]?.doubleValue ?? .nan, ConvergenceDiagnostics.quantile(implied, 0.05), accuracy: 1e-9 * abs(median))
    // {cv}: the regression refitted per fold at the posterior-mean transforms.
    let posterior = try BayesianMMMPosterior(fit: fit, input: input)
    let report = try RollingCV.evaluate(
      input, parameters: posterior.pointModel.parameters, adstock: .geometric, ridgeAlpha: 10,
      options: RollingCV.Options(train: 40, test: 13, step: 13))
    XCTAssertEqual(value(doc, "validation")["cv"]?["r2"]?.doubleValue ?? .nan, report.mean(\.r2), accuracy: 1e-9)
    XCTAssertEqual(value(doc, "validation")["quality"], .string(report.quality.rawValue))
  }

  func testRendersAreIdenticalAndTheCacheReplaysThem() throws {
    let cold = try render(cache: true)
    XCTAssertEqual(errors(cold), [])
    let again = try render()
    let warm = try render(cache: true)
    for case .directive(let d) in warm.blocks where ["fit", "boot"].contains(d.call.label) { XCTAssertTrue(d.fromCache, d.call.label ?? "") }
    for label in ["fit", "boot", "validation"] {
      XCTAssertEqual(value(again, label), value(cold, label), label)
      XCTAssertEqual(value(warm, label), value(cold, label), label)
      XCTAssertEqual(String(reflecting: outputs(again, label)), String(reflecting: outputs(cold, label)), label)
      XCTAssertEqual(String(reflecting: outputs(warm, label)), String(reflecting: outputs(cold, label)), label)
    }
  }

  func testResamplingOptionsOnABayesianModelAreErrorsAtTheirLine() throws {
    let doc = try render(Self.notebook(bayes: "chains: 1\nwarmup: 20\ndraws: 20", roi: "model: fit\nlevel: 0.8\nresamples: 50"))
    XCTAssertEqual(errors(doc), [
      "mmm.md:23:12: error: 'resamples' has no effect on a Bayesian model: 'fit' is a {bayes} fit, whose intervals come from its posterior draws; remove 'resamples'"
    ])
  }

  func testTooShortARunSaysPlainlyThatItHasNotConverged() throws {
    let doc = try render(Self.notebook(bayes: "chains: 1\nwarmup: 20\ndraws: 20"))
    XCTAssertEqual(errors(doc), [])
    let d = value(doc, "fit")["diagnostics"]
    XCTAssertEqual(d?["converged"], .bool(false))
    guard case .string(let problems)? = d?["problems"] else { return XCTFail("no problems text") }
    XCTAssertTrue(problems.contains("The effective sample size falls to"), problems)
    XCTAssertTrue(problems.contains("run more draws or more chains"), problems)
    let section = outputs(doc, "fit").compactMap { o -> String? in if case .markdown(let m) = o { return m } else { return nil } }
    XCTAssertTrue(section.first?.contains("**Do not rely on these numbers yet.**") ?? false, section.first ?? "no section")
    XCTAssertTrue(outputs(doc, "boot").contains { if case .note(let n) = $0 { return n.contains("convergence checks failed") } else { return false } })
  }

  func testLiftTestRowsAreValidatedWithRowAndColumn() throws {
    let cases: [(rows: [String], message: String)] = [
      (["Radio,\(week(40)),\(week(47)),1000,100"], "row 1, column CHANNEL: unknown channel 'Radio'"),
      (["Social,\(week(40)),\(week(47)),1000,100", "Video,\(week(40)),\(week(47)),1000,0"], "row 2, column LIFT_SE: expected a standard error > 0, found 0.0"),
      (["Social,\(week(40)),\(week(90)),1000,100"], "row 1, column LAST_WEEK: \(week(90)) is not a week of the data (\(week(0)) to \(week(79)))"),
      (["Social,\(week(47)),\(week(40)),1000,100"], "row 1: FIRST_WEEK \(week(47)) is after LAST_WEEK \(week(40))"),
    ]
    for (rows, message) in cases {
      try liftCSV(rows: rows).write(toFile: dir + "/lift.csv", atomically: true, encoding: .utf8)
      let doc = try render()
      XCTAssertEqual(errors(doc).first?.hasPrefix("mmm.md:19:13: error: lift_tests 'lift': \(message)"), true, errors(doc).first ?? "no error")
    }
  }

  func testBadPriorsAndAdstockAreErrorsAtTheirPlace() throws {
    let unknown = try render(Self.notebook(bayes: "roi_priors: {Radio: {mean: 1, sd: 0.5}}"))
    XCTAssertEqual(errors(unknown).first, "mmm.md:15:14: error: roi_priors: unknown channel 'Radio'; expected one of Search, Social, Video")
    let noSD = try render(Self.notebook(bayes: "roi_prior: {mean: 1}"))
    XCTAssertEqual(errors(noSD).first, "mmm.md:15:12: error: roi_prior: expected {mean: μ, sd: σ} of log ROI, with both fields")
    let negative = try render(Self.notebook(bayes: "roi_prior: {mean: 1, sd: -2}"))
    XCTAssertEqual(errors(negative).first?.hasPrefix("mmm.md:15:26: error: roi_prior.sd: expected a number > 0, found -2.0"), true, errors(negative).first ?? "no error")
    XCTAssertEqual(errors(negative).first?.contains("roi_prior.sd: expected a number > 0"), true, errors(negative).first ?? "no error")
    let kernel = try render(Self.notebook(bayes: "adstock: weibull_pdf"))
    XCTAssertEqual(errors(kernel).first?.hasPrefix("mmm.md:15:10: error: adstock"), true, errors(kernel).first ?? "no error")
  }
}
