/// Weeks as people write them in a CSV, read into the date a week column
/// stores (days since 1970-01-01), so weeks sort, join and chart like dates.
///
/// Accepted forms (surrounding spaces ignored, `W` in either case):
/// - an ISO date, `2024-01-01`: kept as written (a week may start on any day);
/// - an ISO week label, `2024-W01` or `2024-W1`, also written `2024W01`,
///   `2024 W01`, `2024_W01`, `2024/W01` or `2024.W01`: the Monday of that ISO
///   8601 week (week 1 holds the year's first Thursday; week 53 only in years
///   that have one), so `2024-W01` is 2024-01-01 and `2021-W01` is 2021-01-04;
/// - a plain week number, `1`, `2`, … `104` (or `W7`): week *n* of a running
///   count, stored as the Monday `7·(n − 1)` days after 0001-01-01 (itself a
///   Monday). The year 1 makes it plain in any table or chart that these
///   dates stand for a count, not a calendar; consecutive numbers stay 7 days
///   apart, so weekly models see a regular series.
///
/// Dates and ISO week labels can be mixed in one column (both name a
/// calendar week); plain week numbers cannot be mixed with either, because a
/// number has no year.
public enum WeekValue {
  /// Which of the accepted forms a cell was written in.
  public enum Form: Sendable, Equatable {
    case date
    case isoWeek
    case weekNumber

    /// Whether the form names a calendar week (dates and ISO week labels do).
    public var isCalendar: Bool { self != .weekNumber }
  }

  /// The date of week 1 in the plain week-number form: Monday 0001-01-01.
  public static let weekNumberOrigin = CivilDate.days(year: 1, month: 1, day: 1)

  /// Largest plain week number accepted (keeps the date within year 9999).
  public static let maximumWeekNumber = 500_000

  /// How the accepted forms read in an error message.
  public static let expectedForms = "a week (a date like 2024-01-01, an ISO week like 2024-W01, or a week number like 7)"

  /// The stored date (days since 1970-01-01) and form of `text`, or `nil`
  /// when it is none of the accepted forms (or names no real week).
  public static func parse(_ text: some StringProtocol) -> (days: Int, form: Form)? {
    var b = Array(text.utf8)
    while let f = b.first, f == 0x20 || f == 0x09 { b.removeFirst() }
    while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
    guard !b.isEmpty else { return nil }
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func number(_ s: ArraySlice<UInt8>) -> Int? {
      guard !s.isEmpty, s.count <= 6, s.allSatisfy(isDigit) else { return nil }
      return s.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
    let isW: (UInt8) -> Bool = { $0 == UInt8(ascii: "W") || $0 == UInt8(ascii: "w") }
    // ISO date.
    if b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = number(b[0..<4]), let m = number(b[5..<7]), let d = number(b[8..<10])
    {
      guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
      return (CivilDate.days(year: y, month: m, day: d), .date)
    }
    // Plain week number, optionally written W7.
    let bare = isW(b[0]) ? b.dropFirst() : b[...]
    if let n = number(bare) {
      guard n >= 1, n <= maximumWeekNumber else { return nil }
      return (weekNumberOrigin + 7 * (n - 1), .weekNumber)
    }
    // Year, optional separator, W, week.
    guard b.count >= 6, let y = number(b[0..<4]), y >= 1 else { return nil }
    var i = 4
    if [UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(b[i]) { i += 1 }
    guard i < b.count, isW(b[i]) else { return nil }
    let rest = b[(i + 1)...]
    guard rest.count <= 2, let w = number(rest), let monday = isoWeekStart(year: y, week: w) else { return nil }
    return (monday, .isoWeek)
  }

  /// Monday of ISO 8601 week `week` of `year`, or `nil` when the year has no such week.
  public static func isoWeekStart(year: Int, week: Int) -> Int? {
    guard week >= 1, week <= isoWeeks(in: year) else { return nil }
    let jan4 = CivilDate.days(year: year, month: 1, day: 4)
    let week1Monday = jan4 - (CivilDate.isoWeekday(days: jan4) - 1)
    return week1Monday + 7 * (week - 1)
  }

  /// 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or is a
  /// leap year starting on a Wednesday.
  public static func isoWeeks(in year: Int) -> Int {
    let jan1 = CivilDate.isoWeekday(days: CivilDate.days(year: year, month: 1, day: 1))
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return jan1 == 4 || (leap && jan1 == 3) ? 53 : 52
  }
}
