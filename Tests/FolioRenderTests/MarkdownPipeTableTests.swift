import XCTest

@testable import FolioRender

/// Pipe tables against the examples of the GFM spec ("Tables (extension)",
/// examples 198–205, in the generated fixture `GFMTableSpecExamples.swift`)
/// and cmark-gfm's `test/extensions.txt`; expected HTML is copied from those files.
final class MarkdownPipeTableTests: XCTestCase {
  private func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).html.markup }

  func testEveryGFMSpecTableExampleRendersAsCmarkGFMDoes() {
    XCTAssertEqual(gfmTableSpecExamples.map(\.number), Array(198...205))
    for example in gfmTableSpecExamples {
      XCTAssertEqual(html(example.markdown), example.html, "GFM spec example \(example.number)")
    }
  }

  func testExtensionsBlockElementsInCellsStayText() {
    let markdown = """
      Hello!

      | _abc_ | セン |
      | ----- | ---- |
      | 1. Block elements inside cells don't work. | |
      | But _**inline elements do**_. | x |

      Hi!
      """
    XCTAssertEqual(
      html(markdown),
      "<p>Hello!</p>\n<table>\n<thead>\n<tr>\n<th><em>abc</em></th>\n<th>セン</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1. Block elements inside cells don't work.</td>\n<td></td>\n</tr>\n<tr>\n<td>But <em><strong>inline elements do</strong></em>.</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n<p>Hi!</p>\n"
    )
  }

  func testExtensionsTableAfterParagraphLinesWithoutBlankLine() {
    XCTAssertEqual(
      html("123\n456\n| a | b |\n| ---| --- |\nd | e\n"),
      "<p>123\n456</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>d</td>\n<td>e</td>\n</tr>\n</tbody>\n</table>\n"
    )
  }

  func testExtensionsReferenceLinksResolveInCells() {
    let markdown = """
      | Link to [Freedom Planet 2][] in a header. |
      | --- |
      | Link to [Freedom Planet 2][] in a row. |

      [Freedom Planet 2]: http://www.freedomplanet2.com/
      """
    XCTAssertEqual(
      html(markdown),
      "<table>\n<thead>\n<tr>\n<th>Link to <a href=\"http://www.freedomplanet2.com/\">Freedom Planet 2</a> in a header.</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Link to <a href=\"http://www.freedomplanet2.com/\">Freedom Planet 2</a> in a row.</td>\n</tr>\n</tbody>\n</table>\n"
    )
  }

  func testExtensionsEscapingBackslashesInCells() {
    let markdown = "| a | b |\n| --- | --- |\n| \\\\ | `\\\\` |\n| \\_ | `\\_` |\n| \\| | `\\|` |\n"
    XCTAssertEqual(
      html(markdown),
      "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>\\</td>\n<td><code>\\\\</code></td>\n</tr>\n<tr>\n<td>_</td>\n<td><code>\\_</code></td>\n</tr>\n<tr>\n<td>|</td>\n<td><code>|</code></td>\n</tr>\n</tbody>\n</table>\n"
    )
  }

  func testExtensionsEdgeCasesOfWhatIsATable() {
    let markdown = """
      | Not enough table | to be considered table |

      | Just enough table | to be considered table |
      | ----------------- | ---------------------- |

      | ---- | --- |

      |x|
      |-|
      """
    XCTAssertEqual(
      html(markdown),
      "<p>| Not enough table | to be considered table |</p>\n<table>\n<thead>\n<tr>\n<th>Just enough table</th>\n<th>to be considered table</th>\n</tr>\n</thead>\n</table>\n<p>| ---- | --- |</p>\n<table>\n<thead>\n<tr>\n<th>x</th>\n</tr>\n</thead>\n</table>\n"
    )
  }

  func testPipeTableInsideFencedOrIndentedCodeStaysCode() {
    let markdown = "```\n| a | b |\n| - | - |\n```\n\n    | a | b |\n    | - | - |\n"
    XCTAssertEqual(
      html(markdown),
      "<pre><code>| a | b |\n| - | - |\n</code></pre>\n<pre><code>| a | b |\n| - | - |\n</code></pre>\n")
  }

  func testPipeTableInsideBlockQuoteAndListItem() {
    XCTAssertEqual(
      html("> | a | b |\n> |:-|-:|\n> | 1 | 2 |\n"),
      "<blockquote>\n<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n"
    )
    XCTAssertEqual(
      html("- item\n\n  | a |\n  | - |\n  | 1 |\n"),
      "<ul>\n<li>\n<p>item</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n"
    )
  }

  func testCellSplittingDropsOuterPipesAndUnescapesPipes() {
    XCTAssertEqual(PipeTable.cells(of: "| a | b\\|c |"), ["a", "b|c"])
    XCTAssertEqual(PipeTable.cells(of: "a | b"), ["a", "b"])
    XCTAssertEqual(PipeTable.cells(of: "| d || e |"), ["d", "", "e"])
    XCTAssertEqual(PipeTable.delimiterRow(":-- | --- | :-: | --:"), [.left, .none, .center, .right])
    XCTAssertNil(PipeTable.delimiterRow("| -x- |"))
    XCTAssertNil(PipeTable.delimiterRow("| : |"))
  }
}
