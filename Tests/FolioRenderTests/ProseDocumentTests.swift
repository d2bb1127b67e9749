import FolioData
import FolioNotebook
import Foundation
import XCTest

@testable import FolioRender

/// A notebook's prose renders as ONE CommonMark document around its
/// directive blocks (issue 13 reproductions), through parse → execute → page.
final class ProseDocumentTests: XCTestCase {
  private func body(_ notebook: String) throws -> String {
    let nb = try NotebookParser.parse(notebook, path: "nb.md")
    let doc = Executor().run(nb, baseDirectory: NSTemporaryDirectory())
    var renderer = DocumentRenderer(reportStem: "nb")
    return renderer.page(for: doc, generatedBy: "test").bodyHTML.markup
  }

  private let summaryBlock = "```{summary}\nheadline: Done\n```\n"

  func testIssueReproductionReferenceLinkDefinedAfterADirectiveBlockResolves() throws {
    let html = try body("See [the data][src] first.\n\n\(summaryBlock)\n[src]: https://example.com/data\n")
    XCTAssertTrue(html.contains("<a href=\"https://example.com/data\">the data</a>"), html)
    XCTAssertFalse(html.contains("[the data][src]"), html)
  }

  func testIssueReproductionEscapedPlaceholderRendersAsBracesNotBackslashValue() throws {
    let html = try body("---\nparams: {n: 5}\n---\nWrite \\{{ params.n }} to get {{ params.n }}.\n")
    XCTAssertTrue(html.contains("<p>Write {{ params.n }} to get 5.</p>"), html)
    XCTAssertFalse(html.contains("\\5"), html)
  }

  func testIssueReproductionUnclosedCommentIsClosedSoThePageAfterItShows() throws {
    let html = try body("Before\n\n<!-- never closed\n\n\(summaryBlock)")
    let open = try XCTUnwrap(html.range(of: "<!--", options: .backwards))
    XCTAssertNotNil(html[open.upperBound...].range(of: "-->"), html)
  }

  func testProsePiecesKeepTheirPlaceAndHeadingIdsFollowPageOrder() throws {
    let html = try body("# Sales\n\n```{summary} sales\nheadline: A\n```\n\n# Sales\n\nEnd.\n")
    let first = try XCTUnwrap(html.range(of: "<h1 id=\"sales\">Sales</h1>"))
    let block = try XCTUnwrap(html.range(of: "id=\"block-sales-1\""))
    let second = try XCTUnwrap(html.range(of: "<h1 id=\"sales-2\">Sales</h1>"))
    XCTAssertTrue(first.lowerBound < block.lowerBound && block.lowerBound < second.lowerBound, html)
  }

  func testListsOnBothSidesOfADirectiveStaySeparateLists() throws {
    let html = try body("- a\n\n\(summaryBlock)\n- b\n")
    XCTAssertEqual(html.components(separatedBy: "<ul>").count - 1, 2, html)
  }
}
