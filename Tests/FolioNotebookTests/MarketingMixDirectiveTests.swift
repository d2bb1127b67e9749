import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs the marketing-mix directives end to end on a small simulated data
/// set (3 channels × 2 countries × 80 weeks, plus one tiny channel below the
/// minimum spend) and checks the values they hand to the report and tables.
final class MarketingMixDirectiveTests: XCTestCase {
  var dir = ""

  /// A deterministic linear congruential generator in [0, 1), so the test
  /// data need no other module.
  struct LCG {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
  }

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-mmm-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var rng = LCG(state: 42)
    let channels: [(name: String, mean: Double, theta: Double, beta: Double, gamma: Double)] = [
      ("Search", 10_000, 0.2, 40_000, 15_000), ("Social", 6_000, 0.5, 20_000, 12_000), ("Video", 8_000, 0.7, 15_000, 30_000),
    ]
    var csv = "WEEK_START,COUNTRY,CHANNEL,SPEND,REVENUE,PMI_INDEX\n"
    var carry = [Double](repeating: 0, count: channels.count)
    let monday = CivilDate.days(year: 2023, month: 1, day: 2)
    for t in 0..<80 {
      let week = CivilDate.isoString(days: monday + 7 * t)
      var spend: [Double] = []
      var revenue = 100_000 + 5_000 * sin(2 * Double.pi * Double(t) / 52) + 2_000 * (rng.next() - 0.5)
      for (c, ch) in channels.enumerated() {
        let s = ch.mean * (0.3 + 1.4 * rng.next())
        spend.append(s)
        carry[c] = s + ch.theta * carry[c]
        revenue += ch.beta * carry[c] / (carry[c] + ch.gamma)
      }
      let pmi = 50 + 2 * rng.next()
      for (c, ch) in channels.enumerated() {
        csv += "\(week),US,\(ch.name),\(spend[c] * 0.6),\(revenue * 0.3),\(pmi)\n"
        csv += "\(week),DE,\(ch.name),\(spend[c] * 0.4),\(revenue / 30),\(pmi)\n"
      }
      if t % 20 == 0 { csv += "\(week),US,Radio,100,0,\(pmi)\n" }
    }
    try csv.write(toFile: dir + "/mmm.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  static let pipeline = """
    ---
    seed: 11
    ---
    ```{mmm_data} mmm
    csv: mmm.csv
    min_spend: 1000
    ```

    ```{search} fit
    data: mmm
    budget: 150
    ```

    ```{cv} validation
    model: fit
    train: 40
    test: 10
    step: 10
    ```

    ```{roi} boot
    model: fit
    resamples: 20
    ```

    ```{curves} curves
    model: fit
    roi: boot
    points: 25
    ```

    ```{plan} plan
    model: fit
    roi: boot
    cv: validation
    change: 0.3
    ```
    """

  func run(_ body: String) throws -> ExecutedDocument {
    Executor().run(try NotebookParser.parse(body, path: "mmm.md"), baseDirectory: dir)
  }

  func value(_ doc: ExecutedDocument, _ label: String) -> Value {
    doc.results.first { $0.label == label }?.value ?? .null
  }

  func table(_ doc: ExecutedDocument, _ name: String) -> Frame? {
    doc.resultTables.first { $0.name == name }?.frame
  }

  func number(_ v: Value, _ path: String...) -> Double {
    var cur: Value? = v
    for p in path { cur = cur?[p] }
    return cur?.doubleValue ?? .nan
  }

  func testPreparationKeysChannelsAtGlobalLevelAndReportsTheDroppedChannel() throws {
    let doc = try run(Self.pipeline)
    XCTAssertEqual(doc.diagnostics, [])
    let mmm = value(doc, "mmm")
    XCTAssertEqual(mmm["channels"], .array(["Search_GLOBAL_ALL", "Social_GLOBAL_ALL", "Video_GLOBAL_ALL"].map(Value.string)))
    XCTAssertEqual(mmm["labels"], .array(["Search", "Social", "Video"].map(Value.string)))
    XCTAssertEqual(mmm["weeks"], .integer(80))
    XCTAssertEqual(mmm["dropped"], .array([.object([("key", .string("Radio_GLOBAL_ALL")), ("total_spend", .number(400))])]))
  }

  func testPlanSpendsExactlyTheCurrentBudgetWithinThirtyPercentOfEachChannel() throws {
    let doc = try run(Self.pipeline)
    XCTAssertEqual(doc.diagnostics, [])
    let plan = value(doc, "plan")
    let current = number(plan, "current_total"), recommended = number(plan, "recommended_total")
    XCTAssertEqual(recommended, current, accuracy: 1e-9 * current)
    var sum = 0.0
    for label in ["Search", "Social", "Video"] {
      let s = number(plan, "channels", label, "spend"), r = number(plan, "channels", label, "recommended_spend")
      XCTAssertGreaterThanOrEqual(r, 0.7 * s * (1 - 1e-12), label)
      XCTAssertLessThanOrEqual(r, 1.3 * s * (1 + 1e-12), label)
      XCTAssertEqual(number(plan, "channels", label, "change_pct"), 100 * (r - s) / s, accuracy: 1e-9)
      sum += r
    }
    XCTAssertEqual(sum, current, accuracy: 1e-9 * current)
    XCTAssertGreaterThanOrEqual(number(plan, "lift"), 0)
    XCTAssertEqual(plan["kkt"]?["complementary_slackness"], .bool(true))
  }

  func testModelResultsHasOneRowPerChannelEqualToTheValueFields() throws {
    let doc = try run(Self.pipeline)
    guard let results = table(doc, "MODEL_RESULTS") else { return XCTFail("no MODEL_RESULTS") }
    XCTAssertEqual(results.rowCount, 3)
    let fit = value(doc, "fit"), boot = value(doc, "boot"), plan = value(doc, "plan")
    for (row, label) in ["Search", "Social", "Video"].enumerated() {
      XCTAssertEqual(results["LABEL"]?[row], .string(label))
      XCTAssertEqual(results["THETA"]?[row].doubleValue, number(fit, "channels", label, "theta"))
      XCTAssertEqual(results["ALPHA"]?[row].doubleValue, number(fit, "channels", label, "alpha"))
      XCTAssertEqual(results["GAMMA"]?[row].doubleValue, number(fit, "channels", label, "gamma"))
      XCTAssertEqual(results["COEF"]?[row].doubleValue, number(fit, "channels", label, "coef"))
      XCTAssertEqual(results["ROI"]?[row].doubleValue, number(fit, "channels", label, "roi"))
      XCTAssertEqual(results["ROI"]?[row].doubleValue, number(boot, "channels", label, "roi"))
      XCTAssertEqual(results["ROI_LOW"]?[row].doubleValue, number(boot, "channels", label, "roi_low"))
      XCTAssertEqual(results["ROI_HIGH"]?[row].doubleValue, number(boot, "channels", label, "roi_high"))
      XCTAssertEqual(results["IS_SIGNIFICANT"]?[row], .string(boot["channels"]?[label]?["is_significant"] == .bool(true) ? "true" : "false"))
      XCTAssertEqual(results["MROI"]?[row].doubleValue, number(value(doc, "curves"), "channels", label, "mroi"))
      XCTAssertEqual(results["SPEND"]?[row].doubleValue, number(plan, "channels", label, "spend"))
      XCTAssertEqual(results["RECOMMENDED_SPEND"]?[row].doubleValue, number(plan, "channels", label, "recommended_spend"))
      XCTAssertEqual(plan["channels"]?[label]?["roi_ci"], .array([.number(number(boot, "channels", label, "roi_low")), .number(number(boot, "channels", label, "roi_high"))]))
    }
    // Current spend is the mean weekly spend: Search's is the mean of its weekly totals.
    let weekly = value(doc, "mmm")["weekly"]
    guard case .table(let w)? = weekly, let search = w["Search_GLOBAL_ALL"]?.doubles else { return XCTFail() }
    XCTAssertEqual(results["SPEND"]?[0].doubleValue ?? .nan, search.reduce(0, +) / 80, accuracy: 1e-9)
  }

  func testCrossValidationFoldsNeverTrainOnTheFuture() throws {
    let doc = try run(Self.pipeline)
    guard case .table(let folds)? = value(doc, "validation")["folds"],
      case .date(let trainEnd)? = folds["TRAIN_END"], case .date(let testStart)? = folds["TEST_START"],
      case .date(let testEnd)? = folds["TEST_END"], case .date(let trainStart)? = folds["TRAIN_START"]
    else { return XCTFail("no folds") }
    // 80 weeks, train 40, test 10, step 10: folds start at weeks 0, 10, 20, 30.
    XCTAssertEqual(folds.rowCount, 4)
    let monday = Int32(CivilDate.days(year: 2023, month: 1, day: 2))
    for k in 0..<4 {
      XCTAssertEqual(trainStart.days[k], monday + Int32(7 * 10 * k))
      XCTAssertEqual(trainEnd.days[k], monday + Int32(7 * (10 * k + 39)))
      XCTAssertEqual(testStart.days[k], trainEnd.days[k] + 7)
      XCTAssertEqual(testEnd.days[k], testStart.days[k] + 7 * 9)
    }
    let cv = value(doc, "validation")
    XCTAssertEqual(cv["fold_count"], .integer(4))
    guard case .number(let mape)? = cv["cv"]?["mape"], case .number(let r2)? = cv["cv"]?["r2"],
      case .number(let nrmse)? = cv["cv"]?["nrmse"]
    else { return XCTFail() }
    // The label is the worst of three out-of-sample grades (README thresholds).
    let grades = ["needs work", "acceptable", "good", "excellent"]
    let byMAPE = mape < 10 ? 3 : mape < 20 ? 2 : mape < 30 ? 1 : 0
    let byR2 = r2 >= 0.8 ? 3 : r2 >= 0.6 ? 2 : r2 >= 0.3 ? 1 : 0
    let byNRMSE = nrmse < 10 ? 3 : nrmse < 15 ? 2 : nrmse < 25 ? 1 : 0
    XCTAssertEqual(cv["quality"], .string(grades[min(byMAPE, byR2, byNRMSE)]))
  }

  func testResponseCurvesTableHasEveryPointAndBandsAroundTheCurve() throws {
    let doc = try run(Self.pipeline)
    guard let curves = table(doc, "RESPONSE_CURVES"), let spend = curves["SPEND"]?.doubles,
      let response = curves["RESPONSE"]?.doubles, let low = curves["LOWER"]?.doubles, let high = curves["UPPER"]?.doubles
    else { return XCTFail("no RESPONSE_CURVES") }
    XCTAssertEqual(curves.rowCount, 3 * 25)
    XCTAssertEqual(spend[0], 0)
    XCTAssertEqual(response[0], 0)
    for i in 0..<curves.rowCount {
      XCTAssertLessThanOrEqual(low[i], response[i])
      XCTAssertGreaterThanOrEqual(high[i], response[i])
      XCTAssertEqual(high[i] - response[i], response[i] - low[i], accuracy: 1e-6 * max(1, abs(response[i])))
    }
    // Last point is 3 × the max weekly spend of the channel.
    guard case .table(let w)? = value(doc, "mmm")["weekly"], let search = w["Search_GLOBAL_ALL"]?.doubles else { return XCTFail() }
    XCTAssertEqual(spend[24], 3 * (search.max() ?? 0), accuracy: 1e-9)
  }

  func testSameSeedGivesIdenticalResultsAndAnotherSeedAnotherSearch() throws {
    let a = try run(Self.pipeline), b = try run(Self.pipeline)
    for label in ["fit", "validation", "boot", "curves", "plan"] { XCTAssertEqual(value(a, label), value(b, label), label) }
    let c = try run(Self.pipeline.replacingOccurrences(of: "seed: 11", with: "seed: 12"))
    XCTAssertNotEqual(value(a, "fit")["seed"], value(c, "fit")["seed"])
  }

  func testWeibullAdstockRunsThroughEveryDirectiveAndRecordsShapeAndScale() throws {
    let doc = try run(Self.pipeline.replacingOccurrences(of: "budget: 150", with: "budget: 150\nadstock: weibull"))
    XCTAssertEqual(doc.diagnostics, [])
    let fit = value(doc, "fit")
    XCTAssertEqual(fit["adstock"], .string("weibull"))
    XCTAssertNil(fit["channels"]?["Search"]?["theta"])
    let shape = number(fit, "channels", "Search", "shape"), scale = number(fit, "channels", "Search", "scale")
    XCTAssertTrue((0.5...5).contains(shape) && (0...1).contains(scale), "\(shape), \(scale)")
    guard let results = table(doc, "MODEL_RESULTS") else { return XCTFail() }
    XCTAssertEqual(results["SHAPE"]?[0].doubleValue, shape)
    XCTAssertEqual(results["SCALE"]?[0].doubleValue, scale)
  }

  // MARK: - Errors

  func testUnknownAdstockIsALocatedErrorWithASuggestion() throws {
    let doc = try run(Self.pipeline.replacingOccurrences(of: "budget: 150", with: "budget: 150\nadstock: geometrik"))
    XCTAssertEqual(doc.diagnostics.first?.description,
      "mmm.md:12:10: error: adstock: expected geometric or weibull, found 'geometrik'; did you mean 'geometric'?")
  }

  func testFloorAboveTheBoxIsAnInfeasibleBudgetError() throws {
    let doc = try run(Self.pipeline + "\n\n```{plan} tight\nmodel: fit\nfloors: {Search: 1000000}\n```\n")
    let e = doc.diagnostics.first { $0.blockLabel == "tight" }
    XCTAssertEqual(e?.error.location?.line, 39)
    XCTAssertTrue(e?.error.message.hasPrefix("infeasible budget: Search_GLOBAL_ALL: lower bound 1000000.0 is above upper bound") ?? false,
                  e?.description ?? "no error")
  }

  func testUnknownChannelInCapsIsLocatedAtTheKey() throws {
    let doc = try run(Self.pipeline + "\n\n```{plan} caps\nmodel: fit\ncaps: {Serch: 5}\n```\n")
    XCTAssertEqual(doc.diagnostics.first { $0.blockLabel == "caps" }?.description,
      "mmm.md:41:8: error: caps: unknown channel 'Serch'; did you mean 'Search'?")
  }

  func testCrossValidationWindowLongerThanTheDataIsAnError() throws {
    let doc = try run(Self.pipeline.replacingOccurrences(of: "train: 40", with: "train: 75"))
    XCTAssertEqual(doc.diagnostics.first?.description,
      "mmm.md:16:8: error: train + test = 85 weeks, but the data have 80; expected a shorter window")
  }

  func testModelOptionMustNameASearchBlock() throws {
    let doc = try run(Self.pipeline.replacingOccurrences(of: "model: fit\ntrain", with: "model: mmm\ntrain"))
    XCTAssertEqual(doc.diagnostics.first?.description,
      "mmm.md:15:8: error: 'mmm' is an {mmm_data} block's prepared marketing data, expected a {search} or {bayes} block's fitted marketing-mix model")
  }

  func testMissingSpendColumnNamesTheColumnAndFile() throws {
    try "WEEK_START,CHANNEL,REVENUE\n2024-01-01,A,1\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
    let doc = try run("```{mmm_data} m\ncsv: bad.csv\n```\n")
    XCTAssertEqual(doc.diagnostics.first?.description,
      "mmm.md:1:1: error: bad.csv: missing column 'SPEND' (spend); the data has: WEEK_START, CHANNEL, REVENUE")
  }

  func testBadBootstrapMethodIsLocated() throws {
    let doc = try run(Self.pipeline.replacingOccurrences(of: "resamples: 20", with: "resamples: 20\nmethod: blocks"))
    XCTAssertEqual(doc.diagnostics.first?.description,
      "mmm.md:24:9: error: method: expected iid or block, found 'blocks'; did you mean 'block'?")
  }
}
