extension PromoPlanProblem {
  /// Re-checks plan `D` with the model's own recursion (not the LP's affine
  /// map) and assembles the report: sales, volume, NR lift, ρ, each
  /// constraint's activity, binding side and relative violation.
  func report(spend D: [Double], lambdaRho: Double, epsilon: Double, solved: Int) -> PromoPlan {
    let H = constraints.horizon
    let plan = recheck(D)
    let current = recheck(currentSpend)
    var lifts = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let delta = D[i] - currentSpend[i]
      lifts[i] = response.salesSlope[i] * delta - delta
    }
    let totalSpend = D.reduce(0, +), currentTotal = currentSpend.reduce(0, +)
    let salesLift = plan.sales.reduce(0, +) - current.sales.reduce(0, +)
    let nrLift = salesLift - (totalSpend - currentTotal)
    let rho = salesLift / (totalSpend + epsilon)
    var checks: [PromoPlan.ConstraintCheck] = []
    var worst = D.map { max(0, -$0) }.max() ?? 0
    if let range = constraints.spendRange {
      for (d, c) in zip(D, currentSpend) {
        worst = max(worst, (range.lowerBound * c - d) / max(range.lowerBound * c, 1), (d - range.upperBound * c) / max(range.upperBound * c, 1))
      }
    }
    for r in rows {
      let activity: Double
      if let s = r.sku {
        activity = plan.volume[s]
      } else {
        activity = zip(r.coefficients, D).reduce(0) { $0 + $1.0 * $1.1 }
      }
      let lower = r.lower + r.offset, upper = r.upper + r.offset
      let violation = max(
        lower.isFinite ? (lower - activity) / max(abs(lower), 1) : 0,
        upper.isFinite ? (activity - upper) / max(abs(upper), 1) : 0, 0)
      worst = max(worst, violation)
      var binding: String?
      if lower.isFinite, abs(activity - lower) <= 1e-7 * max(abs(lower), 1) { binding = "lower" }
      if upper.isFinite, abs(activity - upper) <= 1e-7 * max(abs(upper), 1) { binding = "upper" }
      checks.append(PromoPlan.ConstraintCheck(
        name: r.name, kind: r.kind, activity: activity, lower: lower, upper: upper, binding: binding,
        relativeViolation: violation))
    }
    return PromoPlan(
      horizon: H, spend: D, currentSpend: currentSpend, sales: plan.sales, currentSales: current.sales,
      volume: plan.volume, currentVolume: current.volume, netRevenueLift: lifts, totalSpend: totalSpend,
      currentTotalSpend: currentTotal, salesLift: salesLift, totalNetRevenueLift: nrLift, rho: rho,
      objective: nrLift + lambdaRho * rho, constraints: checks, maxRelativeViolation: worst,
      linearProgramsSolved: solved)
  }
}
