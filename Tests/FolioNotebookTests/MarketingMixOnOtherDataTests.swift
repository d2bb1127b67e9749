import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// notebooks/marketing-mix.md on data made by scripts/data/make_marketing_data.py
/// with other seeds and options (commands in Fixtures/README.md): upper-case
/// channel names, ISO-week labels, 5 channels, with the generator's truth
/// file; other channel names (one with a space), integer week numbers, 4
/// channels plus a tiny one dropped, and only the four columns the question
/// needs. Search budget, resamples and chains are cut for test time, as in
/// MarketingMixNotebookTests.
final class MarketingMixOnOtherDataTests: XCTestCase {
  typealias R = ShippedNotebookRunner

  private func run(_ params: [(String, String)]) throws -> ExecutedDocument {
    try R.run("marketing-mix.md", params: [("budget", "300"), ("resamples", "20"), ("chains", "1"), ("warmup", "50"), ("draws", "50")] + params)
  }

  func testUpperCaseChannelsAndISOWeeksWithTheirTruthFile() throws {
    let doc = try run([
      ("data", R.fixtures + "/mmm-upper-isoweek.csv"), ("truth", R.fixtures + "/mmm-upper-isoweek-truth.csv"),
    ])
    R.assertClean(doc)
    // The generator's channels, in its order; 104 weeks from 2022-W01 = Monday 2022-01-03.
    let channels = ["LINKEDIN", "GOOGLE", "DISPLAY", "META", "TV"]
    XCTAssertEqual(R.value(doc, "mmm", "labels"), .array(channels.map(Value.string)))
    XCTAssertEqual(R.value(doc, "mmm", "weeks"), .integer(104))
    XCTAssertEqual(R.value(doc, "mmm", "first_week"), .string("2022-01-03"))
    XCTAssertEqual(R.value(doc, "mmm", "last_week"), .string("2023-12-25"))
    let text = R.text(doc)
    // The ROI sentence lists every channel, highest ROI first, as the roi block ranks them.
    guard case .array(let ranked)? = R.value(doc, "boot", "ranked") else { return XCTFail("ranked") }
    let order = ranked.compactMap { if case .string(let s)? = $0["channel"] { return s } else { return nil } }
    XCTAssertEqual(Set(order), Set(channels))
    let firstROI = try XCTUnwrap(ranked.first?["roi"]?.doubleValue)
    XCTAssertTrue(text.contains("\(order[0]) \(String(format: "%.2f", firstROI))"), text)
    for name in channels { XCTAssertTrue(text.contains(name), "report names \(name)") }
    for sample in ["LinkedIn", "Podcast", "1.2M"] { XCTAssertFalse(text.contains(sample), "no sample name \(sample)") }
    // The appendix compares with the truth file: all 5 channels matched.
    guard case .table(let check)? = R.value(doc, "check") else { return XCTFail("truth check") }
    XCTAssertEqual(check.rowCount, 5)
    XCTAssertTrue(text.contains("Appendix: the estimates against the known truth"))
  }

  func testTheSampleTruthFileIsNotComparedWithAnotherFilesChannels() throws {
    // Default truth param (the sample's truth): only TV has the same name, so no appendix.
    let doc = try run([("data", R.fixtures + "/mmm-upper-isoweek.csv")])
    R.assertClean(doc)
    XCTAssertNil(R.value(doc, "check"), "the comparison did not run")
    XCTAssertFalse(R.text(doc).contains("Appendix"))
  }

  func testOtherNamesWeekNumbersAndMinimalColumnsWithoutTruth() throws {
    let doc = try run([("data", R.fixtures + "/mmm-other-weeknumber-minimal.csv"), ("truth", "")])
    R.assertClean(doc)
    XCTAssertEqual(R.value(doc, "mmm", "labels"), .array(["Social", "Search", "Banners", "Video"].map(Value.string)))
    XCTAssertEqual(R.value(doc, "mmm", "dropped_keys"), .string("Audio_GLOBAL_ALL"))
    // Week n is stored as Monday 0001-01-01 + 7(n − 1): weeks 1 and 104.
    XCTAssertEqual(R.value(doc, "mmm", "first_week"), .string("0001-01-01"))
    XCTAssertEqual(R.value(doc, "mmm", "last_week"), .string("0002-12-23"))
    XCTAssertEqual(R.value(doc, "mmm", "controls").map { if case .array(let a) = $0 { return a.count } else { return -1 } }, 7)
    let text = R.text(doc)
    XCTAssertTrue(text.contains("Social, Search, Banners and Video"), text)
    XCTAssertFalse(text.contains("Appendix"), "no truth file: no appendix")
    XCTAssertNil(R.value(doc, "truth"), "the truth block did not run")
  }
}
