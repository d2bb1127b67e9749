import FolioNotebook
import Foundation
import XCTest

/// Inline values with right-to-left text or bidi controls are isolated
/// (FSI … PDI) in prose and in markdown options, so they cannot reorder the
/// sentence around them; left-to-right values are inserted unchanged.
final class BidiIsolationTests: XCTestCase {
  func testOnlyValuesWithBidiControlsOrRightToLeftLettersAreIsolated() {
    XCTAssertEqual(BidiIsolation.isolated("North 12.5%"), "North 12.5%")
    XCTAssertEqual(BidiIsolation.isolated("a\u{202E}b"), "\u{2068}a\u{202E}b\u{2069}")
    XCTAssertEqual(BidiIsolation.isolated("שלום"), "\u{2068}שלום\u{2069}")
    XCTAssertEqual(BidiIsolation.isolated("مرحبا 5"), "\u{2068}مرحبا 5\u{2069}")
    XCTAssertEqual(BidiIsolation.isolated(""), "")
  }

  func testProseAndCaptionValuesAreIsolatedFromTheSentence() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-bidi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "NAME,V\n\"evil\u{202E}txet\",1\nplain,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let notebook = """
      ```{data} d
      csv: d.csv
      ```

      Top {{ d.NAME | first }} then {{ d.NAME | last }}.

      ```{table} t
      data: d
      caption: "Caption {{ d.NAME | first }} end"
      ```
      """
    let doc = Executor().run(try NotebookParser.parse(notebook, path: "nb.md"), baseDirectory: dir.path)
    XCTAssertTrue(doc.diagnostics.isEmpty, "\(doc.diagnostics)")
    let prose = doc.blocks.compactMap { block -> String? in
      if case .prose(let p) = block { return p.markdown } else { return nil }
    }.joined()
    XCTAssertTrue(prose.contains("Top \u{2068}evil\u{202E}txet\u{2069} then plain."), prose)
    let caption = doc.blocks.compactMap { block -> String? in
      if case .directive(let d) = block { return d.caption } else { return nil }
    }.first
    XCTAssertEqual(caption, "Caption \u{2068}evil\u{202E}txet\u{2069} end")
  }
}
