import FolioData
import FolioModels
import XCTest

final class GLMFormulaTests: XCTestCase {
  private func frame() throws -> Frame {
    try Frame([
      ("y", .number([1, 2, 3, 4, 5, 6, 7, 8])),
      ("x1", .number([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4.5])),
      ("x2", .number([2, 1, 4, 3, 6, 5, 8, 6])),
      ("sku", .string(StringColumn(["b", "a", "c", "b", "a", "c", "b", "a"]))),
      ("store", .integer(IntegerColumn(values: [10, 2, 10, 2, 10, 2, 10, 2]))),
      ("when", .date(DateColumn(days: [1, 2, 3, 4, 5, 6, 7, 8]))),
    ])
  }

  func testInterceptIsDefaultAndMinusOneOrPlusZeroRemovesIt() throws {
    XCTAssertTrue(try GLMFormula.parse("y ~ x1").hasIntercept)
    XCTAssertFalse(try GLMFormula.parse("y ~ x1 - 1").hasIntercept)
    XCTAssertFalse(try GLMFormula.parse("y ~ 0 + x1").hasIntercept)
    XCTAssertTrue(try GLMFormula.parse("y ~ x1 - 1 + 1").hasIntercept)
  }

  func testStarExpandsToMainEffectsAndInteraction() throws {
    let f = try GLMFormula.parse("y ~ x1 * x2")
    XCTAssertEqual(f.terms.map { $0.map(\.column) }, [["x1"], ["x2"], ["x1", "x2"]])
  }

  func testColumnNamesFollowPatsyOrderAndTreatmentCodingWithSortedReference() throws {
    let d = try GLMDesign.build(GLMFormula.parse("y ~ x1:x2 + x1 + C(sku) + C(store)"), from: frame())
    XCTAssertEqual(
      d.design.columnNames, ["Intercept", "C(sku)[T.b]", "C(sku)[T.c]", "C(store)[T.10]", "x1:x2", "x1"])
    // Row 0: sku b, store 10, x1 0.5, x2 2.
    let m = d.design.denseMatrix()
    XCTAssertEqual((0..<6).map { m[0, $0] }, [1, 1, 0, 1, 1, 0.5])
    // Row 1: sku a (reference), store 2 (reference).
    XCTAssertEqual((0..<6).map { m[1, $0] }, [1, 0, 0, 0, 1, 1])
  }

  func testNumericByCategoricalWithoutMainEffectUsesFullCoding() throws {
    let d = try GLMDesign.build(GLMFormula.parse("y ~ x2 + x1:C(sku)"), from: frame())
    XCTAssertEqual(d.design.columnNames, ["Intercept", "x2", "x1:C(sku)[a]", "x1:C(sku)[b]", "x1:C(sku)[c]"])
    let m = d.design.denseMatrix()
    XCTAssertEqual((0..<5).map { m[0, $0] }, [1, 2, 0, 0.5, 0])
  }

  func testStringColumnWithoutCIsCategoricalAndNoInterceptGivesFullCoding() throws {
    let d = try GLMDesign.build(GLMFormula.parse("y ~ sku - 1"), from: frame())
    XCTAssertEqual(d.design.columnNames, ["sku[a]", "sku[b]", "sku[c]"])
  }

  func testRowsWithMissingValuesAreDroppedAndCounted() throws {
    var f = try frame()
    try f.set("x2", .number([2, .nan, 4, 3, .nan, 5, 8, 6]))
    let d = try GLMDesign.build(GLMFormula.parse("y ~ x2"), from: f)
    XCTAssertEqual(d.rows, [0, 2, 3, 5, 6, 7])
    XCTAssertEqual(d.droppedRows, 2)
  }

  func testStructuredProductsEqualDenseDummyProducts() throws {
    let d = try GLMDesign.build(GLMFormula.parse("y ~ x1 + C(sku) + C(store) + x2:C(sku)"), from: frame()).design
    let x = d.denseMatrix()
    let w: [Double] = [1, 2, 0.5, 3, 1.5, 2.5, 0.7, 1.1]
    var wx = x
    for j in 0..<x.columns { for i in 0..<x.rows { wx[i, j] *= w[i] } }
    let dense = x.transposed.multiplied(by: wx)
    let g = d.weightedGram(w)
    for k in 0..<dense.storage.count { XCTAssertEqual(g.storage[k], dense.storage[k], accuracy: 1e-12) }
    let beta = (0..<d.columnCount).map { Double($0) * 0.3 - 1 }
    let eta = d.linearPredictor(beta)
    let ref = x.multiplied(by: beta)
    for i in 0..<eta.count { XCTAssertEqual(eta[i], ref[i], accuracy: 1e-12) }
    let xtv = d.transposeTimes(w)
    let refv = x.transposeMultiplied(by: w)
    for j in 0..<xtv.count { XCTAssertEqual(xtv[j], refv[j], accuracy: 1e-12) }
  }

  // MARK: - Errors

  func testMissingTildeReportsItsOffset() {
    XCTAssertThrowsError(try GLMFormula.parse("y + x1")) { e in
      XCTAssertEqual(e as? GLMError, .formula("expected '~' after the response", formula: "y + x1", offset: 2))
      XCTAssertEqual(
        (e as? GLMError)?.message, "invalid formula: expected '~' after the response at character 3\n  y + x1\n    ^")
    }
  }

  func testUnknownFunctionAndUnclosedParenthesisReportOffsets() {
    XCTAssertThrowsError(try GLMFormula.parse("y ~ log(x1)")) { e in
      XCTAssertEqual(
        e as? GLMError, .formula("unknown function 'log'; only C(column) is supported", formula: "y ~ log(x1)", offset: 4))
    }
    XCTAssertThrowsError(try GLMFormula.parse("y ~ C(sku")) { e in
      XCTAssertEqual(e as? GLMError, .formula("expected ')' to close C(", formula: "y ~ C(sku", offset: 9))
    }
    XCTAssertThrowsError(try GLMFormula.parse("y ~ x1 +")) { e in
      XCTAssertEqual(e as? GLMError, .formula("expected a term", formula: "y ~ x1 +", offset: 8))
    }
  }

  func testUnknownColumnNamesItsFormulaOffset() throws {
    XCTAssertThrowsError(try GLMDesign.build(GLMFormula.parse("y ~ x1 + C(skew)"), from: frame())) { e in
      XCTAssertEqual(
        e as? GLMError, .unknownColumn("skew", offset: 11, available: ["y", "x1", "x2", "sku", "store", "when"]))
      XCTAssertEqual(
        (e as? GLMError)?.message,
        "unknown column 'skew' (formula character 12); columns are: y, x1, x2, sku, store, when")
    }
  }

  func testTwoCategoricalInteractionAndDateColumnAreRejected() throws {
    XCTAssertThrowsError(try GLMDesign.build(GLMFormula.parse("y ~ C(sku):C(store)"), from: frame())) { e in
      guard case .formula(let m, _, let off)? = e as? GLMError else { return XCTFail("\(e)") }
      XCTAssertEqual(m, "interactions between two categorical factors are not supported")
      XCTAssertEqual(off, 13)
    }
    XCTAssertThrowsError(try GLMDesign.build(GLMFormula.parse("y ~ when"), from: frame())) { e in
      XCTAssertEqual(e as? GLMError, .unsupportedColumnType("when", role: "a model variable", type: .date))
    }
  }
}
