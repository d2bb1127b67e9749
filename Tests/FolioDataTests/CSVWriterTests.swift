import XCTest

@testable import FolioData

/// `CSVWriter` text, checked character by character, and the write → read
/// round trip.
final class CSVWriterTests: XCTestCase {
  private func sampleFrame() throws -> Frame {
    try Frame([
      ("WEEK", .date(DateColumn(days: [19_358, 19_365, 0], missing: [false, false, true]))),
      ("SKU", .string(StringColumn(["SKU00417", "Smith, \"J\"", nil]))),
      ("STORE", .integer(IntegerColumn(values: [1, -42, 0], missing: [false, false, true]))),
      ("SPEND", .number([12.5, 3, .nan])),
      ("note", .string(StringColumn(["two\nlines", " padded ", "ok"]))),
    ])
  }

  func testWritesQuotesOnlyWhereNeeded() throws {
    let expected =
      "WEEK,SKU,STORE,SPEND,note\n" + "2023-01-01,SKU00417,1,12.5,\"two\nlines\"\n"
      + "2023-01-08,\"Smith, \"\"J\"\"\",-42,3.0,\" padded \"\n" + ",,,,ok\n"
    XCTAssertEqual(CSVWriter.write(try sampleFrame()), expected)
  }

  func testWriteThenReadGivesAnEqualFrame() throws {
    let frame = try sampleFrame()
    let back = try CSVReader.read(bytes: Array(CSVWriter.write(frame).utf8), displayName: "t.csv")
    XCTAssertEqual(back, frame)
  }

  func testNumbersRoundTripBitForBit() throws {
    var rng = SeededGenerator(seed: 5)
    var values: [Double] = [0.1, -0.0, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, 1e22, 3]
    for _ in 0..<2_000 {
      let d = Double(bitPattern: rng.next())
      if d.isFinite { values.append(d) }
    }
    let frame = try Frame([("x", .number(values))])
    let back = try CSVReader.read(bytes: CSVWriter.bytes(frame), displayName: "t.csv")
    guard case .number(let read)? = back["x"] else { return XCTFail("not a number column") }
    XCTAssertEqual(read.map(\.bitPattern), values.map(\.bitPattern))
  }

  func testWriteToFileAndReadBack() throws {
    let path = NSTemporaryDirectory() + "folio-csv-writer-\(getpid()).csv"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let frame = try sampleFrame()
    try CSVWriter.write(frame, to: path)
    XCTAssertEqual(try CSVReader.read(path: path), frame)
  }

  func testWritingToAMissingFolderIsAnError() throws {
    XCTAssertThrowsError(try CSVWriter.write(try sampleFrame(), to: "/nonexistent/x.csv")) { e in
      XCTAssertEqual("\(e)", "/nonexistent/x.csv:1:1: error: cannot write file: No such file or directory")
    }
  }
}
