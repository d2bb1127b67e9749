import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs the shipped notebooks/marketing-calibration.md on its shipped data
/// (shorter chains, for test time) and checks what the experiments do: the
/// tested channels' ROI intervals narrow, untested ones barely move, and the
/// comparison tables hold the two {roi} blocks' own numbers.
final class MarketingCalibrationNotebookTests: XCTestCase {
  func value(_ doc: ExecutedDocument, _ label: String) -> Value { doc.results.first { $0.label == label }?.value ?? .null }

  func strings(_ column: Column?) -> [String?]? {
    guard let column, column.type == .string else { return nil }
    return (0..<column.count).map { if case .string(let s) = column[$0] { s } else { nil } }
  }

  func testExperimentsNarrowTheTestedChannelsAndTheTablesHoldBothFits() throws {
    let path = MarketingMixNotebookTests.notebooksDirectory + "/marketing-calibration.md"
    let source = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: "  chains: 4\n", with: "  chains: 2\n")
      .replacingOccurrences(of: "  warmup: 1000\n", with: "  warmup: 200\n")
      .replacingOccurrences(of: "  draws: 1000\n", with: "  draws: 200\n")
    let doc = Executor().run(
      try NotebookParser.parse(source, path: "marketing-calibration.md"), baseDirectory: MarketingMixNotebookTests.notebooksDirectory)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(doc.failedCount, 0)
    guard case .table(let compare) = value(doc, "compare"), let labels = strings(compare["LABEL"]),
      let plainLow = compare["ROI_LOW"]?.doubles, let plainHigh = compare["ROI_HIGH"]?.doubles,
      let calLow = compare["LOW_CALIBRATED"]?.doubles, let calHigh = compare["HIGH_CALIBRATED"]?.doubles
    else { return XCTFail("compare table") }
    // The table is the two {roi} blocks' own intervals, joined by channel.
    for (label, roi) in [("roi_plain", (plainLow, plainHigh)), ("roi_calibrated", (calLow, calHigh))] {
      guard case .table(let results) = value(doc, label)["results"], let names = strings(results["LABEL"]),
        let low = results["ROI_LOW"]?.doubles, let high = results["ROI_HIGH"]?.doubles
      else { return XCTFail("\(label).results") }
      for (i, name) in labels.enumerated() {
        guard let j = names.firstIndex(of: name) else { return XCTFail("\(name) not in \(label)") }
        XCTAssertEqual(roi.0[i], low[j], accuracy: 1e-12)
        XCTAssertEqual(roi.1[i], high[j], accuracy: 1e-12)
      }
    }
    // notebooks/data/marketing-lift-tests.csv tests Google, Meta and TV with
    // standard errors of 15-25% of their lift: each of their 90% intervals
    // narrows by at least a fifth; no untested channel's narrows by more than
    // a third (they move only through the shared baseline and noise).
    for (i, name) in labels.enumerated() {
      guard let name else { continue }
      let ratio = (calHigh[i] - calLow[i]) / (plainHigh[i] - plainLow[i])
      if ["Google", "Meta", "TV"].contains(name) {
        XCTAssertLessThan(ratio, 0.8, "\(name) interval width ratio calibrated/plain")
      } else {
        XCTAssertGreaterThan(ratio, 0.67, "\(name) interval width ratio calibrated/plain")
      }
    }
  }
}
