import FolioData
import XCTest

@testable import FolioNotebook

/// LF, CRLF and CR notebooks read identically with exact locations; only
/// UTF-8 is accepted (issue 13).
final class NotebookLineEndingTests: XCTestCase {
  private let lf = """
    ---
    title: Case
    params: {n: 3}
    ---
    Intro with {{ params.n }} and `code`.

    ```{data} d
    csv: x.csv
    filter: (A > 1
    ```

    ```{tabel} t
    data: d
    ```
    """

  private func summary(_ nb: Notebook) -> [String] {
    nb.blocks.map {
      switch $0 {
      case .prose(let p): return "prose \(p.firstLine): \(p.text)"
      case .directive(let c): return "\(c.name) \(c.label ?? "-") \(c.location) \(c.nameLocation) \(c.body) \(c.options)"
      }
    }
  }

  func testCRLFAndCRNotebooksParseLikeLFWithTheSameLocations() throws {
    let reference = try NotebookParser.parse(lf, path: "nb.md")
    XCTAssertEqual(reference.frontMatter.title, "Case")
    XCTAssertEqual(reference.blocks.count, 3)
    for ending in ["\r\n", "\r"] {
      let other = try NotebookParser.parse(lf.replacingOccurrences(of: "\n", with: ending), path: "nb.md")
      XCTAssertEqual(other.frontMatter.title, "Case")
      XCTAssertEqual(summary(other), summary(reference), ending.debugDescription)
      XCTAssertEqual(other.source, reference.source, "the text is normalized, so the notebook hash is too")
      XCTAssertEqual(NotebookChecker.check(other), NotebookChecker.check(reference))
    }
    let diagnostics = NotebookChecker.check(reference).map(\.description)
    XCTAssertEqual(diagnostics, [
      "nb.md:9:15: error: expected ')' to close '(', found end of expression",
      "nb.md:12:5: error: unknown directive 'tabel'; did you mean 'table'?",
    ])
  }

  func testIssueReproductionCRLFFrontMatterAloneParses() throws {
    // `printf -- '---\r\ntitle: Case\r\n---\r\n'` crashed `folio render` with SIGILL.
    let nb = try NotebookParser.parse("---\r\ntitle: Case\r\n---\r\n", path: "x.md")
    XCTAssertEqual(nb.frontMatter.title, "Case")
    XCTAssertEqual(nb.blocks.count, 0)
  }

  func testIssueReproductionLFFrontMatterWithCRLFBlocksFindsEveryBlock() throws {
    let text = "---\ntitle: Mixed\n---\n" + "Text\r\n\r\n```{data} d\r\ncsv: x.csv\r\n```\r\n\r\n```{table} t\r\ndata: d\r\n```\r\n"
    let nb = try NotebookParser.parse(text, path: "m.md")
    let calls = nb.blocks.compactMap { if case .directive(let c) = $0 { return c } else { return nil } }
    XCTAssertEqual(calls.map(\.name), ["data", "table"])
    XCTAssertEqual(calls.map(\.location.line), [6, 10])
    XCTAssertEqual(calls[0].options["csv"]?.location, SourceLocation(file: "m.md", line: 7, column: 6))
  }

  func testMixedLineEndsCountOneLineEach() {
    XCTAssertEqual(NotebookParser.splitLines("a\r\nb\rc\nd"), ["a", "b", "c", "d"])
    XCTAssertEqual(NotebookSource.normalizingLineEndings("\u{FEFF}a\r\r\nb\n\r"), "a\n\nb\n\n")
  }

  func testUTF16AndUTF32ByteOrderMarksAreLocatedEncodingErrors() {
    for (bom, name) in [([UInt8]([0xFF, 0xFE]), "UTF-16 (little-endian)"), ([0xFE, 0xFF], "UTF-16 (big-endian)"),
                        ([0xFF, 0xFE, 0, 0], "UTF-32 (little-endian)")] {
      XCTAssertThrowsError(try NotebookSource.decode(bom + [0x23, 0x00], path: "w.md")) { error in
        XCTAssertEqual((error as? NotebookError)?.description,
                       "w.md:1:1: error: the notebook is \(name) text; expected UTF-8 (re-save the file as UTF-8)")
      }
    }
  }

  func testInvalidUTF8AfterCRLinesIsLocatedOnItsLine() {
    let bytes = Array("a\rb\r\ncd".utf8) + [0xC3, 0x28]
    XCTAssertThrowsError(try NotebookSource.decode(bytes, path: "u.md")) { error in
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "u.md", line: 3, column: 3))
    }
  }

  func testUTF8ByteOrderMarkIsDroppedAndCRLFNormalized() throws {
    XCTAssertEqual(try NotebookSource.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8), path: "b.md"), "a\nb")
  }
}
