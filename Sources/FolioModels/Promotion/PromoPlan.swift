/// A discount plan found by `PromoPlanner`, with its predicted effect and a
/// re-check of every hard constraint under the model in double precision.
///
/// Net revenue is NR = sales − discount spend, so ΔNR = ΔSales − ΔSpend
/// against the current plan; ρ = ΔSales / (S + ε) with S the plan's total spend.
public struct PromoPlan: Sendable, Equatable {
  /// One hard constraint as re-checked on the plan.
  public struct ConstraintCheck: Sendable, Equatable {
    /// e.g. "brand cap · Aurora", "volume ±20% · AUR-VBS".
    public var name: String
    /// "brand cap", "pack-type limit", "price segment", "volume".
    public var kind: String
    public var activity: Double
    public var lower: Double
    public var upper: Double
    /// "lower", "upper" or nil: which bound holds with equality (within 1e-7 relative).
    public var binding: String?
    /// Amount by which the activity exceeds a bound, relative to max(|bound|, 1); 0 when satisfied.
    public var relativeViolation: Double
  }

  public var horizon: Int
  /// Total horizon spend per SKU × type (`[s·K + k]`), recommended and current.
  public var spend: [Double]
  public var currentSpend: [Double]
  /// Per-SKU horizon sales and volume under the plan and under the current plan.
  public var sales: [Double]
  public var currentSales: [Double]
  public var volume: [Double]
  public var currentVolume: [Double]
  /// NR lift per SKU × type: the sales its spend change adds (slope × Δspend)
  /// minus that spend change; sums over types to the SKU's ΔNR.
  public var netRevenueLift: [Double]
  public var totalSpend: Double
  public var currentTotalSpend: Double
  public var salesLift: Double
  public var totalNetRevenueLift: Double
  public var rho: Double
  /// ΔNR + λ_ρ·ρ, the maximized objective.
  public var objective: Double
  public var constraints: [ConstraintCheck]
  /// Largest relative violation over all constraints and d ≥ 0.
  public var maxRelativeViolation: Double
  /// Number of LPs solved in the search over total spend.
  public var linearProgramsSolved: Int

  /// Names of the binding constraints, in constraint order.
  public var bindingConstraints: [String] { constraints.filter { $0.binding != nil }.map(\.name) }
}
