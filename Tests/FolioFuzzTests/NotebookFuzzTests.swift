import FolioData
import FolioRender
import Foundation
import PropertyBased
import XCTest

@testable import FolioNotebook

/// Fuzzing the notebook reader: decoding, parsing, checking and running
/// arbitrary bytes never crashes or hangs, every problem is located inside
/// the file, and line endings never change the parse.
final class NotebookFuzzTests: XCTestCase {
  static let fragments = FuzzCorpus.common + [
    "---\n", "title: T\n", "params: {data: x.csv}\n", "seed: -1\n", "```{data} d\n", "```{table} t\n", "```{nope} n\n",
    "```{data} bad label\n", "```{}\n", "```\n", "````\n", "~~~\n", "csv: x.csv\n", "data: d\n", "filter: a >\n",
    "options: [1, [2, [3\n", "a: &x 1\n", "b: *x\n", "  - ", "> ", "- ", "1. ", "    ", "<!-- ", " -->", "<div>\n",
    "</div>\n", "{{ d.rows }}", "{{ params.data | upper }}", "{{ t.x | nofilter }}", "{{ nope", "\\{{ x }}", "`", "``",
    "{{", "}}", "| a | b |\n| - | - |\n", "[ref]: http://x\n", "[link][ref]", "# Head\n", "===\n",
    String(repeating: "[", count: 200), String(repeating: "- ", count: 100), String(repeating: "> ", count: 50),
  ]

  private func assertLocated(_ errors: [NotebookError], lines: Int, _ label: String) {
    for e in errors {
      guard let loc = e.location else { return XCTFail("\(label): unlocated error \(e.message)") }
      XCTAssertEqual(loc.file, "f.md", label)
      XCTAssertTrue((1...(lines + 1)).contains(loc.line), "\(label): line \(loc.line) of \(lines): \(e)")
      XCTAssertGreaterThanOrEqual(loc.column, 1, "\(label): \(e)")
    }
  }

  func testArbitraryNotebookBytesParseAndCheckWithEveryProblemLocated() {
    FuzzCorpus.run(suite: 1, generator: FuzzCorpus.bytes(Self.fragments, pieces: 0...30)) { bytes, label in
      let text: String
      do throws(NotebookError) {
        text = try NotebookSource.decode(bytes, path: "f.md")
      } catch {
        assertLocated([error], lines: bytes.count + 1, label)
        return
      }
      let lines = max(1, NotebookParser.splitLines(text).count)
      let notebook = NotebookParser.parseRecovering(text, path: "f.md")
      assertLocated(notebook.problems, lines: lines, label)
      assertLocated(NotebookChecker.check(notebook).map(\.error), lines: lines, label)
      XCTAssertEqual((try? NotebookParser.parse(text, path: "f.md")) == nil, !notebook.problems.isEmpty, label)
    }
  }

  func testArbitraryNotebooksRunWithEveryDiagnosticLocated() {
    let base = NSTemporaryDirectory()
    FuzzCorpus.run(suite: 2, count: 300, generator: FuzzCorpus.text(Self.fragments, pieces: 0...20)) { text, label in
      let notebook = NotebookParser.parseRecovering(text, path: "f.md")
      let document = Executor().run(notebook, baseDirectory: base)
      assertLocated(document.diagnostics.map(\.error), lines: max(1, NotebookParser.splitLines(text).count), label)
      var renderer = DocumentRenderer(reportStem: "f")
      let body = renderer.page(for: document, generatedBy: "fuzz").bodyHTML.markup
      if let open = body.range(of: "<!--", options: .backwards) {
        XCTAssertNotNil(body[open.upperBound...].range(of: "-->"), "\(label): the page must not end inside a comment")
      }
    }
  }

  func testMarkdownWithAnyLineEndsRendersDeterministically() {
    // Raw text straight to the renderer (no normalization first): the CRLF crash of issue 13 lived here.
    FuzzCorpus.run(suite: 8, generator: FuzzCorpus.text(Self.fragments, pieces: 0...30)) { text, label in
      let once = MarkdownRenderer.render(text)
      XCTAssertEqual(MarkdownRenderer.render(text), once, label)
    }
  }

  func testCRLFAndCRCopiesParseExactlyLikeTheLFOriginal() {
    let lfOnly = Self.fragments.filter { !$0.contains("\r") }
    FuzzCorpus.run(suite: 3, generator: FuzzCorpus.text(lfOnly, pieces: 0...30)) { text, label in
      let lf = NotebookParser.parseRecovering(text, path: "f.md")
      for ending in ["\r\n", "\r"] {
        let other = NotebookParser.parseRecovering(text.replacingOccurrences(of: "\n", with: ending), path: "f.md")
        XCTAssertEqual(other.problems, lf.problems, "\(label) \(ending.debugDescription)")
        XCTAssertEqual(other.source, lf.source, "\(label) \(ending.debugDescription)")
        XCTAssertEqual(other.blocks.map(summary), lf.blocks.map(summary), "\(label) \(ending.debugDescription)")
      }
    }
  }

  private func summary(_ block: Block) -> String {
    switch block {
    case .prose(let p): return "prose@\(p.firstLine):\(p.text)"
    case .directive(let c):
      return "\(c.name)|\(c.label ?? "")|\(c.location)|\(c.nameLocation)|\(c.body)|\(c.options)|\(String(describing: c.optionsError))"
    }
  }
}
