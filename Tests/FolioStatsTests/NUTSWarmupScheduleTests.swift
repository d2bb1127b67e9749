import XCTest

@testable import FolioStats

/// Stan's warm-up schedule (Stan Reference Manual, "HMC algorithm
/// parameters / automatic parameter tuning"): with 1000 warm-up iterations
/// the slow windows are 25, 50, 100, 200 and 500 iterations after a 75
/// iteration fast start, ending at iterations 99, 149, 249, 449 and 949
/// (0-based); the last 50 are fast again.
final class NUTSWarmupScheduleTests: XCTestCase {
  private func windowEnds(warmup: Int) -> [Int] {
    var s = WindowSchedule(warmup: warmup)
    var ends: [Int] = []
    for i in 0..<warmup {
      if s.endsWindow { ends.append(i) }
      s.advance()
    }
    return ends
  }

  func testThousandIterationWarmupClosesWindowsAtStansIterations() {
    XCTAssertEqual(windowEnds(warmup: 1000), [99, 149, 249, 449, 949])
  }

  func testSlowWindowsCoverIterations75Through949() {
    var s = WindowSchedule(warmup: 1000)
    var slow: [Int] = []
    for i in 0..<1000 {
      if s.inSlowWindow { slow.append(i) }
      s.advance()
    }
    XCTAssertEqual(slow.first, 75)
    XCTAssertEqual(slow.last, 949)
    XCTAssertEqual(slow.count, 875)
  }

  func testShortWarmupShrinksBuffersTo15And10Percent() {
    // 100 iterations: init 15, term 10, one window of 75 ending at 89.
    XCTAssertEqual(windowEnds(warmup: 100), [89])
  }

  func testWarmupBelowTwentyNeverAdaptsTheMetric() {
    XCTAssertEqual(windowEnds(warmup: 19), [])
  }

  func testDualAveragingDrivesStepSizeTowardsTargetAcceptance() {
    // Acceptance falls as exp(−ε): the fixed point of dual averaging with
    // δ = 0.8 is ε* = −log 0.8 ≈ 0.2231.
    var a = StepSizeAdaptation(targetAcceptance: 0.8)
    a.mu = log(10.0)
    var eps = 1.0
    for _ in 0..<2000 { eps = a.learn(acceptStat: exp(-eps)) }
    XCTAssertEqual(a.finalStepSize, -log(0.8), accuracy: 0.01)
  }
}
