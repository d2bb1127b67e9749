import FolioData

/// Why a marketing-mix step could not run. Model-layer errors have no file
/// location; the notebook directive that called the model locates them.
public enum MMMError: LocatedError, Equatable {
  /// Series lengths disagree (`what` names the series, e.g. "spend of TV").
  case lengthMismatch(what: String, expected: Int, got: Int)
  /// No media channels were given.
  case noChannels
  /// Too few weeks for the step (`needed` weeks, `got`).
  case tooFewWeeks(needed: Int, got: Int, step: String)
  /// A value is NaN/±inf (`week` is 1-based).
  case nonFinite(series: String, week: Int)
  /// Spend below zero (`week` is 1-based).
  case negativeSpend(channel: String, week: Int, value: Double)
  /// Parameter count or value out of range.
  case invalidParameter(String)
  /// An option out of range (e.g. a bootstrap level outside (0, 1)).
  case invalidOption(String)
  /// The ridge system could not be solved.
  case numerical(String)
  /// The budget problem has no feasible allocation; the message says why.
  case infeasibleBudget(String)

  public var location: SourceLocation? { nil }

  public var message: String {
    switch self {
    case .lengthMismatch(let what, let e, let g): return "\(what) has \(g) weeks, expected \(e)"
    case .noChannels: return "no media channels: the model needs at least one spend series"
    case .tooFewWeeks(let n, let g, let step): return "\(step) needs at least \(n) weeks, the data have \(g)"
    case .nonFinite(let s, let w): return "\(s) is not a finite number in week \(w)"
    case .negativeSpend(let c, let w, let v): return "spend of \(c) is negative (\(v)) in week \(w)"
    case .invalidParameter(let m): return "invalid model parameter: \(m)"
    case .invalidOption(let m): return "invalid option: \(m)"
    case .numerical(let m): return "numerical failure: \(m)"
    case .infeasibleBudget(let m): return "infeasible budget: \(m)"
    }
  }
}
