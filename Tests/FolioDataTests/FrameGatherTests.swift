import XCTest

@testable import FolioData

/// `Frame.gather` on frames large enough to gather columns in parallel
/// (≥ 100,000 rows): every column type, with missing cells, gives the rows
/// asked for, in that order. Values are functions of the row number, so the
/// expected cell of output row k is computed from the index alone.
final class FrameGatherTests: XCTestCase {
  func testParallelGatherOfEveryColumnTypeMatchesTheRowFormula() throws {
    let n = 250_000
    let frame = try Frame([
      ("X", .number((0..<n).map { $0 % 11 == 0 ? .nan : Double($0) * 0.5 })),
      ("I", .integer(IntegerColumn(values: (0..<n).map { $0 * 3 }, missing: (0..<n).map { $0 % 7 == 0 }))),
      ("S", .string(StringColumn((0..<n).map { $0 % 13 == 0 ? nil : "L\($0 % 5)" }))),
      ("D", .date(DateColumn(days: (0..<n).map { Int32($0 % 1000) }, missing: (0..<n).map { $0 % 17 == 0 }))),
    ])
    // Reversed odd rows, then a repeated row: 125,002 rows, above the parallel threshold.
    let indices = Array(stride(from: n - 1, through: 0, by: -2)) + [42, 42]
    let out = frame.gather(indices)
    XCTAssertEqual(out.rowCount, indices.count)
    XCTAssertEqual(out.columnNames, ["X", "I", "S", "D"])
    var mismatches: [String] = []
    for (k, r) in indices.enumerated() {
      if out["X"]?[k] != (r % 11 == 0 ? .missing : .number(Double(r) * 0.5)) { mismatches.append("X \(k)") }
      if out["I"]?[k] != (r % 7 == 0 ? .missing : .integer(r * 3)) { mismatches.append("I \(k)") }
      if out["S"]?[k] != (r % 13 == 0 ? .missing : .string("L\(r % 5)")) { mismatches.append("S \(k)") }
      if out["D"]?[k] != (r % 17 == 0 ? .missing : .date(r % 1000)) { mismatches.append("D \(k)") }
    }
    XCTAssertEqual(mismatches.prefix(5), [], "\(mismatches.count) cells differ from the row formula")
  }
}
