/// Conversions between calendar dates and days since 1970-01-01 (proleptic
/// Gregorian), the representation of `date` columns.
///
/// Algorithms from H. Hinnant, "chrono-compatible low-level date algorithms";
/// exact for every Int32 day count.
public enum CivilDate {
  /// Days since 1970-01-01 for a valid year, month (1–12) and day (1–31).
  public static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Year, month (1–12) and day (1–31) of a day count.
  public static func components(days z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Whether year/month/day names a real calendar day.
  public static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  /// ISO 8601 `YYYY-MM-DD` text of a day count.
  public static func isoString(days: Int) -> String {
    let (y, m, d) = components(days: days)
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Day of week, ISO numbering: Monday = 1 … Sunday = 7.
  public static func isoWeekday(days: Int) -> Int {
    // 1970-01-01 was a Thursday (4).
    let r = (days + 3) % 7
    return (r < 0 ? r + 7 : r) + 1
  }
}
