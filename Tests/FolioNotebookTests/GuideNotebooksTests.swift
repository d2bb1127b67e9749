import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// notebooks/sales-overview.md and notebooks/README.md run with every inline
/// value resolved, and name what their data hold (read independently here
/// from the CSVs' text) rather than a fixed list.
final class GuideNotebooksTests: XCTestCase {
  typealias R = ShippedNotebookRunner

  /// Distinct values of a CSV column, in order of appearance, from the raw text.
  private func distinct(_ file: String, column: String) throws -> [String] {
    let lines = try String(contentsOfFile: R.root.appendingPathComponent("notebooks/data/\(file)").path, encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let c = try XCTUnwrap(lines.first?.firstIndex(of: column))
    var out: [String] = []
    for row in lines.dropFirst() where !out.contains(row[c]) { out.append(row[c]) }
    return out
  }

  func testSalesOverviewNamesTheRegionsAndCategoriesInItsData() throws {
    let doc = try R.run("sales-overview.md", params: [])
    R.assertClean(doc)
    let text = R.text(doc)
    let regions = try distinct("weekly-sales.csv", column: "REGION")
    XCTAssertTrue(text.contains("\(regions.count) regions\n(\(regions.dropLast().joined(separator: ", ")) and \(regions.last!))"), text)
    let categories = try distinct("weekly-sales.csv", column: "CATEGORY")
    XCTAssertTrue(text.contains("\(categories.count) categories"), text)
    for manager in try distinct("regions.csv", column: "MANAGER") { XCTAssertTrue(text.contains(manager), manager) }
  }

  func testFormatGuideRunsItsLiveExamples() throws {
    let doc = try R.run("README.md", params: [])
    R.assertClean(doc)
    let text = R.text(doc)
    XCTAssertTrue(text.contains("Live, on this notebook's data: the best month × category cells were"), text)
    // Exactly one branch of the live conditional section shows; the example in a code fence stays text.
    let shown = text.contains("region × category weeks took\nmore than 60,000")
    let otherwise = text.contains("No region × category week took more than 60,000.")
    XCTAssertNotEqual(shown, otherwise, text)
    XCTAssertEqual(text.components(separatedBy: "<!-- if sales | count_where").count - 1, 1, "only the fenced example")
  }
}
