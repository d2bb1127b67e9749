import FolioData
import XCTest

/// join, pivot and sort against hand-computed frames.
final class TransformJoinPivotSortTests: XCTestCase {
  private func ints(_ v: [Int?]) -> Column {
    .integer(IntegerColumn(values: v.map { $0 ?? 0 }, missing: v.map { $0 == nil }))
  }
  private func strings(_ v: [String?]) -> Column { .string(StringColumn(v)) }

  private func transformError(_ body: () throws -> Frame) -> TransformError? {
    do {
      _ = try body()
      return nil
    } catch {
      return error as? TransformError
    }
  }

  private lazy var facts: Frame = try! Frame([
    ("SKU", strings(["A", "B", "C", nil, "A"])),
    ("SALES", ints([1, 2, 3, 4, 5])),
  ])
  // Right side with its own dictionary order, a duplicate key (one-to-many) and a clashing name.
  private lazy var attributes: Frame = try! Frame([
    ("SKU", strings(["B", "A", "B"])),
    ("SALES", ints([20, 10, 21])),
    ("BRAND", strings(["y", "x", "z"])),
  ])

  func testInnerJoinRepeatsLeftRowsPerMatchAndSuffixesClashes() throws {
    let out = try facts.join(attributes, on: ["SKU"])
    XCTAssertEqual(out.columnNames, ["SKU", "SALES", "SALES_right", "BRAND"])
    XCTAssertEqual(out["SKU"], strings(["A", "B", "B", "A"]))
    XCTAssertEqual(out["SALES"], ints([1, 2, 2, 5]))
    XCTAssertEqual(out["SALES_right"], ints([10, 20, 21, 10]))
    XCTAssertEqual(out["BRAND"], strings(["x", "y", "z", "x"]))
  }

  func testLeftJoinKeepsUnmatchedAndMissingKeyRowsWithMissingValues() throws {
    let out = try facts.join(attributes, on: ["SKU"], how: .left)
    XCTAssertEqual(out["SALES"], ints([1, 2, 2, 3, 4, 5]))
    XCTAssertEqual(out["SALES_right"], ints([10, 20, 21, nil, nil, 10]))
    XCTAssertEqual(out["BRAND"], strings(["x", "y", "z", nil, nil, "x"]))
  }

  func testJoinOnTwoKeysManyToOne() throws {
    let left = try Frame([("S", ints([1, 1, 2, 2])), ("W", ints([1, 2, 1, 2])), ("Q", ints([5, 6, 7, 8]))])
    let right = try Frame([("W", ints([2, 1])), ("S", ints([2, 1])), ("P", .number([0.5, 0.25]))])
    let out = try left.join(right, on: ["S", "W"], how: .left)
    XCTAssertEqual(out["P"], .number([0.25, .nan, .nan, 0.5]))
  }

  func testJoinKeyTypeMismatchIsAnError() throws {
    let right = try Frame([("SKU", ints([1]))])
    XCTAssertEqual(
      transformError { try self.facts.join(right, on: ["SKU"]) }?.message,
      "join 'SKU': key 'SKU' is string on the left but integer on the right; convert one side first")
    XCTAssertEqual(
      transformError { try self.facts.join(right, on: ["SALES"]) }?.message,
      "join 'SALES': key 'SALES' is not a column of the right frame; columns are: SKU")
  }

  func testPivotSpreadsSortedValuesIntoColumns() throws {
    let long = try Frame([
      ("STORE", ints([2, 1, 1, 2, 1])),
      ("PROMO", strings(["TPR", "TPR", "BOGO", "TPR", nil])),
      ("UNITS", .number([1, 2, 3, 4, 100])),
    ])
    let wide = try long.pivot(index: ["STORE"], columns: "PROMO", values: "UNITS")
    XCTAssertEqual(wide.columnNames, ["STORE", "BOGO", "TPR"])
    XCTAssertEqual(wide["STORE"], ints([1, 2]))
    XCTAssertEqual(wide["BOGO"], .number([3, .nan]))
    XCTAssertEqual(wide["TPR"], .number([2, 5]))
    let filled = try long.pivot(index: ["STORE"], columns: "PROMO", values: "UNITS", aggregate: .max, fill: .number(0))
    XCTAssertEqual(filled["BOGO"], .number([3, 0]))
    XCTAssertEqual(filled["TPR"], .number([2, 4]))
  }

