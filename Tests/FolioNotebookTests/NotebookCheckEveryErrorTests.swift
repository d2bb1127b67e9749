import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// `folio check` reports every problem in one run, and a reference to a
/// block that failed says so with that block's location (issue 13).
final class NotebookCheckEveryErrorTests: XCTestCase {
  static let threeProblems = """
    # Three problems

    ```{data} a
    csv: [x.csv
    ```

    ```{dta} b
    csv: x.csv
    ```

    ```{table} t
    data: nope
    ```

    Rows: {{ a.rows }}.
    """

  func testYAMLErrorUnknownDirectiveAndUnknownLabelAreAllReported() {
    let nb = NotebookParser.parseRecovering(Self.threeProblems, path: "three.md")
    XCTAssertEqual(NotebookChecker.check(nb).map(\.description), [
      "three.md:5:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
      "three.md:7:5: error: unknown directive 'dta'; did you mean 'data'?",
      "three.md:12:7: error: unknown name 'nope'; names are: params, a, b",
    ])
  }

  func testProblemsInFrontMatterDoNotHideTheBlocks() {
    let nb = NotebookParser.parseRecovering("---\ntitel: X\nparams: {n: 1}\n---\n{{ params.n }} {{ params.m }}\n\n```{glmm} g\n```\n", path: "f.md")
    XCTAssertEqual(nb.frontMatter.params.map(\.name), ["n"], "a bad key does not lose the params")
    XCTAssertEqual(NotebookChecker.check(nb).map(\.description), [
      "f.md:2:1: error: unknown front-matter key 'titel'; did you mean 'title'?",
      "f.md:5:19: error: unknown parameter 'm'; did you mean 'n'?",
      "f.md:7:5: error: unknown directive 'glmm'; did you mean 'glm'?",
    ])
  }

  func testInvalidFrontMatterYAMLDoesNotMakeEveryParamUnknown() {
    let nb = NotebookParser.parseRecovering("---\nparams: {n: [1\n---\n{{ params.n }}\n", path: "f.md")
    XCTAssertEqual(NotebookChecker.check(nb).count, 1)
    XCTAssertEqual(NotebookChecker.check(nb).first?.error.location?.line, 3)
  }

  func testReferencesToAFailedBlockSayItFailedAndWhere() throws {
    let dir = NSTemporaryDirectory() + "folio-failed-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let nb = try NotebookParser.parse("```{data} bad\ncsv: missing.csv\n```\n\nRows: {{ bad.rows }}.\n\n```{table} t\ndata: bad\n```\n", path: "nb.md")
    let doc = Executor().run(nb, baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics.map(\.description).dropFirst(), [
      "nb.md:5:10: error: block 'bad' failed (its error is at nb.md:1:1), so its result is not available",
      "nb.md:8:7: error: block 'bad' failed (its error is at nb.md:1:1), so its result is not available",
    ])
  }
}
