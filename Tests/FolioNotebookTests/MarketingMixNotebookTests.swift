import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs the shipped notebooks/marketing-mix.md on its shipped data (with a
/// smaller search budget, for test time) and checks that every block and
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
    let doc = Executor().run(try NotebookParser.parse(source, path: "marketing-mix.md"), baseDirectory: Self.notebooksDirectory)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(doc.failedCount, 0)
    XCTAssertEqual(doc.resultTables.map(\.name), ["RESPONSE_CURVES", "MODEL_RESULTS", "MODEL_METADATA"])
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
  }
}
