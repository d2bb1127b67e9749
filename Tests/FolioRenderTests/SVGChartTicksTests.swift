import FolioData
import FolioNotebook
import FolioTestSupport
import XCTest

@testable import FolioRender

final class SVGChartTicksTests: XCTestCase {
  func testZeroToNinetySevenGetsTicksOfTwentyUpToOneHundred() {
    let t = NiceTicks.ticks(lo: 0, hi: 97, target: 5)
    XCTAssertEqual(t.values, [0, 20, 40, 60, 80, 100])
    XCTAssertEqual(t.step, 20)
  }

  func testDomainAcrossZeroGetsHalfSteps() {
    // Cost for step 0.5: 5 ticks (|5−5|/5 = 0) + 3·(1 − 1.57/2) = 0.645, below 0.2's 0.856.
    XCTAssertEqual(NiceTicks.ticks(lo: -0.37, hi: 1.2, target: 5).values, [-0.5, 0, 0.5, 1, 1.5])
  }

  func testTinyRangeTicksAreExactDecimals() {
    XCTAssertEqual(NiceTicks.ticks(lo: 1e-9, hi: 3.7e-9, target: 5).values, [1e-9, 2e-9, 3e-9, 4e-9])
  }

  func testHugeRangeTicksStayFinite() {
    let t = NiceTicks.ticks(lo: 0, hi: 9.7e300, target: 5)
    assertApproximatelyEqual(t.values, [0, 2e300, 4e300, 6e300, 8e300, 1e301], relative: 1e-12)
  }

  func testZeroWidthAndNonFiniteDomainsAreWidened() {
    XCTAssertEqual(NiceTicks.ticks(lo: 5, hi: 5, target: 5).values, [4.5, 5, 5.5])
    XCTAssertEqual(NiceTicks.ticks(lo: 0, hi: 0, target: 5).values, [-1, -0.5, 0, 0.5, 1])
    XCTAssertEqual(NiceTicks.ticks(lo: .nan, hi: 3, target: 5).values, [0, 0.2, 0.4, 0.6, 0.8, 1])
  }

  func testTicksInsideFixedDomainDoNotExtendIt() {
    XCTAssertEqual(NiceTicks.ticksInside(lo: 3, hi: 97, target: 5).values, [20, 40, 60, 80])
  }

  func testAutomaticLabelsUseStepDecimalsAndCompactSuffixes() {
    XCTAssertEqual(NiceTicks.labelled([-0.5, 0, 0.5], step: 0.5, format: nil).labels, ["-0.5", "0.0", "0.5"])
    XCTAssertEqual(
      NiceTicks.labelled([0, 200_000, 400_000], step: 200_000, format: nil).labels, ["0", "200k", "400k"])
    XCTAssertEqual(NiceTicks.labelled([1_000, 2_000], step: 1_000, format: nil).labels, ["1,000", "2,000"])
    XCTAssertEqual(
      NiceTicks.labelled([0.1], step: 0.1, format: NumberFormat(.percent, digits: 0)).labels, ["10%"])
  }

  func testDateTicksPickQuartersForAYear() {
    let lo = Double(CivilDate.days(year: 2024, month: 1, day: 1))
    let hi = Double(CivilDate.days(year: 2024, month: 12, day: 31))
    let t = DateTicks.ticks(lo: lo, hi: hi, target: 6)
    XCTAssertEqual(t.labels, ["Jan 2024", "Apr", "Jul", "Oct"])
    XCTAssertEqual(t.values, [1, 4, 7, 10].map { Double(CivilDate.days(year: 2024, month: $0, day: 1)) })
  }

  func testDateTicksPickEveryOtherYearForADecade() {
    let lo = Double(CivilDate.days(year: 2015, month: 1, day: 1))
    let hi = Double(CivilDate.days(year: 2024, month: 6, day: 30))
    XCTAssertEqual(DateTicks.ticks(lo: lo, hi: hi, target: 6).labels, ["2016", "2018", "2020", "2022", "2024"])
  }

  func testDateTicksPickMondaysForSixWeeks() {
    let lo = CivilDate.days(year: 2024, month: 2, day: 28)  // a Wednesday
    let t = DateTicks.ticks(lo: Double(lo), hi: Double(lo + 41), target: 6)
    XCTAssertEqual(t.labels, ["Mar 4, 2024", "Mar 11", "Mar 18", "Mar 25", "Apr 1", "Apr 8"])
    XCTAssertTrue(t.values.allSatisfy { CivilDate.isoWeekday(days: Int($0)) == 1 })
  }

  func testLinearScaleMapsDomainOntoRangeIncludingInvertedRange() {
    let x = LinearScale(domain: (0, 100), range: (50, 650))
    XCTAssertEqual(x(25), 200)
    let y = LinearScale(domain: (-1, 1), range: (300, 100))
    XCTAssertEqual(y(0), 200)
    XCTAssertEqual(y(1), 100)
    XCTAssertEqual(LinearScale(domain: (3, 3), range: (0, 10))(3), 5, "zero-width domain maps to the middle")
  }

  func testBandScaleSpacesCategoriesWithPadding() {
    let b = BandScale(categories: ["a", "b", "c", "d"], range: (0, 405))
    // step = 405 / (4 − 0.25 + 2·0.15) = 100; bandwidth = 75; first band starts at 15.
    assertApproximatelyEqual(b.step, 100)
    assertApproximatelyEqual(b.bandwidth, 75)
    assertApproximatelyEqual(b.start(0), 15)
    assertApproximatelyEqual(b.center(3), 352.5)
  }

  func testCoordinatesPrintWithTwoFixedDecimals() {
    XCTAssertEqual(SVGWriter.number(12.345), "12.35")
    XCTAssertEqual(SVGWriter.number(-0.004), "0.00")
    XCTAssertEqual(SVGWriter.number(-3.1), "-3.10")
    XCTAssertEqual(SVGWriter.number(.nan), "0.00")
    XCTAssertEqual(SVGWriter.number(1e300), "1000000.00")
  }
}
