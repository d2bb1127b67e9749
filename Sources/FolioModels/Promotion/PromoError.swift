import FolioData

/// Why promotion data could not be read, a model not fitted, or a plan not
/// found. Data errors name the CSV row (1-based, as in the data frame) and
/// column; the notebook layer adds the block's location.
public enum PromoError: LocatedError, Equatable {
  /// A column named in the options does not exist.
  case unknownColumn(String, role: String, available: [String])
  /// A column has the wrong type for its role (e.g. text where numbers are needed).
  case wrongColumnType(String, role: String, expected: String, got: ColumnType)
  /// A missing or non-finite value where a number is needed (`row` 1-based).
  case missingValue(column: String, row: Int)
  /// A negative value where spend or sales must be ≥ 0 (`row` 1-based).
  case negativeValue(column: String, row: Int, value: Double)
  /// A SKU's hierarchy attribute changes between rows.
  case inconsistentHierarchy(sku: String, column: String, first: String, row: Int, other: String)
  /// SKUs have different week counts, or a week appears twice for a SKU.
  case unbalancedPanel(String)
  /// A SKU's mean sales (or volume) is not positive, so it cannot be scaled.
  case nonPositiveScale(sku: String, column: String)
  /// Too few weeks for the holdout, the lag and training.
  case tooFewWeeks(weeks: Int, holdout: Int)
  /// A setting is out of range (learning rate, epochs, penalty, …).
  case invalidSetting(String)
  /// Training produced a non-finite loss (learning rate too large, say).
  case nonFiniteLoss(epoch: Int)
  /// A name in the plan's caps/limits/bounds is not a brand, pack type or segment.
  case unknownGroup(String, kind: String, available: [String])
  /// No plan satisfies all hard constraints; `reason` says which ones clash.
  case infeasible(reason: String)
  /// The LP solver failed for a reason other than infeasibility.
  case solver(String)

  public var location: SourceLocation? { nil }

  public var message: String {
    switch self {
    case .unknownColumn(let n, let role, let avail):
      return "unknown \(role) column '\(n)'" + NearMatches.hint(for: n, in: avail, noun: "column")
    case .wrongColumnType(let n, let role, let exp, let got):
      return "\(role) column '\(n)' has type \(got.rawValue); expected \(exp)"
    case .missingValue(let c, let row):
      return "column '\(c)' row \(row): missing or non-finite value; the promotion model needs a number in every row"
    case .negativeValue(let c, let row, let v):
      return "column '\(c)' row \(row): \(v) is negative; expected a value ≥ 0"
    case .inconsistentHierarchy(let sku, let c, let first, let row, let other):
      return "SKU '\(sku)': column '\(c)' is '\(first)' in its first row but '\(other)' in row \(row); a SKU's hierarchy must not change"
    case .unbalancedPanel(let m): return "unbalanced panel: \(m)"
    case .nonPositiveScale(let sku, let c):
      return "SKU '\(sku)': mean of '\(c)' over the training weeks is not positive, so it cannot be mean-scaled"
    case .tooFewWeeks(let w, let h):
      return "\(w) weeks per SKU is too few for a \(h)-week holdout; need at least \(h + 4)"
    case .invalidSetting(let m): return m
    case .nonFiniteLoss(let e):
      return "training loss became non-finite at epoch \(e); lower the learning rate"
    case .unknownGroup(let n, let kind, let avail):
      return "unknown \(kind) '\(n)'" + NearMatches.hint(for: n, in: avail, noun: kind)
    case .infeasible(let r): return "no discount plan satisfies the constraints: \(r)"
    case .solver(let m): return "LP solver failed: \(m)"
    }
  }
}
