import FolioData
import Foundation
import PropertyBased
import XCTest

/// Fuzzing the CSV reader: any bytes read into a frame or fail with an error
/// at a line and field of the file; LF, CRLF and CR files read alike.
final class CSVFuzzTests: XCTestCase {
  static let fragments = FuzzCorpus.common + [
    ",", ",", "\"", "\"\"", "\"a,b\"", "\"x\ny\"", "1", "2.5", "-3e5", "1e999", "abc", "NA", "2024-01-31",
    "2024-02-30", "id,v\n", "inf", "-", String(repeating: "9", count: 400), String(repeating: ",", count: 300),
    String(repeating: "w", count: 1 << 16),
  ]

  func testArbitraryBytesReadOrFailAtALineAndFieldOfTheFile() {
    FuzzCorpus.run(suite: 5, generator: FuzzCorpus.bytes(Self.fragments, pieces: 0...30)) { bytes, label in
      do {
        let frame = try CSVReader.read(bytes: bytes, displayName: "f.csv")
        XCTAssertFalse(frame.columnNames.isEmpty, label)
      } catch {
        guard let e = error as? CSVError, let loc = e.location else { return XCTFail("\(label): unlocated \(error)") }
        XCTAssertEqual(loc.file, "f.csv", label)
        let lineEnds = bytes.indices.filter { bytes[$0] == 0x0A || bytes[$0] == 0x0D }.count
        XCTAssertTrue((1...(lineEnds + 1)).contains(loc.line), "\(label): \(e)")
        XCTAssertGreaterThanOrEqual(loc.column, 1, label)
      }
    }
  }

  /// Rows of unquoted fields joined by one line-ending convention.
  static let records = Gen<String?>.element(of: ["1", "2.5", "x", "é", "", "NA", "2024-01-31", "-7", "日本"])
    .array(of: 1...4).array(of: 1...12)

  func testLFCRLFAndCRFilesReadIdentically() {
    FuzzCorpus.run(suite: 6, generator: Self.records) { rows, label in
      let header = (0..<(rows.first?.count ?? 1)).map { "c\($0)" }.joined(separator: ",")
      let body = rows.map { $0.compactMap { $0 }.joined(separator: ",") }
      func read(_ ending: String) -> String {
        let text = ([header] + body).joined(separator: ending) + ending
        do {
          return CSVWriter.write(try CSVReader.read(bytes: Array(text.utf8), displayName: "f.csv"))
        } catch {
          return "error: \(error)"
        }
      }
      let lf = read("\n")
      XCTAssertEqual(read("\r\n"), lf, label)
      XCTAssertEqual(read("\r"), lf, label)
    }
  }
}
