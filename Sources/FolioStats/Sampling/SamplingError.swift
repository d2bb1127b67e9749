/// Why a NUTS run could not start or continue.
public enum SamplingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No starting point with a finite log-density and gradient was found in
  /// 100 tries (uniform in [−r, r]ᵈ, r the options' `initialRadius`) or at
  /// the given start.
  case initializationFailed(chain: Int)
  /// The step-size search ran to 0 or above 10⁷: the density is improper or
  /// its gradient wrong.
  case stepSizeSearchFailed(chain: Int, stepSize: Double)
  /// Options out of range (what was expected).
  case invalidOptions(String)

  public var description: String {
    switch self {
    case .initializationFailed(let c):
      return "NUTS chain \(c): no starting point with a finite log-density in 100 tries"
    case .stepSizeSearchFailed(let c, let e):
      return "NUTS chain \(c): step-size search diverged (ε = \(e)); is the density proper and its gradient right?"
    case .invalidOptions(let what): return "NUTS options: \(what)"
    }
  }
}
