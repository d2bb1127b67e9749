import FolioModels
import Foundation
import XCTest

/// Parameters the search left at the edge of their box are found, with the
/// edge value in the parameter's own units.
final class MMMSearchBoundsTests: XCTestCase {
  func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

  func testParametersWithinOnePercentOfAnEdgeAreReportedWithTheirEdgeValue() {
    // Channel 0: θ at the top (v = 4.95), α interior, γ interior.
    // Channel 1: θ interior, α interior (v = 4.8 is 2% away), γ at the bottom (v = −5).
    let v = [4.95, 0.3, -1.0, 0.0, 4.8, -5.0]
    let maxSpend = [1000.0, 18_386.0]
    let hits = MMMSearch.boundaryHits(v, adstock: .geometric, maxSpend: maxSpend)
    XCTAssertEqual(hits.map(\.channel), [0, 1])
    XCTAssertEqual(hits.map(\.parameter), ["theta", "gamma"])
    XCTAssertEqual(hits.map(\.side), [.upper, .lower])
    XCTAssertEqual(hits[0].value, 0.95 * sigmoid(4.95), accuracy: 1e-15)
    XCTAssertEqual(hits[0].bound, 0.95 * sigmoid(5), accuracy: 1e-15)
    XCTAssertEqual(hits[1].value, 18_386 * sigmoid(-5), accuracy: 1e-9)
    XCTAssertEqual(hits[1].bound, 18_386 * sigmoid(-5), accuracy: 1e-9)
  }

  func testWeibullNamesItsFourParameters() {
    let hits = MMMSearch.boundaryHits([-4.95, 5, 0, 0], adstock: .weibull, maxSpend: [10])
    XCTAssertEqual(hits.map(\.parameter), ["shape", "scale"])
    XCTAssertEqual(hits[0].bound, 0.5 + 4.5 * sigmoid(-5), accuracy: 1e-15)
  }

  func testInteriorOptimumReportsNothing() {
    XCTAssertEqual(MMMSearch.boundaryHits([0, 1, -2], adstock: .geometric, maxSpend: [5]), [])
  }
}
