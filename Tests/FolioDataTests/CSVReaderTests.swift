import XCTest

@testable import FolioData

/// Structure and typing of `CSVReader` on small hand-written files; every
/// expected value is written out by hand from the file text.
final class CSVReaderTests: XCTestCase {
  private func read(_ text: String, _ options: CSVOptions = .init()) throws -> Frame {
    try CSVReader.read(bytes: Array(text.utf8), displayName: "t.csv", options: options)
  }

  func testInfersIntegerNumberDateAndStringColumns() throws {
    let f = try read("n,x,d,s\n1,1.5,2024-01-01,a\n2,2,2024-02-29,b\n")
    XCTAssertEqual(f.columnNames, ["n", "x", "d", "s"])
    XCTAssertEqual(f.rowCount, 2)
    XCTAssertEqual(f["n"], .integer(IntegerColumn(values: [1, 2])))
    XCTAssertEqual(f["x"], .number([1.5, 2]))
    XCTAssertEqual(f["d"]?[1], .date(CivilDate.days(year: 2024, month: 2, day: 29)))
    XCTAssertEqual(f["d"]?.type, .date)
    XCTAssertEqual(f["s"], .string(StringColumn(codes: [0, 1], levels: ["a", "b"])))
  }

  func testIntegerColumnWidensToNumberWhenALaterValueHasDecimals() throws {
    let f = try read("x\n1\n2\n2.5\n")
    XCTAssertEqual(f["x"], .number([1, 2, 2.5]))
  }

  func testIntegerOverflowingInt64IsReadAsNumber() throws {
    let f = try read("x\n9223372036854775807\n")
    XCTAssertEqual(f["x"], .integer(IntegerColumn(values: [Int.max])))
    let g = try read("x\n9223372036854775808\n-9223372036854775808\n")
    XCTAssertEqual(g["x"], .number([9_223_372_036_854_775_808.0, -9_223_372_036_854_775_808.0]))
  }

  func testNumberColumnWithOneTextValueBecomesString() throws {
    let f = try read("x\n1\n2.5\nabc\n")
    XCTAssertEqual(f["x"], .string(StringColumn(codes: [0, 1, 2], levels: ["1", "2.5", "abc"])))
  }

  func testDateColumnWithAnInvalidDayBecomesString() throws {
    let f = try read("d\n2023-02-28\n2023-02-29\n")
    XCTAssertEqual(f["d"]?.type, .string)
  }

  func testEmptyCellsAndMissingTokensAreMissing() throws {
    let f = try read("a,b,c\n1,,x\nNA,2.5,NA\n3,\"\",y\n", CSVOptions(missingTokens: ["NA"]))
    XCTAssertEqual(f["a"], .integer(IntegerColumn(values: [1, 0, 3], missing: [false, true, false])))
    XCTAssertEqual(f["b"]?[0], .missing)
    XCTAssertEqual(f["b"]?[1], .number(2.5))
    XCTAssertEqual(f["b"]?[2], .missing)
    XCTAssertEqual(f["c"], .string(StringColumn(codes: [0, -1, 1], levels: ["x", "y"])))
  }

  func testColumnWithOnlyMissingValuesIsNumber() throws {
    let f = try read("a,b\n,1\n,2\n")
    XCTAssertEqual(f["a"]?.type, .number)
    XCTAssertEqual(f["a"]?[0], .missing)
    XCTAssertEqual(f["a"]?[1], .missing)
  }

  func testHeaderOnlyFileHasZeroRows() throws {
    let f = try read("a,b")
    XCTAssertEqual(f.columnNames, ["a", "b"])
    XCTAssertEqual(f.rowCount, 0)
  }

  func testQuotedFieldsHoldDelimitersQuotesAndNewlines() throws {
    let f = try read("name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\n\"x\",\"\"\"\"\n")
    XCTAssertEqual(f["name"]?[0], .string("Smith, J"))
    XCTAssertEqual(f["note"]?[0], .string("said \"hi\"\nthen left"))
    XCTAssertEqual(f["name"]?[1], .string("x"))
    XCTAssertEqual(f["note"]?[1], .string("\""))
  }

  func testQuotedNumbersAreStillNumbers() throws {
    let f = try read("x\n\"1.25\"\n\"3\"\n")
    XCTAssertEqual(f["x"], .number([1.25, 3]))
  }

  func testCRLFLineEndsBOMAndMissingFinalNewlineAreAccepted() throws {
    let f = try CSVReader.read(
      bytes: [0xEF, 0xBB, 0xBF] + Array("id,v\r\n1,a\r\n2,b".utf8), displayName: "t.csv")
    XCTAssertEqual(f.columnNames, ["id", "v"])
    XCTAssertEqual(f["id"], .integer(IntegerColumn(values: [1, 2])))
    XCTAssertEqual(f["v"], .string(StringColumn(codes: [0, 1], levels: ["a", "b"])))
  }

  func testStringLevelsAreInOrderOfFirstAppearance() throws {
    let f = try read("s\nb\na\nb\nc\na\n")
    XCTAssertEqual(f["s"], .string(StringColumn(codes: [0, 1, 0, 2, 1], levels: ["b", "a", "c"])))
  }

  func testDeclaredTypesWinOverInference() throws {
    let f = try read(
      "sku,store,x\n00417,1,2\n00418,2,3\n", CSVOptions(types: ["sku": .string, "x": .number]))
    XCTAssertEqual(f["sku"], .string(StringColumn(codes: [0, 1], levels: ["00417", "00418"])))
    XCTAssertEqual(f["store"], .integer(IntegerColumn(values: [1, 2])))
    XCTAssertEqual(f["x"], .number([2, 3]))
  }

  func testSemicolonDelimiter() throws {
    let f = try read("a;b\n1,5;x\n", CSVOptions(delimiter: UInt8(ascii: ";")))
    XCTAssertEqual(f["a"]?[0], .string("1,5"))
    XCTAssertEqual(f["b"]?[0], .string("x"))
  }

  func testSingleColumnEmptyLineIsAMissingValue() throws {
    let f = try read("x\n1\n\n3\n")
    XCTAssertEqual(f["x"], .integer(IntegerColumn(values: [1, 0, 3], missing: [false, true, false])))
  }

  func testReadsFromAFileOnDisk() throws {
    let path = NSTemporaryDirectory() + "folio-csv-reader-\(getpid()).csv"
    try Data("a,b\n1,x\n".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let f = try CSVReader.read(path: path)
    XCTAssertEqual(f["a"], .integer(IntegerColumn(values: [1])))
  }
}
