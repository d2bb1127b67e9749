import FolioData
import XCTest

/// LF, CRLF and lone-CR files read identically, errors keep their line, and
/// only UTF-8 is read (issue 13).
final class CSVLineEndingTests: XCTestCase {
  private let lfText = "id,name,v\n1,\"a,b\",2.5\n2,\"two\nlines\",\n3,c,-1\n"

  private func read(_ text: String, _ ending: String) throws -> Frame {
    let converted = text.replacingOccurrences(of: "\n", with: ending)
    return try CSVReader.read(bytes: Array(converted.utf8), displayName: "t.csv")
  }

  func testLFCRLFAndLoneCRFilesGiveEqualFrames() throws {
    let lf = try read(lfText, "\n")
    XCTAssertEqual(lf.rowCount, 3)
    XCTAssertEqual(lf["v"]?[0], .number(2.5))
    for ending in ["\r\n", "\r"] {
      let other = try read(lfText, ending)
      XCTAssertEqual(other.columnNames, lf.columnNames, "ending \(ending.debugDescription)")
      XCTAssertEqual(other["id"], lf["id"], "ending \(ending.debugDescription)")
      XCTAssertEqual(other["v"], lf["v"], "ending \(ending.debugDescription)")
      // A quoted line end is kept as written, so only that cell differs.
      XCTAssertEqual(other["name"]?[1], .string("two\(ending)lines"))
      XCTAssertEqual(other["name"]?[2], .string("c"))
    }
  }

  func testLoneCRWithoutFinalLineEndAndBOMIsAccepted() throws {
    let f = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("x\r1\r2".utf8), displayName: "t.csv")
    XCTAssertEqual(f["x"], .integer(IntegerColumn(values: [1, 2])))
  }

  func testErrorLineIsTheSameForEveryLineEnding() {
    // Line 4 has a value that is not a number in a declared number column.
    let text = "id,v\n1,2\n2,3\n3,oops\n"
    for ending in ["\n", "\r\n", "\r"] {
      let bytes = Array(text.replacingOccurrences(of: "\n", with: ending).utf8)
      XCTAssertThrowsError(
        try CSVReader.read(bytes: bytes, displayName: "t.csv", options: CSVOptions(types: ["v": .number]))
      ) { error in
        XCTAssertEqual((error as? CSVError)?.location, SourceLocation(file: "t.csv", line: 4, column: 2), "ending \(ending.debugDescription)")
      }
    }
  }

  func testRaggedRowAfterMixedLineEndsIsLocatedByPhysicalLine() {
    XCTAssertThrowsError(try CSVReader.read(bytes: Array("a,b\r1,2\r\n3,4\n5\r".utf8), displayName: "m.csv")) { error in
      XCTAssertEqual((error as? CSVError)?.location?.line, 4)
    }
  }

  func testUTF16FileIsAnEncodingErrorAtTheStart() {
    for (bom, name) in [([UInt8]([0xFF, 0xFE]), "UTF-16 (little-endian)"), ([0xFE, 0xFF], "UTF-16 (big-endian)")] {
      let bytes = bom + Array("a\n1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      XCTAssertThrowsError(try CSVReader.read(bytes: bytes, displayName: "w.csv")) { error in
        XCTAssertEqual(error as? CSVError, CSVError(
          location: SourceLocation(file: "w.csv", line: 1, column: 1), reason: .unsupportedEncoding(name)))
      }
    }
  }

  func testInvalidUTF8CellIsLocatedAfterCRLines() {
    let bytes = Array("s\rok\r".utf8) + [0xC3, 0x28] + Array("\r".utf8)
    XCTAssertThrowsError(try CSVReader.read(bytes: bytes, displayName: "u.csv")) { error in
      XCTAssertEqual((error as? CSVError)?.location, SourceLocation(file: "u.csv", line: 3, column: 1))
    }
  }
}
