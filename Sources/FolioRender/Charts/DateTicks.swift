import FolioData

/// Ticks for a date axis (days since 1970-01-01) on calendar boundaries.
enum DateTicks {
  /// Calendar units a tick can step by, smallest first.
  enum Unit: Equatable {
    case days(Int)
    case weeks  // Mondays
    case months(Int)  // 1, 3 (quarters) or 6
    case years(Int)

    /// Approximate length in days, used to pick a unit for the span.
    var approximateDays: Double {
      switch self {
      case .days(let n): return Double(n)
      case .weeks: return 7
      case .months(let n): return 30.44 * Double(n)
      case .years(let n): return 365.25 * Double(n)
      }
    }
  }

  static let units: [Unit] =
    [.days(1), .days(2), .weeks, .months(1), .months(3), .months(6)]
    + [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map { .years($0) }

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Ticks within [lo, hi] using the finest unit that gives at most
  /// 1.25 × `target` ticks. Labels: "2024" for yearly ticks; "Jan 2024" on the first tick and
  /// each January, else "Apr", for monthly ticks; "Mar 4" (with ", 2024" on
  /// the first tick and when the year changes) for daily and weekly ticks.
  static func ticks(lo: Double, hi: Double, target: Int) -> ChartTicks {
    guard lo.isFinite, hi.isFinite, hi >= lo, hi - lo < 1e8 else { return ChartTicks(values: [], labels: []) }
    let span = max(1, hi - lo)
    let unit = units.first { span / $0.approximateDays <= 1.25 * Double(max(2, target)) } ?? .years(1000)
    let days = tickDays(lo: Int(lo.rounded(.up)), hi: Int(hi.rounded(.down)), unit: unit)
    var labels: [String] = []
    var previousYear: Int? = nil
    for d in days {
      let (y, m, day) = CivilDate.components(days: d)
      switch unit {
      case .years: labels.append("\(y)")
      case .months:
        labels.append(previousYear == nil || m == 1 ? "\(monthNames[m - 1]) \(y)" : monthNames[m - 1])
      case .days, .weeks:
        let base = "\(monthNames[m - 1]) \(day)"
        labels.append(previousYear != y ? base + ", \(y)" : base)
      }
      previousYear = y
    }
    return ChartTicks(values: days.map(Double.init), labels: labels)
  }

  /// Day counts of the unit's boundaries in [lo, hi].
  static func tickDays(lo: Int, hi: Int, unit: Unit) -> [Int] {
    guard lo <= hi else { return [] }
    var out: [Int] = []
    switch unit {
    case .days(let n):
      var d = lo
      while d <= hi {
        if n == 1 || d % n == 0 { out.append(d) }
        d += 1
      }
    case .weeks:
      var d = lo
      while CivilDate.isoWeekday(days: d) != 1 { d += 1 }
      while d <= hi {
        out.append(d)
        d += 7
      }
    case .months(let n):
      var (y, m, _) = CivilDate.components(days: lo)
      while true {
        let d = CivilDate.days(year: y, month: m, day: 1)
        if d > hi { break }
        if d >= lo, (m - 1) % n == 0 { out.append(d) }
        m += 1
        if m > 12 {
          m = 1
          y += 1
        }
      }
    case .years(let n):
      var y = CivilDate.components(days: lo).year
      while true {
        let d = CivilDate.days(year: y, month: 1, day: 1)
        if d > hi { break }
        if d >= lo, y % n == 0 { out.append(d) }
        y += 1
      }
    }
    return out
  }
}
