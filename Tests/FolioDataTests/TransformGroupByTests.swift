import FolioData
import XCTest

/// group_by + aggregate against hand-computed group summaries.
final class TransformGroupByTests: XCTestCase {
  private func ints(_ v: [Int?]) -> Column {
    .integer(IntegerColumn(values: v.map { $0 ?? 0 }, missing: v.map { $0 == nil }))
  }
  private func strings(_ v: [String?]) -> Column { .string(StringColumn(v)) }

  // Groups (sorted): (A,1): rows 2,4  (A,2): row 5  (B,1): rows 0,3,6  (nil,1): row 1
  private lazy var frame: Frame = try! Frame([
    ("SKU", strings(["B", nil, "A", "B", "A", "A", "B"])),
    ("STORE", ints([1, 1, 1, 1, 1, 2, 1])),
    ("BOH", .number([4, 9, 1, .nan, 3, .nan, 1])),
    ("SALES", ints([10, 1, 2, 5, nil, 7, 3])),
  ])

  private func transformError(_ body: () throws -> Frame) -> TransformError? {
    do {
      _ = try body()
      return nil
    } catch {
      return error as? TransformError
    }
  }

  func testAggregateSortsGroupsByKeysWithMissingLast() throws {
    let out = try frame.groupBy(["SKU", "STORE"]).aggregate([
      Aggregation("N", .count), Aggregation("N_BOH", .count, "BOH"), Aggregation("TOTAL", .sum, "SALES"),
      Aggregation("MEAN_BOH", .mean, "BOH"), Aggregation("LOW", .min, "SALES"), Aggregation("HIGH", .max, "BOH"),
    ])
    XCTAssertEqual(out.columnNames, ["SKU", "STORE", "N", "N_BOH", "TOTAL", "MEAN_BOH", "LOW", "HIGH"])
    XCTAssertEqual(out["SKU"], strings(["A", "A", "B", nil]))
    XCTAssertEqual(out["STORE"], ints([1, 2, 1, 1]))
    XCTAssertEqual(out["N"], ints([2, 1, 3, 1]))
    XCTAssertEqual(out["N_BOH"], ints([2, 0, 2, 1]))
    XCTAssertEqual(out["TOTAL"], ints([2, 7, 18, 1]))
    XCTAssertEqual(out["MEAN_BOH"], .number([2, .nan, 2.5, 9]))
    XCTAssertEqual(out["LOW"], ints([2, 7, 3, 1]))
    XCTAssertEqual(out["HIGH"], .number([3, .nan, 4, 9]))
  }

  func testGroupByMedianOfEvenCountAveragesMiddleValues() throws {
    let f = try Frame([
      ("g", ints([1, 1, 1, 1, 2, 2, 2, 3])),
      ("x", .number([4, 1, 3, 10, 5, .nan, 2, .nan])),
    ])
    let out = try f.aggregate(groupBy: ["g"], [Aggregation("MED", .median, "x")])
    // g=1: {1,3,4,10} → (3+4)/2; g=2: {2,5} skipping missing → 3.5; g=3: all missing → missing.
    XCTAssertEqual(out["MED"], .number([3.5, 3.5, .nan]))
  }

  func testStringMinMaxAndDateKeys() throws {
    let d = { (day: Int) in Int32(CivilDate.days(year: 2024, month: 1, day: day)) }
    let f = try Frame([
      ("WEEK", .date(DateColumn(days: [d(8), d(1), d(8)]))), ("NAME", strings(["pear", "fig", "apple"])),
    ])
    let out = try f.aggregate(groupBy: ["WEEK"], [Aggregation("FIRST", .min, "NAME"), Aggregation("LAST", .max, "NAME")])
    XCTAssertEqual(out["WEEK"], .date(DateColumn(days: [d(1), d(8)])))
    XCTAssertEqual(out["FIRST"], strings(["fig", "apple"]))
    XCTAssertEqual(out["LAST"], strings(["fig", "pear"]))
  }

  func testAggregateWithoutKeysSummarizesAllRowsEvenWhenEmpty() throws {
    let all = try frame.aggregate(groupBy: [], [Aggregation("N", .count), Aggregation("S", .sum, "SALES")])
    XCTAssertEqual(all["N"], ints([7]))
    XCTAssertEqual(all["S"], ints([28]))
    let empty = try frame.limit(0).aggregate(groupBy: [], [Aggregation("N", .count), Aggregation("S", .sum, "BOH")])
    XCTAssertEqual(empty["N"], ints([0]))
    XCTAssertEqual(empty["S"], .number([.nan]))
    XCTAssertEqual(try frame.limit(0).aggregate(groupBy: ["SKU"], [Aggregation("N", .count)]).rowCount, 0)
  }

  func testNumberKeysTreatNegativeZeroAsZero() throws {
    let f = try Frame([("k", .number([0, -0.0, 1.5])), ("v", ints([1, 2, 3]))])
    let out = try f.aggregate(groupBy: ["k"], [Aggregation("S", .sum, "v")])
    XCTAssertEqual(out["k"], .number([0, 1.5]))
    XCTAssertEqual(out["S"], ints([3, 3]))
  }

  func testAggregateErrorsNameStepAndColumn() {
    XCTAssertEqual(
      transformError { try self.frame.aggregate(groupBy: ["SKU"], [Aggregation("M", .mean, "SKU")]) }?.message,
      "aggregate 'M': cannot take the mean of a string column")
    XCTAssertEqual(
      transformError { try self.frame.aggregate(groupBy: ["SKU"], [Aggregation("M", .sum)]) }?.message,
      "aggregate 'M': sum needs a column: sum(COLUMN)")
    XCTAssertEqual(
      transformError { try self.frame.aggregate(groupBy: ["SKU"], [Aggregation("SKU", .count)]) }?.message,
      "aggregate 'SKU': output column 'SKU' is defined twice (or repeats a group key)")
    XCTAssertEqual(
      transformError { try self.frame.aggregate(groupBy: ["STOR"], []) }?.message,
      "group_by 'STOR': unknown column 'STOR'; did you mean 'STORE'?")
  }

  func testAggregationParsesNotebookSpelling() throws {
    XCTAssertEqual(try Aggregation("B", parsing: "mean(BOH)"), Aggregation("B", .mean, "BOH"))
    XCTAssertEqual(try Aggregation("N", parsing: "count()"), Aggregation("N", .count))
    XCTAssertEqual(try Aggregation("P", parsing: "sum(`Unit Price`)"), Aggregation("P", .sum, "Unit Price"))
    XCTAssertThrowsError(try Aggregation("X", parsing: "avg(BOH)")) { e in
      XCTAssertEqual((e as? ExpressionError)?.message, "unknown aggregate function 'avg'; aggregate functions are: sum, mean, count, min, max, median")
    }
    XCTAssertThrowsError(try Aggregation("X", parsing: "sum(BOH + 1)")) { e in
      XCTAssertEqual((e as? ExpressionError)?.message, "sum takes a column name; derive computed values first")
      XCTAssertEqual((e as? ExpressionError)?.range, 4..<11)
    }
    XCTAssertThrowsError(try Aggregation("X", parsing: "meen(BOH)")) { e in
      XCTAssertEqual((e as? ExpressionError)?.message, "unknown aggregate function 'meen'; did you mean 'mean'?")
      XCTAssertEqual((e as? ExpressionError)?.range, 0..<4)
    }
    XCTAssertEqual(AggregateFunction.allCases.map(\.rawValue), ["sum", "mean", "count", "min", "max", "median"])
  }
}
