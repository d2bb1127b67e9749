import FolioData

/// Why a GLM could not be specified or fitted. Each case carries what its
/// message needs; formula errors carry the zero-based character offset into
/// the formula text so the notebook layer can point a caret at it.
public enum GLMError: LocatedError, Equatable {
  /// The formula text is malformed at `offset` (characters, zero-based).
  case formula(String, formula: String, offset: Int)
  /// A column named in the formula or the specification does not exist.
  /// `offset` is its position in the formula, when it came from one.
  case unknownColumn(String, offset: Int?, available: [String])
  /// A column has a type the GLM cannot use in that role (e.g. a date as response).
  case unsupportedColumnType(String, role: String, type: ColumnType)
  /// `family` was asked for a link statsmodels does not allow with it.
  case linkNotAllowed(family: String, link: String, allowed: [String])
  /// The family or link name is not known.
  case unknownFamily(String), unknownLink(String)
  /// A family parameter is out of range (e.g. negative binomial alpha ≤ 0).
  case invalidFamilyParameter(String)
  /// `exposure` requires the log link (statsmodels adds log(exposure) to the offset).
  case exposureNeedsLogLink(link: String)
  /// A response value outside the family's support; `row` is 1-based in the data.
  case responseOutsideSupport(row: Int, value: Double, family: String, support: String)
  /// A value is NaN/±inf where a finite number is needed (`row` 1-based).
  case nonFiniteValue(column: String, row: Int)
  /// A weight, trials count or exposure is not positive (`row` 1-based).
  case nonPositiveValue(column: String, row: Int, value: Double)
  /// After dropping rows with missing values no rows (or fewer rows than
  /// parameters) remain.
  case tooFewRows(remaining: Int, parameters: Int, dropped: Int)
  /// The design matrix is rank deficient; `aliased` are the columns that are
  /// linear combinations of the others.
  case rankDeficient(aliased: [String])
  /// Binomial data are perfectly (or quasi-perfectly) separated: the MLE does
  /// not exist; `rows` observations are fitted with probability 0 or 1.
  case perfectSeparation(rows: Int)
  /// IRLS produced a mean outside the family's range (e.g. a negative poisson
  /// mean under the identity link) at `iteration`.
  case invalidMean(iteration: Int, family: String, link: String)
  /// A numerical failure the data caused (non-finite deviance and the like).
  case numerical(String)

  public var location: SourceLocation? { nil }

  public var message: String {
    switch self {
    case .formula(let m, let f, let off):
      let caret = String(repeating: " ", count: max(0, off)) + "^"
      return "invalid formula: \(m) at character \(off + 1)\n  \(f)\n  \(caret)"
    case .unknownColumn(let n, let off, let avail):
      let at = off.map { " (formula character \($0 + 1))" } ?? ""
      return "unknown column '\(n)'\(at); columns are: \(avail.joined(separator: ", "))"
    case .unsupportedColumnType(let n, let role, let t):
      return "column '\(n)' has type \(t.rawValue), which cannot be used as \(role)"
    case .linkNotAllowed(let fam, let l, let allowed):
      return "link '\(l)' is not allowed for family \(fam); allowed: \(allowed.joined(separator: ", "))"
    case .unknownFamily(let n):
      return "unknown family '\(n)'; expected gaussian, poisson, gamma, binomial, inverse_gaussian, negative_binomial or tweedie"
    case .unknownLink(let n):
      return "unknown link '\(n)'; expected \(allLinks.map(\.name).joined(separator: ", "))"
    case .invalidFamilyParameter(let m): return m
    case .exposureNeedsLogLink(let l): return "exposure requires the log link, but the link is '\(l)'"
    case .responseOutsideSupport(let row, let v, let fam, let sup):
      return "response \(v) in row \(row) is outside the support of the \(fam) family (expected \(sup))"
    case .nonFiniteValue(let c, let row): return "column '\(c)' has a non-finite value in row \(row)"
    case .nonPositiveValue(let c, let row, let v):
      return "column '\(c)' must be positive, but row \(row) has \(v)"
    case .tooFewRows(let r, let p, let d):
      return "only \(r) complete rows (\(d) dropped for missing values) for \(p) parameters"
    case .rankDeficient(let a):
      return "design matrix is rank deficient: \(a.joined(separator: ", ")) "
        + (a.count == 1 ? "is a linear combination" : "are linear combinations") + " of other columns"
    case .perfectSeparation(let n):
      return "perfect separation: \(n) observations are predicted with probability 0 or 1, so the maximum likelihood estimate does not exist"
    case .invalidMean(let it, let fam, let l):
      return "IRLS iteration \(it) produced a mean outside the range of the \(fam) family with the \(l) link; try another link"
    case .numerical(let m): return m
    }
  }
}
