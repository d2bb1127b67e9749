import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// `{{ … }}` is filled in text only, never in code, HTML or link
/// destinations, as libcmark reads the prose; `\{{` is the escape (issue 13).
final class ProseInterpolationTests: XCTestCase {
  private func fill(_ prose: String) -> ExecutedProse {
    let scope = TemplateScope(params: .object([("n", .integer(5)), ("sku", .string("A_1*"))]))
    return ProseInterpolation.run(Prose(text: prose, firstLine: 10), path: "p.md", scope: scope)
  }

  func testTextIsFilledAndValuesAreEscapedAsText() {
    XCTAssertEqual(fill("N = {{ params.n }}, SKU {{ params.sku }}.").markdown, "N = 5, SKU A\\_1\\*.")
    XCTAssertEqual(fill("# {{ params.n }} weeks\n\n> *{{ params.n }}*\n\n- [{{ params.n }}](u)").markdown,
                   "# 5 weeks\n\n> *5*\n\n- [5](u)")
  }

  func testIssueReproductionFencedCodeInBlockQuoteAndListItemIsNotFilled() {
    let text = "> ```yaml\n> x: {{ params.n }}\n> ```\n\n- item\n\n  ```\n  {{ params.n }}\n  ```\n"
    let out = fill(text)
    XCTAssertEqual(out.markdown, text)
    XCTAssertEqual(out.errors, [])
  }

  func testIssueReproductionCodeSpanThatWrapsLinesIsNotFilled() {
    let text = "See `a\n{{ params.n }}` and {{ params.n }}."
    XCTAssertEqual(fill(text).markdown, "See `a\n{{ params.n }}` and 5.")
  }

  func testIssueReproductionIndentedContinuationInAListItemIsFilled() {
    // Four spaces inside a list item are paragraph text, not code: it was left literal.
    XCTAssertEqual(fill("- a\n\n    b {{ params.n }}").markdown, "- a\n\n    b 5")
    XCTAssertEqual(fill("Text\n\n    code {{ params.n }}").markdown, "Text\n\n    code {{ params.n }}")
  }

  func testIssueReproductionEscapedBracesStayLiteralInsteadOfBackslashValue() {
    let out = fill("Write \\{{ params.n }} to show a value; \\\\{{ params.n }} is a backslash and a value.")
    XCTAssertEqual(out.markdown, "Write \\{{ params.n }} to show a value; \\\\5 is a backslash and a value.")
    XCTAssertEqual(out.errors, [])
  }

  func testHTMLAndLinkDestinationsAreNotFilled() {
    let text = "<span title=\"{{ params.n }}\">x</span> [l]({{params.n}})\n\n<div>\n{{ params.n }}\n</div>"
    XCTAssertEqual(fill(text).markdown, text)
    // With spaces the destination is not a link destination, so CommonMark reads text there.
    XCTAssertEqual(fill("[l]({{ params.n }})").markdown, "[l](5)")
  }

  func testErrorsAreLocatedInTheFileEvenOnLazyAndContainerLines() {
    let out = fill("> quote\nlazy {{ nope }}\n> and {{ params.nn }} and {{ params.n")
    XCTAssertEqual(out.errors.map(\.description), [
      "p.md:11:9: error: unknown name 'nope'; names are: params",
      "p.md:12:10: error: 'params' has no field 'nn'; did you mean 'n'?",
      "p.md:12:27: error: '{{' is never closed; expected '}}' on the same line (write '\\{{' for literal braces)",
    ])
    XCTAssertTrue(out.markdown.contains(InlineErrorMarker.token(2)))
  }

  func testPlaceholdersForCheckUseTheSameRules() {
    let (found, errors) = ProseInterpolation.placeholders(Prose(text: "`{{ a }}` {{ b.x }} \\{{ c }}", firstLine: 1), path: "p.md")
    XCTAssertEqual(found.map(\.0.root), ["b"])
    XCTAssertEqual(found.map(\.1), [SourceLocation(file: "p.md", line: 1, column: 14)])
    XCTAssertEqual(errors, [])
  }
}
