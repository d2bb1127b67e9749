import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs small notebooks end to end (parse → execute) over CSVs in a temp folder.
final class ExecutorTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-exec-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "SKU,STORE,WEEK,BOH,COST\nA,1,2024-01-01,10,2.5\nA,2,2024-01-08,14,2.5\nB,1,2024-01-01,6,4\nB,1,2024-01-08,,4\n"
      .write(toFile: dir + "/inv.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func run(_ body: String, file: String = "nb.md") throws -> ExecutedDocument {
    let nb = try NotebookParser.parse(body, path: file)
    return Executor().run(nb, baseDirectory: dir)
  }

  func testDataStepsRunInWrittenOrderAndResultsAreReferencedByLabel() throws {
    let doc = try run("""
      ---
      params: {min_boh: 7}
      ---
      ```{data} inv
      csv: inv.csv
      fill: {BOH: 0}
      filter: BOH >= {{ params.min_boh }}
      derive: {VALUE: BOH * COST}
      ```

      ```{data} by_sku
      from: inv
      group_by: [SKU]
      aggregate: {TOTAL: sum(VALUE), N: count()}
      ```

      Total {{ by_sku.TOTAL | sum | fixed: 1 }} over {{ inv.rows }} rows.
      """)
    XCTAssertEqual(doc.diagnostics, [])
    guard case .table(let f)? = doc.results.first(where: { $0.label == "by_sku" })?.value else { return XCTFail() }
    XCTAssertEqual(f["SKU"], .string(StringColumn(["A"])))
    XCTAssertEqual(f["TOTAL"]?.doubles, [60])  // 10·2.5 + 14·2.5; B rows have BOH 6 and 0
    guard case .prose(let p) = doc.blocks[2] else { return XCTFail() }
    XCTAssertEqual(p.markdown, "Total 60.0 over 2 rows.")
  }

  func testFailingBlockIsAnErrorCellAndDependentsFailWhileOthersRun() throws {
    let doc = try run("""
      ```{data} inv
      csv: inv.csv
      filter: BOHH > 3
      ```

      ```{table} t
      data: inv
      ```

      ```{data} ok
      csv: inv.csv
      ```

      Rows: {{ ok.rows }}.
      """)
    XCTAssertEqual(doc.failedCount, 2)
    XCTAssertEqual(doc.diagnostics.map(\.description), [
      "nb.md:3:9: error: filter: unknown column 'BOHH'; did you mean 'BOH'?",
      "nb.md:7:7: error: block 'inv' failed (its error is at nb.md:1:1), so its result is not available",
    ].map { $0 })
    guard case .prose(let p) = doc.blocks.last else { return XCTFail() }
    XCTAssertEqual(p.markdown, "Rows: 4.")
  }

  func testCSVErrorsCarryTheCSVRowAndColumn() throws {
    try "A,B\n1,2\n3\n".write(toFile: dir + "/ragged.csv", atomically: true, encoding: .utf8)
    let doc = try run("```{data} d\ncsv: ragged.csv\n```\n")
    XCTAssertEqual(doc.diagnostics.count, 1)
    XCTAssertTrue(doc.diagnostics[0].description.hasPrefix("\(dir)/ragged.csv:3:"), doc.diagnostics[0].description)
  }

  func testMissingCSVFileIsAnErrorAtTheOption() throws {
    let doc = try run("```{data} d\ncsv: nope.csv\n```\n")
    XCTAssertEqual(doc.diagnostics.first?.error.location, SourceLocation(file: "nb.md", line: 2, column: 6))
    XCTAssertTrue(doc.diagnostics.first?.error.message.hasPrefix("cannot read CSV file 'nope.csv'") ?? false)
  }

  func testUnknownDirectiveAndOptionAreLocatedErrors() throws {
    let doc = try run("```{glmm} a\nx: 1\n```\n\n```{data} b\ncsv: inv.csv\nfilterr: BOH > 1\n```\n")
    XCTAssertEqual(doc.diagnostics.map(\.description), [
      "nb.md:1:5: error: unknown directive 'glmm'; did you mean 'glm'?",
      "nb.md:7:1: error: unknown option 'filterr' for {data}; did you mean 'filter'?",
    ])
  }

  func testExpressionTypeErrorPointsIntoTheExpression() throws {
    let doc = try run("```{data} d\ncsv: inv.csv\nderive: {X: SKU + 1}\n```\n")
    let e = try XCTUnwrap(doc.diagnostics.first?.error)
    XCTAssertEqual(e.location?.line, 3)
    XCTAssertEqual(e.location?.column, 13)
    XCTAssertTrue(e.message.contains("string"), e.message)
  }

  func testInlineErrorInProseIsMarkedAndReported() throws {
    let doc = try run("Value: {{ nothing.here }} and `{{ code }}` stays.\n")
    XCTAssertEqual(doc.diagnostics.first?.description.hasPrefix("nb.md:1:11: error: unknown name 'nothing'"), true)
    guard case .prose(let p) = doc.blocks[0] else { return XCTFail() }
    XCTAssertEqual(p.markdown, "Value: \(InlineErrorMarker.token(0)) and `{{ code }}` stays.")
  }

  func testReferenceToALaterBlockSaysSo() throws {
    let doc = try run("```{table} t\ndata: later\n```\n\n```{data} later\ncsv: inv.csv\n```\n")
    XCTAssertEqual(doc.diagnostics.first?.description,
                   "nb.md:2:7: error: block 'later' is defined later in the notebook; blocks can only refer to blocks above them")
  }

  func testTableFormatsRowsLimitAndExport() throws {
    let doc = try run("```{data} inv\ncsv: inv.csv\n```\n\n```{table} t\ndata: inv\ncolumns: [SKU, COST]\nformat: {COST: \"currency:2\"}\nmax_rows: 2\nexport: true\n```\n")
    XCTAssertEqual(doc.diagnostics, [])
    guard case .directive(let d) = doc.blocks[1], case .table(let t) = d.outputs.first else { return XCTFail() }
    XCTAssertEqual(t.rows, [["A", "$2.50"], ["A", "$2.50"]])
    XCTAssertEqual(t.totalRows, 4)
    XCTAssertEqual(d.attachments.first?.fileName, "t.csv")
    XCTAssertEqual(d.attachments.first?.contents, "SKU,COST\nA,2.5\nA,2.5\nB,4.0\nB,4.0\n")
  }

  func testResultsJSONIsDeterministicAndFullPrecision() throws {
    let body = "---\nseed: 3\n---\n```{data} inv\ncsv: inv.csv\nderive: {X: COST / 3}\n```\n"
    let a = try run(body).resultsJSON(folioVersion: "t")
    let b = try run(body).resultsJSON(folioVersion: "t")
    XCTAssertEqual(a, b)
    XCTAssertTrue(a.contains("0.8333333333333334"), "full precision of 2.5/3")
    XCTAssertTrue(a.contains("\"seed\": 3"))
  }
}
