import FolioData
import XCTest

@testable import FolioNotebook

final class NotebookParserTests: XCTestCase {
  func testFrontMatterParamsSeedAndBlocksAreParsedWithLocations() throws {
    let src = """
      ---
      title: Promo report
      author: [Ana, Ben]
      params:
        data: sales.csv
        weeks: 20
        rate: 0.5
        fast: true
      seed: 42
      ---
      # Intro

      Some prose.

      ```{data} sales
      csv: "{{ params.data }}"
      ```

      ```python
      print(1)
      ```
      """
    let nb = try NotebookParser.parse(src, path: "nb.md")
    XCTAssertEqual(nb.frontMatter.title, "Promo report")
    XCTAssertEqual(nb.frontMatter.author, "Ana, Ben")
    XCTAssertEqual(nb.frontMatter.seed, 42)
    XCTAssertEqual(nb.frontMatter.params.map(\.name), ["data", "weeks", "rate", "fast"])
    XCTAssertEqual(nb.frontMatter.params.map(\.value), [.string("sales.csv"), .integer(20), .number(0.5), .bool(true)])
    XCTAssertEqual(nb.blocks.count, 3)
    guard case .directive(let call) = nb.blocks[1] else { return XCTFail("expected a directive") }
    XCTAssertEqual(call.name, "data")
    XCTAssertEqual(call.label, "sales")
    XCTAssertEqual(call.location, SourceLocation(file: "nb.md", line: 15, column: 1))
    XCTAssertEqual(call.options["csv"]?.location, SourceLocation(file: "nb.md", line: 16, column: 6))
    guard case .prose(let tail) = nb.blocks[2] else { return XCTFail("expected prose") }
    XCTAssertTrue(tail.text.contains("```python"), "ordinary fences stay in the prose")
    XCTAssertEqual(tail.firstLine, 19, "leading blank line dropped; the ```python fence is line 19")
  }

  func testDirectiveInsideLongerFenceIsDocumentationNotACall() throws {
    let src = """
      ````markdown
      ```{glm} full
      formula: y ~ x
      ```
      ````
      """
    let nb = try NotebookParser.parse(src, path: "doc.md")
    XCTAssertEqual(nb.blocks.count, 1)
    guard case .prose = nb.blocks[0] else { return XCTFail("expected prose") }
  }

  func testMalformedYAMLInBlockNamesNotebookLineAndColumn() {
    let src = "Intro\n\n```{data} d\ncsv: [a, b\nfilter: x\n```\n"
    XCTAssertThrowsError(try NotebookParser.parse(src, path: "bad.md")) { error in
      let e = error as? NotebookError
      XCTAssertEqual(e?.location?.file, "bad.md")
      XCTAssertEqual(e?.location?.line, 5)
      XCTAssertTrue(e?.message.hasPrefix("invalid YAML") ?? false, "\(String(describing: e))")
    }
  }

  func testUnclosedDirectiveFenceIsAnErrorAtTheFence() {
    XCTAssertThrowsError(try NotebookParser.parse("text\n```{table} t\ndata: x\n", path: "u.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.description,
                     "u.md:2:1: error: directive block '{table} t' is never closed; expected a line '```'")
    }
  }

  func testUnknownFrontMatterKeySuggestsTheNearestKey() {
    XCTAssertThrowsError(try NotebookParser.parse("---\ntitel: X\n---\n", path: "f.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.description,
                     "f.md:2:1: error: unknown front-matter key 'titel'; did you mean 'title'?")
    }
  }

  func testBadLabelIsRejectedAtItsColumn() {
    XCTAssertThrowsError(try NotebookParser.parse("```{data} my label\n```\n", path: "l.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "l.md", line: 1, column: 11))
    }
  }

  func testUnclosedFrontMatterIsAnError() {
    XCTAssertThrowsError(try NotebookParser.parse("---\ntitle: x\n", path: "h.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.location?.line, 1)
    }
  }

  func testParamOverrideIsTypedAsItsDefault() throws {
    var nb = try NotebookParser.parse("---\nparams:\n  n: 3\n  name: a\n---\n", path: "p.md")
    try nb.frontMatter.override("n", with: "7")
    try nb.frontMatter.override("name", with: "b")
    XCTAssertEqual(nb.frontMatter.params.map(\.value), [.integer(7), .string("b")])
    XCTAssertThrowsError(try nb.frontMatter.override("n", with: "x")) { error in
      XCTAssertEqual((error as? NotebookError)?.message, "parameter 'n': expected number like its default, found 'x'")
    }
    XCTAssertThrowsError(try nb.frontMatter.override("nn", with: "1")) { error in
      XCTAssertTrue((error as? NotebookError)?.message.hasPrefix("unknown parameter 'nn'; did you mean 'n'?") ?? false)
    }
  }
}

final class NotebookSourceTests: XCTestCase {
  func testInvalidUTF8IsLocatedAtTheFirstBadByte() {
    let bytes = Array("# Title\nab".utf8) + [0xFF] + Array("c\n".utf8)
    XCTAssertThrowsError(try NotebookSource.decode(bytes, path: "bad.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "bad.md", line: 2, column: 3))
    }
  }

  func testByteOrderMarkIsDropped() throws {
    XCTAssertEqual(try NotebookSource.decode([0xEF, 0xBB, 0xBF] + Array("hi".utf8), path: "b.md"), "hi")
  }
}
