/// Where a channel's recommended spend sits in its box.
public enum BoundStatus: String, Sendable, Equatable {
  case lower, upper, interior
}

/// First-order optimality check of a plan on the true response curves.
///
/// At an optimum of Σ f_c(s_c) with Σ s_c = T and l_c ≤ s_c ≤ u_c there is a
/// multiplier λ with f′_c(s_c) = λ for channels strictly inside their box,
/// f′_c ≤ λ at a lower bound and f′_c ≥ λ at an upper bound.
public struct KKTCheck: Sendable, Equatable {
  /// λ: the common marginal ROI of interior channels (their mean; the
  /// envelope's multiplier when no channel is interior).
  public var multiplier: Double
  /// max |f′_c − λ| over interior channels (0 when none), currency per currency.
  public var maxInteriorDeviation: Double
  /// Whether bound channels have marginal ROI on the right side of λ
  /// (within 1e-6 relative).
  public var complementarySlacknessHolds: Bool
  /// Worst violation of those sign conditions (0 when they hold).
  public var maxSlacknessViolation: Double
}

/// A budget allocation across channels and what it is predicted to return.
/// Spend in currency per week; predictions are the media contributions
/// Σ_c β_c·Hill_c(m_c·s_c), currency per week, at steady state.
public struct BudgetPlan: Sendable, Equatable {
  public var channels: [String]
  /// Current weekly spend (the input to `optimize`).
  public var current: [Double]
  /// Recommended weekly spend.
  public var recommended: [Double]
  /// The boxes [lower, upper] used per channel.
  public var lowerBounds: [Double]
  public var upperBounds: [Double]
  /// Total weekly budget allocated.
  public var total: Double
  /// Predicted weekly media revenue at current and recommended spend.
  public var predictedCurrent: Double
  public var predictedRecommended: Double
  /// predictedRecommended − predictedCurrent, and as % of predictedCurrent.
  public var lift: Double
  public var liftPercent: Double
  /// Per channel: at lower bound, upper bound or interior.
  public var binding: [BoundStatus]
  /// Marginal ROI per channel at the recommended spend.
  public var marginalROI: [Double]
  /// The first-order check on the true curves.
  public var kkt: KKTCheck
  /// Optimum of the concave-envelope relaxation: no allocation can beat it.
  public var upperBound: Double
  /// upperBound − predictedRecommended ≥ 0: how far from optimal the plan
  /// can be at most (0 when the relaxation's optimum is feasible for the
  /// true curves; positive otherwise even at the true optimum).
  public var optimalityGap: Double
  /// How the plan was computed, for the report.
  public var method: String
}
