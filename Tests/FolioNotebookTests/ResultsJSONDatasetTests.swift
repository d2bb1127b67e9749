import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// results.json holds each dataset once and caps large ones with a pointer
/// to a CSV of all their rows.
final class ResultsJSONDatasetTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-results-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var csv = "ID,REGION,SALES\n"
    for i in 0..<2_500 { csv += "\(i),\(["North", "South", "East"][i % 3]),\(Double(i) * 1.5 + 0.25)\n" }
    try csv.write(toFile: dir + "/sales.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func run(_ body: String, exportDatasets: Bool = true) throws -> (json: [String: Any], text: String, datasets: [DatasetExport]) {
    let doc = Executor().run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    let files = doc.resultsFiles(folioVersion: "t", exportDatasets: exportDatasets)
    let object = try JSONSerialization.jsonObject(with: Data(files.json)) as? [String: Any]
    let results = try XCTUnwrap(object?["results"] as? [String: Any])
    return (results, String(decoding: files.json, as: UTF8.self), files.datasets)
  }

  func testATableOfADatasetRefersToItInsteadOfRepeatingIt() throws {
    let r = try run("""
      ```{data} sales
      csv: sales.csv
      ```

      ```{table} shown
      data: sales
      max_rows: 5
      ```

      ```{table} picked
      data: sales
      columns: [SALES, ID]
      ```
      """)
    let shown = try XCTUnwrap(r.json["shown"] as? [String: Any])
    XCTAssertEqual(shown["same_as"] as? String, "sales")
    XCTAssertEqual(shown["rows"] as? Int, 2_500)
    XCTAssertNil(shown["data"])
    let picked = try XCTUnwrap(r.json["picked"] as? [String: Any])
    XCTAssertEqual(picked["same_as"] as? String, "sales")
    XCTAssertEqual(picked["columns"] as? [String], ["SALES", "ID"])
    XCTAssertEqual(r.text.components(separatedBy: "\"data\": {").count - 1, 1, "the rows are written once")
  }

  func testWithoutExportACappedDatasetHasNoPointerAndNoCSVIsWritten() throws {
    let r = try run("""
      ```{data} sales
      csv: sales.csv
      ```
      """, exportDatasets: false)
    let sales = try XCTUnwrap(r.json["sales"] as? [String: Any])
    XCTAssertEqual(sales["truncated"] as? Bool, true)
    XCTAssertEqual(sales["rows"] as? Int, 2_500)
    XCTAssertNil(sales["csv"])
    XCTAssertTrue(r.datasets.isEmpty)
  }

  func testALargeDatasetIsCappedAndPointsToACSVOfAllItsRows() throws {
    let r = try run("""
      ```{data} sales
      csv: sales.csv
      derive: {DOUBLE: SALES * 2}
      ```
      """)
    let sales = try XCTUnwrap(r.json["sales"] as? [String: Any])
    XCTAssertEqual(sales["rows"] as? Int, 2_500)
    XCTAssertEqual(sales["truncated"] as? Bool, true)
    XCTAssertEqual(sales["csv"] as? String, "datasets/sales.csv")
    let data = try XCTUnwrap(sales["data"] as? [String: [Any]])
    XCTAssertEqual(data["ID"]?.count, Value.jsonRowLimit)
    XCTAssertEqual(data["SALES"]?.last as? Double, 999 * 1.5 + 0.25)
    XCTAssertEqual(r.datasets.map(\.path), ["datasets/sales.csv"])
    // The pointer's CSV reads back as the whole dataset.
    let export = try XCTUnwrap(r.datasets.first)
    let back = try CSVReader.read(bytes: CSVWriter.bytes(export.frame), displayName: "sales.csv")
    XCTAssertEqual(back.rowCount, 2_500)
    XCTAssertEqual(back["DOUBLE"]?.doubles?[2_499], (2_499 * 1.5 + 0.25) * 2)
    XCTAssertEqual(back, export.frame)
  }

  func testSmallDatasetsAreWrittenWholeWithoutAPointer() throws {
    let r = try run("""
      ```{data} by_region
      csv: sales.csv
      group_by: [REGION]
      aggregate: {TOTAL: sum(SALES)}
      ```
      """)
    let t = try XCTUnwrap(r.json["by_region"] as? [String: Any])
    XCTAssertEqual(t["truncated"] as? Bool, false)
    XCTAssertNil(t["csv"])
    XCTAssertEqual(r.datasets.count, 0)
  }

  /// 300 columns: 100,000 cells / 300 = 333 rows shown.
  func testWideDatasetsAreCappedByCellsSoTheirJSONStaysSmall() throws {
    var columns: [(String, Column)] = []
    for c in 0..<300 { columns.append(("C\(c)", .number((0..<500).map { Double($0 * 300 + c) }))) }
    let frame = try Frame(columns)
    XCTAssertEqual(Value.jsonRows(frame), 333)
    var datasets = ResultsDatasets()
    datasets.exportCapped = true
    let json = Value.table(frame).resultFragment(label: "wide", indent: 0, datasets: &datasets)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual((object["data"] as? [String: [Any]])?["C299"]?.count, 333)
    XCTAssertEqual(object["csv"] as? String, "datasets/wide.csv")
  }

  func testFileNamesOfNestedDatasetsAreSafe() {
    XCTAssertEqual(ResultsDatasets.fileName("fit.fitted"), "fit.fitted")
    XCTAssertEqual(ResultsDatasets.fileName("a/b c"), "a_b_c")
    XCTAssertEqual(ResultsDatasets.fileName(".hidden"), "_.hidden")
  }

  func testSameStorageAndSameBytesAreTheSameDatasetOtherBytesAreNot() throws {
    let a = try Frame([("x", .number([1, 2, .nan])), ("s", .string(StringColumn(["a", nil, "b"])))])
    let copy = try Frame([("x", .number([1, 2, .nan])), ("s", .string(StringColumn(["a", nil, "b"])))])
    let other = try Frame([("x", .number([1, 2, 3])), ("s", .string(StringColumn(["a", nil, "b"])))])
    XCTAssertTrue(DatasetIdentity.isProjection(a, of: a))
    XCTAssertTrue(DatasetIdentity.isProjection(copy, of: a))
    XCTAssertFalse(DatasetIdentity.isProjection(other, of: a))
    XCTAssertTrue(DatasetIdentity.isProjection(try Frame([("s", XCTUnwrap(a["s"]))]), of: a))
  }
}
