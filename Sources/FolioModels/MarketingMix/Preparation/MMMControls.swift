import FolioData
import Foundation

/// The calendar control variables of the marketing-mix regression, one value
/// per week.
///
/// With `t` the week index (0 for the first week) and `d` the week's start
/// date:
/// - `TREND`: years since the first week, `7t / 365.25`;
/// - `SIN_k`, `COS_k` (k = 1, 2): `sin(2πk·t/52)`, `cos(2πk·t/52)`, yearly
///   seasonality with a 52-week period;
/// - `Q1`, `Q3`: 1 when `d` falls in January–March (resp. July–September),
///   else 0. Q2 and Q4 are the baseline the flags are measured against
///   (with the intercept and Fourier terms, more flags would be collinear).
public enum MMMCalendarControls {
  /// Control names in the order `values(weekStarts:)` returns them.
  public static let names = ["TREND", "SIN_1", "COS_1", "SIN_2", "COS_2", "Q1", "Q3"]

  /// The controls for consecutive weeks starting at `weekStarts` (days since 1970),
  /// as `[control][week]`.
  public static func values(weekStarts: [Int]) -> [[Double]] {
    guard let first = weekStarts.first else { return names.map { _ in [] } }
    var out = names.map { _ in [Double](repeating: 0, count: weekStarts.count) }
    for (i, day) in weekStarts.enumerated() {
      let t = Double(day - first) / 7
      out[0][i] = Double(day - first) / 365.25
      for k in 1...2 {
        let angle = 2 * Double.pi * Double(k) * t / 52
        out[2 * k - 1][i] = sin(angle)
        out[2 * k][i] = cos(angle)
      }
      let month = CivilDate.components(days: day).month
      out[5][i] = (1...3).contains(month) ? 1 : 0
      out[6][i] = (7...9).contains(month) ? 1 : 0
    }
    return out
  }
}
