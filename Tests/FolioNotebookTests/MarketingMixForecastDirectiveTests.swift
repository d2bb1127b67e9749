import FolioData
import FolioModels
import Foundation
import XCTest

@testable import FolioNotebook

/// `{forecast}` end to end on a small simulated data set (3 channels, 60
/// weeks, a PMI control): the plan dataset is read against the model
/// (channels by label or key, calendar controls continued on the model's
/// time axis by hand here, the market control from the plan), and every
/// malformed plan is an error at the `plan:` reference.
final class MarketingMixForecastDirectiveTests: XCTestCase {
  var dir = ""
  let monday = CivilDate.days(year: 2023, month: 1, day: 2)
  let weeks = 60

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-forecast-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var state: UInt64 = 7
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let channels: [(name: String, mean: Double, theta: Double, beta: Double, gamma: Double)] = [
      ("Search", 10_000, 0.2, 40_000, 15_000), ("Social", 6_000, 0.5, 20_000, 12_000), ("Video", 8_000, 0.6, 15_000, 30_000),
    ]
    var csv = "WEEK_START,CHANNEL,SPEND,REVENUE,PMI_INDEX\n"
    var carry = [Double](repeating: 0, count: 3)
    for t in 0..<weeks {
      var revenue = 100_000 + 5_000 * sin(2 * Double.pi * Double(t) / 52) + 2_000 * (uniform() - 0.5)
      var spend: [Double] = []
      for (c, ch) in channels.enumerated() {
        let s = ch.mean * (0.3 + 1.4 * uniform())
        spend.append(s)
        carry[c] = s + ch.theta * carry[c]
        revenue += ch.beta * carry[c] / (carry[c] + ch.gamma)
      }
      let pmi = 50 + 2 * uniform()
      for (c, ch) in channels.enumerated() {
        csv += "\(CivilDate.isoString(days: monday + 7 * t)),\(ch.name),\(spend[c]),\(revenue / 3),\(pmi)\n"
      }
    }
    try csv.write(toFile: dir + "/mmm.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// A 4-week plan after the data, spend per channel and PMI per week.
  let planSpend: [[Double]] = [[12_000, 0, 9_000, 15_000], [5_000, 5_000, 7_000, 0], [8_000, 20_000, 0, 4_000]]
  let planPMI: [Double] = [51, 51.5, 52, 50.5]

  func planCSV(header: [String] = ["WEEK_START", "Search", "Social", "Video", "PMI_INDEX"], start: Int = 60, spend: [[Double]]? = nil) -> String {
    let s = spend ?? planSpend
    var csv = header.joined(separator: ",") + "\n"
    for t in 0..<4 {
      csv += ([CivilDate.isoString(days: monday + 7 * (start + t))] + (0..<3).map { "\(s[$0][t])" } + ["\(planPMI[t])"]).joined(separator: ",") + "\n"
    }
    return csv
  }

  static let pipeline = """
    ---
    seed: 3
    ---
    ```{mmm_data} mmm
    csv: mmm.csv
    ```

    ```{search} fit
    data: mmm
    budget: 120
    ```

    ```{roi} boot
    model: fit
    resamples: 30
    ```

    ```{data} next
    csv: plan.csv
    types: {WEEK_START: week}
    ```

    ```{forecast} forecast
    model: fit
    roi: boot
    plan: next
    ```
    """

  func run(plan: String, notebook: String = pipeline) throws -> ExecutedDocument {
    try plan.write(toFile: dir + "/plan.csv", atomically: true, encoding: .utf8)
    return Executor().run(try NotebookParser.parse(notebook, path: "mmm.md"), baseDirectory: dir)
  }

  func value(_ doc: ExecutedDocument, _ label: String) -> Value {
    doc.results.first { $0.label == label }?.value ?? .null
  }

  func forecastError(_ doc: ExecutedDocument) -> String? {
    doc.diagnostics.first { $0.blockLabel == "forecast" }?.description
  }

  /// The searched model rebuilt from the blocks' full-precision records.
  func rebuiltModel(_ doc: ExecutedDocument) throws -> MMMModel {
    guard case .table(let weekly)? = value(doc, "mmm")["weekly"] else { throw XCTSkip("no weekly table") }
    let keys = ["Search_GLOBAL_ALL", "Social_GLOBAL_ALL", "Video_GLOBAL_ALL"], labels = ["Search", "Social", "Video"]
    let controls = MMMCalendarControls.names + ["PMI_INDEX"]
    guard case .date(let days)? = weekly["WEEK_START"] else { throw XCTSkip("no weeks") }
    let input = try MMMInput(
      weekStarts: days.days.map { Int($0) }, channels: keys, spend: keys.map { weekly[$0]?.doubles ?? [] },
      revenue: weekly["REVENUE"]?.doubles ?? [], controlNames: controls, controls: controls.map { weekly[$0]?.doubles ?? [] })
    let fit = value(doc, "fit")
    let params = labels.map { l in
      ChannelParameters(
        theta: fit["channels"]?[l]?["theta"]?.doubleValue ?? .nan, alpha: fit["channels"]?[l]?["alpha"]?.doubleValue ?? .nan,
        gamma: fit["channels"]?[l]?["gamma"]?.doubleValue ?? .nan)
    }
    return try MMMModel.fit(input, parameters: params, ridgeAlpha: 10)
  }

  func testForecastContinuesTheCalendarAndTakesTheMarketControlFromThePlan() throws {
    let doc = try run(plan: planCSV())
    XCTAssertEqual(doc.diagnostics, [])
    let model = try rebuiltModel(doc)
    // Calendar controls of weeks 60…63 by hand: t weeks after the first week.
    var controls = [[Double]](repeating: [], count: 8)
    for i in 0..<4 {
      let t = Double(60 + i)
      let month = CivilDate.components(days: monday + 7 * (60 + i)).month
      let row = [7 * t / 365.25, sin(2 * .pi * t / 52), cos(2 * .pi * t / 52), sin(4 * .pi * t / 52), cos(4 * .pi * t / 52),
                 month <= 3 ? 1 : 0, (7...9).contains(month) ? 1 : 0, planPMI[i]]
      for k in 0..<8 { controls[k].append(row[k]) }
    }
    let expected = try MMMForecast.predict(model, spend: planSpend, controls: controls)
    guard case .table(let results)? = value(doc, "forecast")["results"], let predicted = results["PREDICTED"]?.doubles,
          let low = results["LOW"]?.doubles, let high = results["HIGH"]?.doubles
    else { return XCTFail("no results table") }
    XCTAssertEqual(predicted.count, 4)
    for t in 0..<4 {
      XCTAssertEqual(predicted[t], expected.predicted[t], accuracy: 1e-6 * abs(expected.predicted[t]))
      XCTAssertLessThan(low[t], high[t], "week \(t + 1) has an interval")
    }
    let f = value(doc, "forecast")
    XCTAssertEqual(f["total"]?.doubleValue ?? .nan, expected.total, accuracy: 1e-6 * abs(expected.total))
    XCTAssertEqual(f["draws"], .integer(30))
    guard case .table(let channels)? = f["channels"], let contribution = channels["CONTRIBUTION"]?.doubles else { return XCTFail("no channel table") }
    for c in 0..<3 { XCTAssertEqual(contribution[c], expected.channelTotals[c], accuracy: 1e-6 * abs(expected.channelTotals[c])) }
    XCTAssertEqual(f["first_week"], .string(CivilDate.isoString(days: monday + 7 * 60)))
    XCTAssertEqual(doc.resultTables.first { $0.name == "FORECAST" }?.frame.rowCount, 4)
  }

  func testChannelsMayBeNamedByKeyInsteadOfLabel() throws {
    let byLabel = value(try run(plan: planCSV()), "forecast")["total"]
    let doc = try run(plan: planCSV(header: ["WEEK_START", "Search_GLOBAL_ALL", "Social_GLOBAL_ALL", "Video_GLOBAL_ALL", "PMI_INDEX"]))
    XCTAssertEqual(doc.diagnostics, [])
    XCTAssertEqual(value(doc, "forecast")["total"], byLabel)
  }

  func testMissingChannelIsAnErrorAtThePlanReference() throws {
    let doc = try run(plan: planCSV(header: ["WEEK_START", "Search", "Social", "Vdeo", "PMI_INDEX"]))
    XCTAssertEqual(forecastError(doc),
      "mmm.md:26:7: error: plan 'next': no spend column for channel 'Video'; expected one column per channel (Search, Social, Video)")
  }

  func testExtraColumnIsAnErrorListingWhatIsExpected() throws {
    var csv = ""
    for (i, line) in planCSV().split(separator: "\n").enumerated() { csv += line + (i == 0 ? ",Radio\n" : ",100\n") }
    let doc = try run(plan: csv)
    XCTAssertEqual(forecastError(doc),
      "mmm.md:26:7: error: plan 'next': unknown column 'Radio'; expected the week column, one column per channel (Search, Social, Video) and the market controls")
  }

  func testMissingMarketControlNamesTheColumn() throws {
    let csv = planCSV().split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") }.joined(separator: "\n") + "\n"
    let doc = try run(plan: csv)
    XCTAssertEqual(forecastError(doc),
      "mmm.md:26:7: error: plan 'next': no column 'PMI_INDEX': the model uses it as a control, so the plan must give its value for every planned week")
  }

  func testNegativeSpendIsAnErrorNamingChannelAndWeek() throws {
    var spend = planSpend
    spend[1][2] = -250
    let doc = try run(plan: planCSV(spend: spend))
    XCTAssertEqual(forecastError(doc),
      "mmm.md:26:7: error: plan 'next': spend of Social_GLOBAL_ALL is negative (-250.0) in week 3")
  }

  func testPlanMustStartTheWeekAfterTheData() throws {
    let doc = try run(plan: planCSV(start: 62))
    XCTAssertEqual(forecastError(doc),
      "mmm.md:26:7: error: plan 'next': expected the first planned week to be 2024-02-26, the week after the model's last week; found 2024-03-11")
  }

  func testModelMustBeASearchBlockAndPlanADataset() throws {
    let wrongModel = try run(plan: planCSV(), notebook: Self.pipeline.replacingOccurrences(of: "model: fit\nroi: boot\nplan", with: "model: mmm\nroi: boot\nplan"))
    XCTAssertEqual(forecastError(wrongModel),
      "mmm.md:24:8: error: 'mmm' is an {mmm_data} block's prepared marketing data, expected a {search} or {bayes} block's fitted marketing-mix model")
    let wrongPlan = try run(plan: planCSV(), notebook: Self.pipeline.replacingOccurrences(of: "plan: next", with: "plan: boot"))
    XCTAssertEqual(forecastError(wrongPlan)?.hasPrefix("mmm.md:26:7: error: 'boot' is a"), true, forecastError(wrongPlan) ?? "no error")
  }
}

/// `{forecast}` without `plan:`: spending as lately.
extension MarketingMixForecastDirectiveTests {
  /// The recent-mean plan is the explicit plan whose every week holds each
  /// channel's (and PMI's) mean over the last `recent_weeks` observed weeks,
  /// computed here from the input CSV by hand.
  func testWithoutAPlanTheForecastIsThatOfTheRecentMeanSpendAndControls() throws {
    let rows = try String(contentsOfFile: dir + "/mmm.csv", encoding: .utf8).split(separator: "\n").dropFirst()
      .map { $0.split(separator: ",").map(String.init) }
    let recent = 6
    func mean(_ channel: String?, column: Int) -> Double {
      let cells = rows.filter { channel == nil ? $0[1] == "Search" : $0[1] == channel }.suffix(recent)
      return cells.reduce(0) { $0 + (Double($1[column]) ?? .nan) } / Double(recent)
    }
    let spend = ["Search", "Social", "Video"].map { c in [Double](repeating: mean(c, column: 2), count: 4) }
    var csv = "WEEK_START,Search,Social,Video,PMI_INDEX\n"
    for t in 0..<4 {
      csv += ([CivilDate.isoString(days: monday + 7 * (60 + t))] + spend.map { "\($0[t])" } + ["\(mean(nil, column: 4))"]).joined(separator: ",") + "\n"
    }
    let explicit = value(try run(plan: csv), "forecast")
    let recentNotebook = Self.pipeline.replacingOccurrences(of: "plan: next", with: "weeks: 4\nrecent_weeks: \(recent)")
    let doc = try run(plan: csv, notebook: recentNotebook)
    XCTAssertEqual(doc.diagnostics, [])
    let implicit = value(doc, "forecast")
    for key in ["total", "total_low", "total_high", "total_spend", "media_total"] {
      let e = explicit[key]?.doubleValue ?? .nan
      XCTAssertEqual(implicit[key]?.doubleValue ?? .nan, e, accuracy: 1e-9 * abs(e), key)
    }
    XCTAssertEqual(implicit["first_week"], explicit["first_week"])
    XCTAssertEqual(implicit["plan"], .string("recent \(recent)-week mean"))
  }

  func testWeeksWithAPlanIsAnErrorAtTheOption() throws {
    let doc = try run(plan: planCSV(), notebook: Self.pipeline.replacingOccurrences(of: "plan: next", with: "plan: next\nweeks: 4"))
    XCTAssertEqual(forecastError(doc),
      "mmm.md:27:8: error: 'weeks' describes the plan made without `plan:`; remove it or remove `plan:`")
  }
}

extension MarketingMixForecastDirectiveTests {
  func testWeeksOutOfRangeNamesTheRangeAndUnit() throws {
    let doc = try run(plan: planCSV(), notebook: Self.pipeline.replacingOccurrences(of: "plan: next", with: "weeks: 0"))
    XCTAssertEqual(forecastError(doc), "mmm.md:26:8: error: weeks: expected 1 to 520 weeks, found 0")
  }
}