  func testPivotNamesIntegerValuesNumericallySorted() throws {
    let long = try Frame([("K", ints([1, 1, 1])), ("WEEK", ints([10, 9, 10])), ("V", ints([1, 2, 3]))])
    let wide = try long.pivot(index: ["K"], columns: "WEEK", values: "V", aggregate: .count)
    XCTAssertEqual(wide.columnNames, ["K", "9", "10"])
    XCTAssertEqual(wide["10"], ints([2]))
    XCTAssertEqual(
      transformError { try long.pivot(index: ["K"], columns: "WEEK", values: "V", fill: .string("x")) }?.message,
      "pivot 'V': cannot fill integer column with string 'x'; expected an integer")
  }

  func testSortIsStableWithMissingLastInBothDirections() throws {
    let f = try Frame([
      ("k", ints([2, nil, 1, 2, 1])), ("s", strings(["b", "a", nil, "a", "c"])), ("row", ints([0, 1, 2, 3, 4])),
    ])
    XCTAssertEqual(try f.sort([(column: "k", descending: false)])["row"], ints([2, 4, 0, 3, 1]))
    XCTAssertEqual(try f.sort([(column: "k", descending: true)])["row"], ints([0, 3, 2, 4, 1]))
    XCTAssertEqual(
      try f.sort([(column: "k", descending: true), (column: "s", descending: false)])["row"], ints([3, 0, 4, 2, 1]))
    XCTAssertEqual(try f.sort([(column: "s", descending: true)])["row"], ints([4, 0, 1, 3, 2]))
  }

  func testSortOneRowAndUnknownColumn() throws {
    let one = try Frame([("x", .number([1]))])
    XCTAssertEqual(try one.sort([(column: "x", descending: true)]), one)
    XCTAssertEqual(
      transformError { try one.sort([(column: "y", descending: true)]) }?.message,
      "sort 'y': unknown column 'y'; did you mean 'x'?")
  }
}

/// Edge cases: empty right frames, empty and one-row inputs, name clashes.
final class TransformEdgeCaseTests: XCTestCase {
  private func ints(_ v: [Int?]) -> Column {
    .integer(IntegerColumn(values: v.map { $0 ?? 0 }, missing: v.map { $0 == nil }))
  }

  func testJoinWithEmptyRightKeepsLeftRowsOnlyForLeftJoin() throws {
    let left = try Frame([("k", ints([1, 2])), ("v", ints([10, 20]))])
    let right = try Frame([("k", ints([])), ("w", .number([]))])
    XCTAssertEqual(try left.join(right, on: ["k"]).rowCount, 0)
    let kept = try left.join(right, on: ["k"], how: .left)
    XCTAssertEqual(kept["v"], ints([10, 20]))
    XCTAssertEqual(kept["w"], .number([.nan, .nan]))
  }

  func testOneRowGroupAndPivot() throws {
    let one = try Frame([("g", ints([3])), ("c", .string(StringColumn(["x"]))), ("v", .number([2.5]))])
    let agg = try one.aggregate(groupBy: ["g"], [Aggregation("M", .median, "v"), Aggregation("S", .sum, "v")])
    XCTAssertEqual(agg["M"], .number([2.5]))
    XCTAssertEqual(agg["S"], .number([2.5]))
    let wide = try one.pivot(index: ["g"], columns: "c", values: "v", aggregate: .mean)
    XCTAssertEqual(wide.columnNames, ["g", "x"])
    XCTAssertEqual(wide["x"], .number([2.5]))
  }

  func testPivotOfEmptyFrameHasIndexColumnsOnly() throws {
    let empty = try Frame([("g", ints([])), ("c", .string(StringColumn([]))), ("v", .number([]))])
    let wide = try empty.pivot(index: ["g"], columns: "c", values: "v")
    XCTAssertEqual(wide.columnNames, ["g"])
    XCTAssertEqual(wide.rowCount, 0)
  }

  func testPivotValueThatRepeatsIndexNameIsAnError() throws {
    let f = try Frame([("g", ints([1])), ("c", .string(StringColumn(["g"]))), ("v", .number([1]))])
    XCTAssertThrowsError(try f.pivot(index: ["g"], columns: "c", values: "v")) { e in
      XCTAssertEqual((e as? TransformError)?.message, "pivot 'c': value 'g' of 'c' would repeat the column name 'g'")
    }
  }

  func testIntegerSumOverflowNamesRow() throws {
    let f = try Frame([("v", ints([Int.max, 1]))])
    XCTAssertThrowsError(try f.aggregate(groupBy: [], [Aggregation("S", .sum, "v")])) { e in
      XCTAssertEqual((e as? TransformError)?.message, "aggregate 'S': row 2: integer overflow in sum")
    }
  }
}
