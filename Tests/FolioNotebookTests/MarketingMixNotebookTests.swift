import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs the shipped notebooks/marketing-mix.md on its shipped data (with a
/// smaller search budget and shorter chains, for test time) and checks that every block and
/// every inline value runs, and that the plan and tables are consistent.
final class MarketingMixNotebookTests: XCTestCase {
  static var notebooksDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("notebooks").path
  }

  func testShippedNotebookRunsEveryBlockAndInlineValue() throws {
    let path = Self.notebooksDirectory + "/marketing-mix.md"
    let source = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: "  budget: 3000\n", with: "  budget: 300\n")
      .replacingOccurrences(of: "  resamples: 100\n", with: "  resamples: 20\n")
      .replacingOccurrences(of: "  chains: 4\n", with: "  chains: 1\n")
      .replacingOccurrences(of: "  warmup: 1000\n", with: "  warmup: 50\n")
      .replacingOccurrences(of: "  draws: 1000\n", with: "  draws: 50\n")
    let doc = Executor().run(try NotebookParser.parse(source, path: "marketing-mix.md"), baseDirectory: Self.notebooksDirectory)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(doc.failedCount, 0)
    XCTAssertEqual(doc.resultTables.map(\.name), ["RESPONSE_CURVES", "MODEL_RESULTS", "MODEL_METADATA", "FORECAST"])
    let mmm = doc.results.first { $0.label == "mmm" }?.value
    XCTAssertEqual(mmm?["channels"], .array(["LinkedIn", "Google", "Display", "Meta", "TV", "Email", "Affiliate", "Events"].map {
      .string("\($0)_GLOBAL_ALL")
    }))
    XCTAssertEqual(mmm?["weeks"], .integer(156))
    XCTAssertEqual(mmm?["dropped"]?.typeName, "list")
    let plan = doc.results.first { $0.label == "plan" }?.value
    let current = plan?["current_total"]?.doubleValue ?? .nan
    XCTAssertEqual(plan?["recommended_total"]?.doubleValue ?? .nan, current, accuracy: 1e-9 * current)
    XCTAssertGreaterThan(plan?["lift"]?.doubleValue ?? .nan, 0)
    // The shipped forecast: the 8 weeks after the data, each channel at its
    // mean weekly spend over the last 13 weeks.
    let forecast = doc.results.first { $0.label == "forecast" }?.value
    XCTAssertEqual(forecast?["weeks"], .integer(8))
    XCTAssertEqual(forecast?["first_week"], .string("2024-12-30"))
    guard case .table(let weekly)? = mmm?["weekly"] else { return XCTFail("weekly table") }
    let channels = ["LinkedIn", "Google", "Display", "Meta", "TV", "Email", "Affiliate", "Events"].map { "\($0)_GLOBAL_ALL" }
    let lastQuarter = channels.reduce(0.0) { sum, key in sum + (weekly[key]?.doubles ?? []).suffix(13).reduce(0, +) / 13 }
    XCTAssertEqual(forecast?["total_spend"]?.doubleValue ?? .nan, 8 * lastQuarter, accuracy: 8 * 8 * 0.005)
    let total = forecast?["total"]?.doubleValue ?? .nan
    XCTAssertLessThanOrEqual(forecast?["total_low"]?.doubleValue ?? .nan, total)
    XCTAssertGreaterThanOrEqual(forecast?["total_high"]?.doubleValue ?? .nan, total)
  }
}
