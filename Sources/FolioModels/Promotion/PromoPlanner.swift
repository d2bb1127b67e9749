import Foundation

/// Chooses discount spend per SKU × promo type over the planning horizon to
/// maximize ΔNR + λ_ρ·ρ under hard constraints, with the model frozen.
///
/// Why this is exact: horizon sales and volume are affine in the spend D
/// (`PromoModel.horizonResponse`), so every constraint is linear. For a fixed
/// total S = ΣD, ΔNR = ΔSales(D) − (S − S₀) and ρ = ΔSales(D)/(S + ε) are both
/// linear in D and increase with ΔSales, so the best plan at S is the LP
/// `max ΔSales(D) s.t. constraints, ΣD = S`, solved by simplex (CLP). What is
/// left is a 1-D search over S ∈ [S_min, S_max] (themselves LPs): a 41-point
/// grid, then golden-section refinement around the best grid point down to
/// 1e-10 relative width. With λ_ρ = 0 the value F(S) is concave (an LP value
/// function minus a linear term), so the refinement finds the global optimum;
/// with λ_ρ > 0, F(S) = ΔSales(S)·(1 + λ_ρ/(S+ε)) − (S − S₀) need not be
/// concave and the grid guards against a wrong local bracket.
///
/// Infeasibility is exact too: if the LP minimizing S has no solution, no plan
/// exists; the error names each lower bound (price-segment minimum, volume
/// floor) that cannot be reached even on its own under the caps and limits.
public enum PromoPlanner {
  static let gridPoints = 41

  /// The best plan for a fitted model: its horizon response, its current
  /// plan (`PromoModel.currentPlan`), re-checked with its recursion.
  public static func plan(_ model: PromoModel, constraints C: PromoPlanConstraints) throws(PromoError) -> PromoPlan {
    try C.validate()
    let input = PromoPlanInput(model: model, horizon: C.horizon)
    return try plan(PromoPlanProblem(input: input, constraints: C) { model.horizonTotals(weeks: C.horizon, spend: $0) })
  }

  /// The best plan for a given affine response (re-checked with that map);
  /// used to compare against an independent solver on small instances.
  public static func plan(_ input: PromoPlanInput, constraints C: PromoPlanConstraints) throws(PromoError) -> PromoPlan {
    try C.validate()
    return try plan(PromoPlanProblem(input: input, constraints: C) { input.response.totals(spend: $0) })
  }

  static func plan(_ setup: PromoPlanProblem) throws(PromoError) -> PromoPlan {
    let C = setup.constraints
    var solved = 0
    guard case .optimal(_, let sMin) = setup.program(objective: .totalSpend).solve(maximize: false) else {
      throw .infeasible(reason: setup.diagnoseInfeasibility())
    }
    let sMaxOutcome = setup.program(objective: .totalSpend).solve(maximize: true)
    solved += 2
    guard case .optimal(_, let sMax) = sMaxOutcome else {
      throw .invalidSetting(
        "total discount spend is unbounded under these constraints; add a brand cap or pack-type limit covering every SKU")
    }
    let g0 = zip(setup.response.salesSlope, setup.currentSpend).reduce(0) { $0 + $1.0 * $1.1 }
    let s0 = setup.currentSpend.reduce(0, +)
    func value(_ s: Double) -> (f: Double, x: [Double])? {
      solved += 1
      guard case .optimal(let x, let v) = setup.program(objective: .sales, totalSpend: s).solve() else { return nil }
      let dSales = v - g0
      return (dSales * (1 + C.lambdaRho / (s + C.epsilon)) - (s - s0), x)
    }
    // Grid over [sMin, sMax], then golden section around the best point.
    let width = sMax - sMin
    var grid: [(s: Double, f: Double)] = []
    for i in 0..<gridPoints {
      let s = i == gridPoints - 1 ? sMax : sMin + width * Double(i) / Double(gridPoints - 1)
      if let v = value(s) { grid.append((s, v.f)) }
    }
    guard let bestIndex = grid.indices.max(by: { grid[$0].f < grid[$1].f }) else {
      throw .solver("no LP along the total-spend search returned a solution")
    }
    var lo = grid[max(0, bestIndex - 1)].s, hi = grid[min(grid.count - 1, bestIndex + 1)].s
    var bestS = grid[bestIndex].s, bestF = grid[bestIndex].f
    let ratio = (5.0.squareRoot() - 1) / 2
    var c = hi - ratio * (hi - lo), d = lo + ratio * (hi - lo)
    var fc = value(c)?.f ?? -.infinity, fd = value(d)?.f ?? -.infinity
    while hi - lo > 1e-10 * max(1, sMax) {
      if fc >= fd {
        hi = d; d = c; fd = fc
        c = hi - ratio * (hi - lo)
        fc = value(c)?.f ?? -.infinity
      } else {
        lo = c; c = d; fc = fd
        d = lo + ratio * (hi - lo)
        fd = value(d)?.f ?? -.infinity
      }
    }
    for (s, f) in [(c, fc), (d, fd)] where f > bestF {
      bestS = s
      bestF = f
    }
    guard let final = value(bestS) else { throw .solver("the LP at the best total spend failed") }
    let clipped = final.x.enumerated().map { i, x in
      let r = C.spendRange ?? 0...Double.infinity
      return min(max(x, r.lowerBound * setup.currentSpend[i]), r.upperBound * setup.currentSpend[i])
    }
    return setup.report(spend: clipped, lambdaRho: C.lambdaRho, epsilon: C.epsilon, solved: solved)
  }
}
