import XCTest

@testable import FolioRender

/// Where a pipe table ends, by the GFM table rules rather than paragraph
/// rules: a table is not a paragraph, so blocks that cannot interrupt a
/// paragraph still end it (issue 13 reproductions; expected HTML as cmark-gfm
/// renders these inputs).
final class PipeTableEndTests: XCTestCase {
  private func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).html.markup }
  private let table = "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n"

  func testIssueReproductionTableThenDashesIsATableAndARuleNotAHeading() {
    XCTAssertEqual(html("| a | b |\n| - | - |\n| c | d |\n---\n"), table + "<hr />\n")
  }

  func testTableThenEqualsLineIsOneMoreRow() {
    XCTAssertEqual(
      html("| a | b |\n| - | - |\n| c | d |\n===\n"),
      table.replacingOccurrences(of: "</tbody>", with: "<tr>\n<td>===</td>\n<td></td>\n</tr>\n</tbody>"))
  }

  func testIssueReproductionIndentedLineAfterTableIsCode() {
    XCTAssertEqual(html("| a | b |\n| - | - |\n| c | d |\n    code\n"), table + "<pre><code>code\n</code></pre>\n")
  }

  func testIssueReproductionOrderedItemNotStartingAtOneEndsTheTable() {
    XCTAssertEqual(html("| a | b |\n| - | - |\n| c | d |\n2. item\n"), table + "<ol start=\"2\">\n<li>item</li>\n</ol>\n")
  }

  func testIssueReproductionUnprefixedLineAfterTableInBlockQuoteLeavesTheQuote() {
    XCTAssertEqual(
      html("> | a | b |\n> | - | - |\n> | c | d |\nlazy\n"),
      "<blockquote>\n" + table + "</blockquote>\n<p>lazy</p>\n")
  }

  func testHTMLBlockAfterTableEndsItButInlineHTMLIsARow() {
    XCTAssertEqual(html("| a | b |\n| - | - |\n| c | d |\n<div>\n"), table + "<div>\n")
    XCTAssertEqual(
      html("| a | b |\n| - | - |\n| c | d |\n<span>x</span>\n"),
      table.replacingOccurrences(of: "</tbody>", with: "<tr>\n<td><span>x</span></td>\n<td></td>\n</tr>\n</tbody>"))
  }

  func testTableInListItemEndsAtALazyLine() {
    XCTAssertEqual(
      html("- | a | b |\n  | - | - |\n  | c | d |\nafter\n"),
      "<ul>\n<li>\n" + table + "</li>\n</ul>\n<p>after</p>\n")
  }
}
