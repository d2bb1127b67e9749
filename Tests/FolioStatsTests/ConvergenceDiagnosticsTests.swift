import FolioTestSupport
import XCTest

@testable import FolioStats

/// R-hat and ESS against ArviZ 0.23.4 on a fixed draws array
/// (scripts/reference/mcmc_diagnostics_reference.py). ArviZ computes the
/// autocovariance by FFT and Φ⁻¹ with scipy; agreement to 1e-9 relative
/// leaves room for that rounding only.
final class ConvergenceDiagnosticsTests: XCTestCase {
  func testRankNormalizedSplitRHatMatchesArviZ() {
    for c in MCMCDiagnosticsReference.cases {
      assertApproximatelyEqual(ConvergenceDiagnostics.rankNormalizedSplitRHat(c.draws), c.rHat, relative: 1e-9, c.name)
    }
  }

  func testBulkAndTailESSMatchArviZ() {
    for c in MCMCDiagnosticsReference.cases {
      assertApproximatelyEqual(ConvergenceDiagnostics.bulkESS(c.draws), c.bulkESS, relative: 1e-9, "bulk \(c.name)")
      assertApproximatelyEqual(ConvergenceDiagnostics.tailESS(c.draws), c.tailESS, relative: 1e-9, "tail \(c.name)")
    }
  }

  func testMeanESSMatchesArviZ() {
    for c in MCMCDiagnosticsReference.cases {
      assertApproximatelyEqual(ConvergenceDiagnostics.meanESS(c.draws), c.meanESS, relative: 1e-9, c.name)
    }
  }

  func testSlowlyMixingChainsWithOffsetsFailTheRHatBar() {
    let slow = MCMCDiagnosticsReference.cases.first { $0.name == "slowAR1" }!
    XCTAssertGreaterThan(ConvergenceDiagnostics.rankNormalizedSplitRHat(slow.draws), 1.01)
  }

  func testQuantileInterpolatesLinearlyAsNumpy() {
    // numpy.quantile([1, 2, 4, 8], [0.05, 0.5, 0.95]) = 1.15, 3.0, 7.4
    assertApproximatelyEqual(ConvergenceDiagnostics.quantile([8, 1, 4, 2], 0.05), 1.15, relative: 1e-14)
    assertApproximatelyEqual(ConvergenceDiagnostics.quantile([8, 1, 4, 2], 0.5), 3.0, relative: 1e-14)
    assertApproximatelyEqual(ConvergenceDiagnostics.quantile([8, 1, 4, 2], 0.95), 7.4, relative: 1e-14)
  }
}
