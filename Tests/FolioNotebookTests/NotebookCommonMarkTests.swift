import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The notebook is one CommonMark document: directive blocks are exactly the
/// top-level fenced code blocks libcmark finds with a `{name} label` info
/// string (issue 13 reproductions).
final class NotebookCommonMarkTests: XCTestCase {
  private func directives(_ nb: Notebook) -> [String] {
    nb.blocks.compactMap { if case .directive(let c) = $0 { return "\(c.name)@\(c.location.line)" } else { return nil } }
  }

  func testIssueReproductionFenceInsideHTMLCommentDoesNotRun() throws {
    let nb = try NotebookParser.parse("<!-- old\n```{data} old\ncsv: gone.csv\n```\n-->\n\n```{data} new\ncsv: x.csv\n```\n", path: "c.md")
    XCTAssertEqual(directives(nb), ["data@7"])
    guard case .prose(let p) = nb.blocks[0] else { return XCTFail("expected the comment as prose") }
    XCTAssertEqual(p.text, "<!-- old\n```{data} old\ncsv: gone.csv\n```\n-->")
  }

  func testIssueReproductionBacktickLineInsideHTMLBlockDoesNotHideLaterDirectives() throws {
    let nb = try NotebookParser.parse("<div>\n```\n</div>\n\n```{data} a\ncsv: x.csv\n```\n\n```{table} t\ndata: a\n```\n", path: "h.md")
    XCTAssertEqual(directives(nb), ["data@5", "table@9"])
  }

  func testUnclosedHTMLCommentSwallowsTheRestAsCommonMarkSays() throws {
    let nb = try NotebookParser.parse("Text\n\n<!-- never closed\n\n```{data} a\ncsv: x.csv\n```\n", path: "u.md")
    XCTAssertEqual(directives(nb), [])
  }

  func testDirectiveFenceInBlockQuoteOrListItemIsALocatedProblemAndDoesNotRun() {
    for (text, container, column) in [("> ```{data} q\n> csv: x.csv\n> ```\n", "a block quote", 3),
                                      ("- item\n\n  ```{data} l\n  csv: x.csv\n  ```\n", "a list item", 3)] {
      let nb = NotebookParser.parseRecovering(text, path: "n.md")
      XCTAssertEqual(directives(nb), [], container)
      XCTAssertEqual(nb.problems.count, 1, container)
      XCTAssertEqual(nb.problems.first?.location?.column, column, container)
      XCTAssertTrue(nb.problems.first?.message.contains("is inside \(container), so it does not run") ?? false, "\(nb.problems)")
      XCTAssertThrowsError(try NotebookParser.parse(text, path: "n.md"), "strict parsing throws it")
    }
  }

  func testDirectiveShownInsideLongerFenceOrIndentedCodeIsDocumentation() throws {
    let nb = try NotebookParser.parse("````markdown\n```{glm} m\n```\n````\n\n    ```{data} d\n    ```\n", path: "d.md")
    XCTAssertEqual(directives(nb), [])
  }

  func testUnclosedDirectiveFenceRunsToTheEndAndIsAProblemAtTheFence() {
    let nb = NotebookParser.parseRecovering("text\n```{table} t\ndata: x\n", path: "u.md")
    XCTAssertEqual(nb.problems.map(\.description), ["u.md:2:1: error: directive block '{table} t' is never closed; expected a line '```'"])
    XCTAssertEqual(directives(nb), ["table@2"])
  }

  func testIndentedFenceKeepsYAMLColumns() throws {
    let nb = try NotebookParser.parse("  ```{data} d\n  csv: x.csv\n  ```\n", path: "i.md")
    guard case .directive(let c) = nb.blocks[0] else { return XCTFail() }
    XCTAssertEqual(c.location, SourceLocation(file: "i.md", line: 1, column: 3))
    XCTAssertEqual(c.options["csv"]?.location, SourceLocation(file: "i.md", line: 2, column: 8))
  }
}
