import FolioData
import XCTest

/// select, rename, fill, fill forward, filter, derive and limit against
/// hand-computed frames, including missing values, empty frames and errors.
final class TransformColumnStepTests: XCTestCase {
  private func ints(_ v: [Int?]) -> Column {
    .integer(IntegerColumn(values: v.map { $0 ?? 0 }, missing: v.map { $0 == nil }))
  }
  private func strings(_ v: [String?]) -> Column { .string(StringColumn(v)) }

  private lazy var sales: Frame = try! Frame([
    ("SKU", strings(["A", "B", nil, "A"])),
    ("BOH", ints([5, nil, 0, 2])),
    ("SALES", .number([10, .nan, 3, 4])),
  ])

  private func transformError(_ body: () throws -> Frame) -> TransformError? {
    do {
      _ = try body()
      return nil
    } catch {
      return error as? TransformError
    }
  }

  func testSelectReordersAndRejectsUnknownOrRepeatedNames() throws {
    let f = try sales.select(["SALES", "SKU"])
    XCTAssertEqual(f.columnNames, ["SALES", "SKU"])
    XCTAssertEqual(f["SKU"], sales["SKU"])
    XCTAssertEqual(
      transformError { try self.sales.select(["SKU", "BOX"]) }?.message,
      "select 'BOX': unknown column 'BOX'; did you mean 'BOH'?")
    XCTAssertEqual(
      transformError { try self.sales.select(["SKU", "SKU"]) }?.message, "select 'SKU': column 'SKU' is selected twice")
  }

  func testRenameKeepsPositionAndRejectsTakenName() throws {
    let f = try sales.rename([(old: "BOH", new: "STOCK"), (old: "STOCK", new: "ON_HAND")])
    XCTAssertEqual(f.columnNames, ["SKU", "ON_HAND", "SALES"])
    XCTAssertEqual(
      transformError { try self.sales.rename([(old: "BOH", new: "SALES")]) }?.message,
      "rename 'BOH': cannot rename to 'SALES': a column of that name already exists")
  }

  func testFillReplacesOnlyMissingWithTypeCheckedConstant() throws {
    let f = try sales.fill([(column: "BOH", value: .integer(-1)), (column: "SKU", value: .string("NONE")),
                            (column: "SALES", value: .integer(0))])
    XCTAssertEqual(f["BOH"], ints([5, -1, 0, 2]))
    XCTAssertEqual(f["SKU"], strings(["A", "B", "NONE", "A"]))
    XCTAssertEqual(f["SALES"], .number([10, 0, 3, 4]))
    XCTAssertEqual(
      transformError { try self.sales.fill([(column: "BOH", value: .number(1.5))]) }?.message,
      "fill 'BOH': cannot fill integer column with number 1.5; expected an integer")
  }

  func testFillForwardCarriesLastValueAndKeepsLeadingMissing() throws {
    let f = try Frame([("x", ints([nil, 1, nil, nil, 4, nil])), ("s", strings(["a", nil, "b", nil, nil, nil]))])
    let g = try f.fillForward(["x", "s"])
    XCTAssertEqual(g["x"], ints([nil, 1, 1, 1, 4, 4]))
    XCTAssertEqual(g["s"], strings(["a", "a", "b", "b", "b", "b"]))
  }

  func testFilterKeepsTrueRowsInOrderAndDropsMissing() throws {
    let f = try sales.filter(try Expression.parse("SKU != 'B' and BOH >= 0"))
    XCTAssertEqual(f.rowCount, 2)
    XCTAssertEqual(f["SKU"], strings(["A", "A"]))
    XCTAssertEqual(f["SALES"], .number([10, 4]))
  }

  func testFilterErrorKeepsExpressionRangeAndLocation() throws {
    let e = transformError { try self.sales.filter(try Expression.parse("BOH > 0 and SKUS == 'A'")) }
    XCTAssertEqual(e?.message, "filter: unknown column 'SKUS'; did you mean 'SKU'?")
    XCTAssertEqual(e?.expressionError?.range, 12..<16)
    let located = e?.located(at: SourceLocation(file: "nb.md", line: 4, column: 9))
    XCTAssertEqual(located?.description, "nb.md:4:21: error: filter: unknown column 'SKUS'; did you mean 'SKU'?")
    XCTAssertEqual(
      transformError { try self.sales.filter(try Expression.parse("SALES + 1")) }?.message,
      "filter: a filter needs a true/false condition, got a number value")
  }

  func testDeriveSeesEarlierDerivationsAndReplacesInPlace() throws {
    let f = try sales.derive([
      (name: "BOOST", expression: try Expression.parse("SALES * 2")),
      (name: "SALES", expression: try Expression.parse("BOOST + 1")),
      (name: "HAS_STOCK", expression: try Expression.parse("BOH > 0")),
    ])
    XCTAssertEqual(f.columnNames, ["SKU", "BOH", "SALES", "BOOST", "HAS_STOCK"])
    XCTAssertEqual(f["SALES"], .number([21, .nan, 7, 9]))
    XCTAssertEqual(f["HAS_STOCK"], ints([1, nil, 0, 1]))
  }

  func testDeriveDomainErrorNamesColumnAndRow() {
    let e = transformError { try self.sales.derive([(name: "L", expression: try Expression.parse("log(BOH)"))]) }
    XCTAssertEqual(e?.message, "derive 'L': row 3: log of 0 is undefined; log needs a positive number")
    XCTAssertEqual(e?.row, 3)
  }

  func testLimitTakesFirstRowsAndRejectsNegative() throws {
    XCTAssertEqual(try sales.limit(2)["BOH"], ints([5, nil]))
    XCTAssertEqual(try sales.limit(10).rowCount, 4)
    XCTAssertEqual(try sales.limit(0).rowCount, 0)
    XCTAssertEqual(transformError { try self.sales.limit(-1) }?.message, "limit: limit must be 0 or more, got -1")
  }

  func testStepsOnEmptyFrameGiveEmptyFrames() throws {
    let empty = try Frame([("x", .number([])), ("s", strings([]))])
    XCTAssertEqual(try empty.filter(try Expression.parse("x > 1")).rowCount, 0)
    XCTAssertEqual(try empty.derive([(name: "y", expression: try Expression.parse("log(x)"))]).columnNames, ["x", "s", "y"])
    XCTAssertEqual(try empty.fillForward(["x"]), empty)
    XCTAssertEqual(try empty.sort([(column: "x", descending: true)]), empty)
  }

  func testTransformStepNamesAreListed() {
    XCTAssertEqual(
      TransformStep.allCases.map(\.rawValue),
      ["select", "rename", "fill", "fill_forward", "filter", "derive", "group_by", "aggregate", "join", "pivot",
       "sort", "limit"])
  }
}
