import XCTest

@testable import FolioData

/// The `week` column type: every accepted form, their order, and located
/// errors. Expected Mondays of ISO weeks are Python's
/// `datetime.date.fromisocalendar(year, week, 1)` (an independent
/// implementation of ISO 8601 weeks); 2025-W53 and 2024-W53 are rejected by
/// it as well.
final class CSVWeekColumnTests: XCTestCase {
  private func weeks(_ cells: [String]) throws -> [String] {
    let text = "WEEK,X\n" + cells.map { "\($0),1" }.joined(separator: "\n") + "\n"
    let frame = try CSVReader.read(bytes: Array(text.utf8), displayName: "w.csv", options: CSVOptions(types: ["WEEK": .week]))
    let column = try XCTUnwrap(frame["WEEK"])
    XCTAssertEqual(column.type, .date)
    return (0..<column.count).map { column[$0].text }
  }

  private func error(_ cells: [String]) -> String {
    do {
      return "no error: \(try weeks(cells))"
    } catch {
      return "\(error)"
    }
  }

  func testISODatesAreKeptAsWritten() throws {
    XCTAssertEqual(try weeks(["2024-01-01", "2024-01-07", "2023-12-25"]), ["2024-01-01", "2024-01-07", "2023-12-25"])
  }

  func testISOWeekLabelsReadAsTheMondayOfTheISOWeek() throws {
    XCTAssertEqual(
      try weeks(["2024-W01", "2021-W01", "2020-W53", "2026-W53", "2024-W52", "2019-W01", "2015-W53"]),
      ["2024-01-01", "2021-01-04", "2020-12-28", "2026-12-28", "2024-12-23", "2018-12-31", "2015-12-28"])
  }

  func testISOWeekLabelsWithoutZeroPaddingOrWithOtherSeparators() throws {
    let forms = ["2024-W2", "2024W02", "2024 W02", "2024_W02", "2024/W02", "2024.w02", " 2024-w2 ", "\"2024-W02\""]
    XCTAssertEqual(try weeks(forms), [String](repeating: "2024-01-08", count: forms.count))
  }

  func testPlainWeekNumbersCountWeeksFromMondayOfYearOne() throws {
    // 0001-01-01 is a Monday; week 104 is 103 weeks later (Python: date(1,1,1) + timedelta(weeks=103)).
    XCTAssertEqual(try weeks(["1", "2", "W3", "104"]), ["0001-01-01", "0001-01-08", "0001-01-15", "0002-12-23"])
  }

  func testWeeksKeepTheirOrderWhereTextOrderWouldNot() throws {
    // As text "2024-W10" sorts before "2024-W2"; as weeks it comes after.
    let read = try weeks(["2024-W2", "2024-W10", "2024-W1"])
    XCTAssertEqual(read, ["2024-01-08", "2024-03-04", "2024-01-01"])
    XCTAssertEqual(read.sorted(), ["2024-01-01", "2024-01-08", "2024-03-04"])
    XCTAssertEqual(try weeks(["9", "10", "100"]).sorted(), ["0001-02-26", "0001-03-05", "0002-11-25"])
  }

  func testDatesAndISOWeekLabelsMayBeMixedAndMissingCellsStayMissing() throws {
    XCTAssertEqual(try weeks(["2024-01-01", "2024-W02", "", "2024-01-15"]), ["2024-01-01", "2024-01-08", "", "2024-01-15"])
  }

  func testWeekNumbersMixedWithDatedWeeksAreALocatedError() {
    XCTAssertEqual(
      error(["1", "2", "2024-W03"]),
      "w.csv:4:1: error: column 'WEEK': found \"2024-W03\" in a column whose first week is a week number (\"1\"); use week numbers throughout or dated weeks (2024-01-01, 2024-W01) throughout")
    XCTAssertEqual(
      error(["2024-01-01", "7"]),
      "w.csv:3:1: error: column 'WEEK': found \"7\" in a column whose first week is dated (\"2024-01-01\"); use week numbers throughout or dated weeks (2024-01-01, 2024-W01) throughout")
  }

  func testAnythingElseIsALocatedErrorNamingTheAcceptedForms() {
    let expected = "expected a week (a date like 2024-01-01, an ISO week like 2024-W01, or a week number like 7)"
    for (bad, line) in [("2024-W54", 3), ("2025-W53", 3), ("2024-W00", 3), ("2024-02-30", 3), ("0", 3), ("1.5", 3), ("week one", 3), ("2024--W01", 3), ("24-W01", 3)] {
      XCTAssertEqual(error(["2024-W01", bad]), "w.csv:\(line):1: error: column 'WEEK': \(expected), found \"\(bad)\"", bad)
    }
  }

  func testParserReportsTheForm() {
    XCTAssertEqual(WeekValue.parse("2024-01-01")?.form, .date)
    XCTAssertEqual(WeekValue.parse("2024-W01")?.form, .isoWeek)
    XCTAssertEqual(WeekValue.parse("12")?.form, .weekNumber)
    XCTAssertEqual(WeekValue.isoWeeks(in: 2020), 53)
    XCTAssertEqual(WeekValue.isoWeeks(in: 2024), 52)
  }
}
