import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// `<!-- if … -->` sections: hidden sections run no blocks and show no prose;
/// conditions read params and results above; markers are located errors when unbalanced.
final class ConditionalSectionTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-sections-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "CHANNEL,ROI\nTV,1.5\nRADIO,0.5\n".write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  private func run(_ body: String, params: [String: String] = [:]) throws -> ExecutedDocument {
    var nb = try NotebookParser.parse(body, path: "nb.md")
    for (k, v) in params { try nb.frontMatter.override(k, with: v) }
    return Executor().run(nb, baseDirectory: dir)
  }

  private func prose(_ doc: ExecutedDocument) -> String {
    doc.blocks.compactMap { if case .prose(let p) = $0 { return p.markdown } else { return nil } }.joined(separator: "|")
  }

  private func labels(_ doc: ExecutedDocument) -> [String] {
    doc.blocks.compactMap { if case .directive(let d) = $0 { return d.call.label } else { return nil } }
  }

  static let notebook = """
    ---
    params: {truth: truth.csv}
    ---
    Intro.

    <!-- if params.truth -->
    ## Appendix

    ```{data} truth
    csv: "{{ params.truth }}"
    ```

    <!-- if truth | count_where: 'ROI > 1' -->
    Some channel returns more than 1: {{ truth | max_by: ROI | get: CHANNEL }}.
    <!-- else -->
    No channel returns more than 1.
    <!-- end -->

    Truth has {{ truth.rows }} rows.
    <!-- else -->
    No truth file given.
    <!-- end -->

    Outro.
    """

  func testSectionShownWhenItsConditionHoldsAndNestedElseSkipped() throws {
    let doc = try run(Self.notebook)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(labels(doc), ["truth"])
    let text = prose(doc)
    XCTAssertTrue(text.contains("Some channel returns more than 1: TV."), text)
    XCTAssertTrue(text.contains("Truth has 2 rows."), text)
    XCTAssertFalse(text.contains("No channel returns"), text)
    XCTAssertFalse(text.contains("No truth file"), text)
    XCTAssertFalse(text.contains("<!--"), text)
  }

  func testHiddenSectionRunsNoBlocksAndShowsItsElseBranch() throws {
    let doc = try run(Self.notebook, params: ["truth": ""])
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(labels(doc), [])
    XCTAssertEqual(doc.results.count, 0)
    let text = prose(doc)
    XCTAssertTrue(text.contains("No truth file given."), text)
    XCTAssertFalse(text.contains("Appendix"), text)
    XCTAssertTrue(text.contains("Intro.") && text.contains("Outro."), text)
  }

  func testNotNegatesAndMarkersInsideCodeFencesAreText() throws {
    let doc = try run("""
      ---
      params: {n: 0}
      ---
      <!-- if not params.n -->
      zero
      <!-- end -->
      ```
      <!-- if params.n -->
      ```
      """)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    let text = prose(doc)
    XCTAssertTrue(text.contains("zero"), text)
    XCTAssertTrue(text.contains("<!-- if params.n -->"), text)
  }

  func testUnbalancedMarkersAndBadConditionsAreLocatedErrors() throws {
    let doc = try run("""
      ---
      params: {n: 1}
      ---
      <!-- end -->
      <!-- if params.m -->
      x
      <!-- if -->
      """)
    XCTAssertEqual(doc.diagnostics.map(\.description), [
      "nb.md:4:1: error: '<!-- end -->' without an open '<!-- if … -->' section above it",
      "nb.md:7:1: error: '<!-- if -->' needs a condition, e.g. <!-- if truth.rows -->",
      "nb.md:5:1: error: section opened here is never closed; expected '<!-- end -->' further down",
      "nb.md:5:9: error: 'params' has no field 'm'; did you mean 'n'?",
    ])
    let checked = NotebookChecker.check(try NotebookParser.parse("---\nparams: {n: 1}\n---\n<!-- if params.m -->\nx\n<!-- end -->\n", path: "nb.md"))
    XCTAssertEqual(checked.map(\.description), ["nb.md:4:9: error: unknown parameter 'm'; did you mean 'n'?"])
  }
}
