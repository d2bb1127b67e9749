import FolioModels
import FolioStats
import FolioTestSupport
import Foundation
import XCTest

/// Ridge against scikit-learn (scripts/reference/mmm_ridge_reference.py →
/// Fixtures/mmm_ridge.json).
final class MMMRidgeTests: XCTestCase {
  struct Case: Decodable {
    var name: String
    var alpha: Double
    var features: [[Double]]
    var target: [Double]
    var weights: [Double]?
    var standardized_coefficients, coefficients, means, scales, predictions: [Double]
    var intercept: Double
  }
  struct File: Decodable { var cases: [Case] }

  private func cases() throws -> [Case] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "mmm_ridge", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
  }

  func testRidgeMatchesScikitLearnOnStandardizedFeaturesToOneInABillion() throws {
    let all = try cases()
    XCTAssertEqual(all.count, 4)
    for c in all {
      let x = Matrix(columns: c.features)
      let fit = try RidgeRegression.fit(features: x, target: c.target, alpha: c.alpha, weights: c.weights)
      assertApproximatelyEqual(fit.standardizedCoefficients, c.standardized_coefficients, relative: 1e-9, c.name)
      assertApproximatelyEqual(fit.coefficients, c.coefficients, relative: 1e-9, c.name)
      assertApproximatelyEqual(fit.intercept, c.intercept, relative: 1e-9, c.name)
      assertApproximatelyEqual(fit.featureMeans, c.means, relative: 1e-12, c.name)
      assertApproximatelyEqual(fit.featureScales, c.scales, relative: 1e-12, c.name)
      assertApproximatelyEqual(fit.predict(x), c.predictions, relative: 1e-9, c.name)
    }
  }

  func testConstantFeatureGetsScaleOneAndZeroCoefficient() throws {
    let x = Matrix(columns: [[1, 2, 3, 4, 5], [7, 7, 7, 7, 7]])
    let fit = try RidgeRegression.fit(features: x, target: [2, 4, 6, 8, 10], alpha: 1)
    // z = (x − 3)/√2, Σz² = 5, Σz(y − ȳ) = 10√2 → v = 10√2/6, β = v/√2 = 10/6.
    XCTAssertEqual(fit.featureScales[1], 1)
    XCTAssertEqual(fit.coefficients[1], 0)
    assertApproximatelyEqual(fit.coefficients[0], 10.0 / 6, relative: 1e-14)
    assertApproximatelyEqual(fit.intercept, 6 - 3 * 10.0 / 6, relative: 1e-14)
  }

  func testRidgeShrinksAStandardizedSlopeByNOverNPlusAlpha() throws {
    // One standardized feature: v = Σ z(y−ȳ)/(Σz² + α) = n·cov/(n + α) per unit sd.
    let x = Matrix(columns: [[-1, 1, -1, 1]])
    let fit = try RidgeRegression.fit(features: x, target: [0, 2, 0, 2], alpha: 4)
    assertApproximatelyEqual(fit.standardizedCoefficients[0], 4.0 / 8, relative: 1e-14)
  }

  func testTargetLengthMismatchIsATypedErrorWithClearMessage() {
    XCTAssertThrowsError(try RidgeRegression.fit(features: Matrix(columns: [[1, 2, 3]]), target: [1, 2], alpha: 1)) {
      XCTAssertEqual("\($0)", "error: ridge target has 2 weeks, expected 3")
    }
    XCTAssertThrowsError(try RidgeRegression.fit(features: Matrix(columns: [[1, 2, 3]]), target: [1, 2, 3], alpha: -1)) {
      XCTAssertEqual("\($0)", "error: invalid model parameter: ridge alpha must be ≥ 0, got -1.0")
    }
  }
}
