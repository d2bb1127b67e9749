/// The type of a column: what a CSV cell parses to and what expressions see.
public enum ColumnType: String, Sendable, Hashable, CaseIterable, Codable {
  /// 64-bit floating point; missing is NaN.
  case number
  /// 64-bit signed integer with a missing mask.
  case integer
  /// UTF-8 text, dictionary-encoded.
  case string
  /// Calendar day (ISO `YYYY-MM-DD`), stored as days since 1970-01-01.
  case date
  /// A declared type only: a week as people write it (an ISO date, an ISO
  /// week label like `2024-W01`, or a plain week number; see `WeekValue`),
  /// read into a `date` column holding the week's date. No column has this
  /// type once read.
  case week
}
