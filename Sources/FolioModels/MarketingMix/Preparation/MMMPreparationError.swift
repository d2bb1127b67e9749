import FolioData

/// Why long weekly marketing rows could not be turned into a model input.
///
/// Rows are numbered from 1 over the data rows (the CSV line is the row
/// number + 1 when the data came straight from a file with a header). The
/// notebook layer places these errors at the block that asked for the
/// preparation, so `location` is `nil` here.
public enum MMMPreparationError: LocatedError, Equatable {
  /// A required column is absent; `available` lists the columns there are.
  case missingColumn(String, role: String, available: [String])
  /// The week column holds something that is not a `YYYY-MM-DD` date.
  case notADate(column: String, row: Int, text: String)
  /// A week cell is empty: every row must say which week it belongs to.
  case missingWeek(column: String, row: Int)
  /// A numeric column holds text that is not a number.
  case notANumber(column: String, row: Int, text: String)
  /// Spend below zero.
  case negativeSpend(column: String, row: Int, value: Double)
  /// Two consecutive distinct weeks are not 7 days apart.
  case irregularWeeks(previous: Int, next: Int)
  /// Fewer weeks than the model needs.
  case tooFewWeeks(found: Int, needed: Int)
  /// Every channel key fell below the minimum total spend.
  case noChannels(minimumSpend: Double, dropped: [String])
  /// An option value out of range (e.g. a negative minimum spend).
  case invalidOption(String)
  /// The model rejected the prepared series (e.g. an infinite revenue).
  case model(MMMError)

  public var location: SourceLocation? { nil }

  public var message: String {
    switch self {
    case .missingColumn(let c, let role, let available):
      return "missing column '\(c)' (\(role)); the data has: \(available.joined(separator: ", "))"
    case .notADate(let c, let row, let text):
      return "column '\(c)', row \(row): expected a week start date YYYY-MM-DD, found '\(text)'"
    case .missingWeek(let c, let row):
      return "column '\(c)', row \(row): expected a week start date, found an empty cell"
    case .notANumber(let c, let row, let text):
      return "column '\(c)', row \(row): expected a number, found '\(text)'"
    case .negativeSpend(let c, let row, let v):
      return "column '\(c)', row \(row): expected spend of 0 or more, found \(v)"
    case .irregularWeeks(let a, let b):
      return "weeks must be consecutive and 7 days apart: \(CivilDate.isoString(days: b)) follows \(CivilDate.isoString(days: a)) (\(b - a) days)"
    case .tooFewWeeks(let found, let needed):
      return "expected at least \(needed) weeks of data, found \(found)"
    case .noChannels(let min, let dropped):
      return "no channel has a total spend of at least \(min); dropped: \(dropped.joined(separator: ", "))"
    case .invalidOption(let m):
      return m
    case .model(let e):
      return e.message
    }
  }
}
