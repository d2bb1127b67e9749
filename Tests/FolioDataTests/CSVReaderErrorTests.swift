import XCTest

@testable import FolioData

/// Every `CSVError` case, asserted on its full compiler-style text
/// (`file:line:field: error: …`).
final class CSVReaderErrorTests: XCTestCase {
  private func error(_ text: String, _ options: CSVOptions = .init(), chunks: Int? = nil) -> String {
    error(Array(text.utf8), options, chunks: chunks)
  }

  private func error(_ bytes: [UInt8], _ options: CSVOptions = .init(), chunks: Int? = nil) -> String {
    do {
      let f = try CSVReader.read(bytes: bytes, displayName: "sales.csv", options: options, chunkCount: chunks)
      return "no error; read \(f.rowCount) rows"
    } catch {
      return error.description
    }
  }

  func testEmptyFileExpectsAHeaderRow() {
    XCTAssertEqual(error(""), "sales.csv:1:1: error: expected a header row, found an empty file")
    XCTAssertEqual(error([0xEF, 0xBB, 0xBF]), "sales.csv:1:1: error: expected a header row, found an empty file")
  }

  func testEmptyHeaderName() {
    XCTAssertEqual(error("a,,c\n1,2,3\n"), "sales.csv:1:2: error: header: expected a column name, found an empty field")
  }

  func testDuplicateHeaderName() {
    XCTAssertEqual(error("a,b,a\n1,2,3\n"), "sales.csv:1:3: error: header: duplicate column name 'a'")
  }

  func testRaggedRowWithTooFewFields() {
    XCTAssertEqual(error("a,b,c\n1,2,3\n1,2\n"), "sales.csv:3:3: error: row has 2 fields, expected 3")
  }

  func testRaggedRowWithTooManyFields() {
    XCTAssertEqual(error("a,b\n1,2\n3,4\n5,6,7,8\n"), "sales.csv:4:3: error: row has 4 fields, expected 2")
  }

  func testRaggedRowLineCountsQuotedNewlines() {
    XCTAssertEqual(error("a,b\n\"x\ny\",2\n3\n"), "sales.csv:4:2: error: row has 1 field, expected 2")
  }

  func testUnterminatedQuoteIsReportedAtTheOpeningQuote() {
    XCTAssertEqual(
      error("a,b\n1,2\n3,\"open\n4,5\n"), "sales.csv:3:2: error: column 'b': quoted field has no closing quote")
  }

  func testStrayQuoteInsideUnquotedField() {
    XCTAssertEqual(
      error("a,b\n1,ab\"c\n"),
      "sales.csv:2:2: error: column 'b': unexpected '\"' inside an unquoted field (quote the whole field and double inner quotes)"
    )
  }

  func testTextAfterClosingQuote() {
    XCTAssertEqual(
      error("a,b\n\"x\"y,2\n"), "sales.csv:2:1: error: column 'a': expected a delimiter or line end after the closing quote")
  }

  func testBadNumberInDeclaredColumnShowsTheText() {
    let text = "WEEK,SKU,SPEND\n2024-01-01,A,1.5\n2024-01-08,B,\"12,5\"\n"
    XCTAssertEqual(
      error(text, CSVOptions(types: ["SPEND": .number])),
      "sales.csv:3:3: error: column 'SPEND': expected a number, found \"12,5\"")
  }

  func testBadIntegerInDeclaredColumn() {
    XCTAssertEqual(
      error("STORE\n1\n2.0\n", CSVOptions(types: ["STORE": .integer])),
      "sales.csv:3:1: error: column 'STORE': expected an integer, found \"2.0\"")
    XCTAssertEqual(
      error("STORE\n9223372036854775808\n", CSVOptions(types: ["STORE": .integer])),
      "sales.csv:2:1: error: column 'STORE': expected an integer, found \"9223372036854775808\"")
  }

  func testBadDateInDeclaredColumn() {
    XCTAssertEqual(
      error("x,WEEK\n1,2024-02-29\n2,2023-02-29\n", CSVOptions(types: ["WEEK": .date])),
      "sales.csv:3:2: error: column 'WEEK': expected a date (YYYY-MM-DD), found \"2023-02-29\"")
  }

  func testInvalidUTF8NamesLineAndField() {
    let bytes = Array("a,b\nx,ok\ny,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    XCTAssertEqual(error(bytes), "sales.csv:3:2: error: column 'b': text is not valid UTF-8")
  }

  func testInvalidUTF8InHeader() {
    XCTAssertEqual(error([0x61, 0x2C, 0xFF, 0x0A, 0x31, 0x2C, 0x32]), "sales.csv:1:2: error: header: text is not valid UTF-8")
  }

  func testDeclaredTypeForUnknownColumn() {
    XCTAssertEqual(
      error("a,b\n1,2\n", CSVOptions(types: ["c": .number])),
      "sales.csv:1:1: error: declared type for unknown column 'c'; columns are: a, b")
  }

  func testFirstValueErrorInFileOrderWinsAcrossColumns() {
    let options = CSVOptions(types: ["a": .integer, "b": .integer])
    XCTAssertEqual(error("a,b\n1,2\n3,x\ny,4\n", options), "sales.csv:3:2: error: column 'b': expected an integer, found \"x\"")
  }

  func testErrorsInLaterChunksCarryTheirLineNumber() {
    var text = "a,b\n"
    for i in 0..<200 { text += "\(i),\(i)\n" }
    text += "1,2,3\n"
    XCTAssertEqual(error(text, chunks: 4), "sales.csv:202:3: error: row has 3 fields, expected 2")
  }

  func testMissingFileIsAnError() {
    XCTAssertThrowsError(try CSVReader.read(path: "/nonexistent/folio.csv", displayName: "folio.csv")) { e in
      XCTAssertEqual("\(e)", "folio.csv:1:1: error: cannot read file: No such file or directory")
    }
  }

  func testEmptyFileOnDiskAndDirectoryAreErrors() throws {
    let path = NSTemporaryDirectory() + "folio-csv-empty-\(getpid()).csv"
    try Data().write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    XCTAssertThrowsError(try CSVReader.read(path: path, displayName: "empty.csv")) { e in
      XCTAssertEqual("\(e)", "empty.csv:1:1: error: expected a header row, found an empty file")
    }
    XCTAssertThrowsError(try CSVReader.read(path: NSTemporaryDirectory(), displayName: "tmp")) { e in
      XCTAssertEqual("\(e)", "tmp:1:1: error: cannot read file: Is a directory")
    }
  }

  func testQuoteAsDelimiterIsRejected() {
    XCTAssertEqual(
      error("a\n", CSVOptions(delimiter: UInt8(ascii: "\""))),
      "error: invalid delimiter byte 34: expected an ASCII character other than a quote or a line end")
  }
}
