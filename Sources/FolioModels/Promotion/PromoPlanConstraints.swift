/// The hard constraints and objective weights of a discount plan.
///
/// All spend figures are TOTAL discount spend over the planning horizon in
/// the data's currency, summed over the group's SKUs and all promo types.
/// Groups are listed in order (arrays, not dictionaries) so reports are
/// deterministic; a group not listed is unconstrained at that level.
public struct PromoPlanConstraints: Sendable, Equatable {
  /// An upper limit on a group's total spend (brand cap, pack-type limit).
  public struct Limit: Sendable, Equatable {
    public var group: String
    public var maximum: Double
    public init(_ group: String, maximum: Double) {
      self.group = group
      self.maximum = maximum
    }
  }

  /// Lower and upper bounds on a group's total spend (price segment);
  /// `lower` 0 and `upper` +∞ mean no bound on that side.
  public struct Bounds: Sendable, Equatable {
    public var group: String
    public var lower: Double
    public var upper: Double
    public init(_ group: String, lower: Double = 0, upper: Double = .infinity) {
      self.group = group
      self.lower = lower
      self.upper = upper
    }
  }

  /// Planning horizon in weeks (13 = a quarter).
  public var horizon: Int = 13
  public var brandCaps: [Limit] = []
  public var packLimits: [Limit] = []
  public var segmentBounds: [Bounds] = []
  /// Each SKU's horizon volume must stay within ±`volumeChange` (a fraction)
  /// of its volume under the current plan.
  public var volumeChange: Double = 0.2
  /// Optional bounds on each SKU × type's spend as multiples of its current
  /// spend, e.g. 0.5...3 keeps every line between half and three times
  /// today's; a line with no current spend then stays at 0. nil: only d ≥ 0.
  public var spendRange: ClosedRange<Double>? = nil
  /// λ_ρ, the weight of the spend efficiency ρ in the objective ΔNR + λ_ρ·ρ
  /// (currency per unit of ρ; 0 maximizes net revenue alone).
  public var lambdaRho: Double = 0
  /// ε in ρ = ΔSales / (S + ε), in currency, so a zero plan has a finite ρ.
  public var epsilon: Double = 1
  /// Names of the hierarchy columns holding brand, pack type and price segment.
  public var brandLevel = "BRAND"
  public var packLevel = "PACK_TYPE"
  public var segmentLevel = "PRICE_SEGMENT"

  public init() {}

  func validate() throws(PromoError) {
    guard horizon >= 1 else { throw .invalidSetting("horizon must be ≥ 1 week, got \(horizon)") }
    guard volumeChange >= 0, volumeChange < 1 else {
      throw .invalidSetting("volume_change must be a fraction in [0, 1), got \(volumeChange)")
    }
    guard lambdaRho >= 0, lambdaRho.isFinite else {
      throw .invalidSetting("lambda_rho must be a finite number ≥ 0, got \(lambdaRho)")
    }
    guard epsilon > 0, epsilon.isFinite else { throw .invalidSetting("epsilon must be > 0, got \(epsilon)") }
    if let r = spendRange, !(r.lowerBound >= 0 && r.upperBound.isFinite) {
      throw .invalidSetting("spend_range must satisfy 0 ≤ min ≤ max < ∞, got [\(r.lowerBound), \(r.upperBound)]")
    }
    for l in brandCaps + packLimits where !(l.maximum >= 0) || l.maximum.isNaN {
      throw .invalidSetting("limit for '\(l.group)' must be a number ≥ 0, got \(l.maximum)")
    }
    for b in segmentBounds where !(b.lower >= 0 && b.lower <= b.upper) {
      throw .invalidSetting("bounds for '\(b.group)' must satisfy 0 ≤ min ≤ max, got [\(b.lower), \(b.upper)]")
    }
  }
}
