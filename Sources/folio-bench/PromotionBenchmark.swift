// Promotion benchmark: trains the hierarchical promotion model on the issue-6
// dataset (24 SKUs × 104 weeks × 3 promo types, 2 macro variables, 3% noise,
// simulated with known truth by PromoSimulation) and plans a 13-week discount
// budget on it. Compares against the targets: training < 3 s and
// planning < 1 s (release build).
//
// Usage: folio-bench promotion [--runs K (default 5)] [--write-csv PATH]
// --write-csv writes the simulated data as the notebook would load them
// (scripts/data/make_promotion_data.sh uses it for notebooks/data/).
import FolioData
import FolioModels
import Foundation

func runPromotionBenchmark(_ args: [String]) throws {
  var runs = 5
  var csvPath: String?
  var i = 0
  while i < args.count {
    switch args[i] {
    case "--runs" where i + 1 < args.count: runs = Int(args[i + 1]) ?? runs; i += 2
    case "--write-csv" where i + 1 < args.count: csvPath = args[i + 1]; i += 2
    default: throw PromoError.invalidSetting("unknown argument '\(args[i])'; expected --runs K or --write-csv PATH")
    }
  }
  let sim = try PromoSimulation()
  if let csvPath {
    try CSVWriter.write(try sim.frame(), to: csvPath)
    print("wrote \(csvPath)")
  }
  guard runs > 0 else { return }
  func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
  var trainTimes: [Double] = [], planTimes: [Double] = []
  var model: PromoModel?
  for _ in 0..<runs {
    trainTimes.append(try seconds { model = try PromoTrainer.fit(sim.panel, settings: PromoTrainingSettings()) })
  }
  guard let model else { return }
  var constraints = PromoPlanConstraints()
  let current = model.currentPlan(weeks: 13)
  for b in PromoSimulation.brands {
    let spend = (0..<model.panel.skus).filter { model.panel.hierarchy[$0][0] == b }
      .reduce(0.0) { acc, s in acc + (0..<3).reduce(0.0) { $0 + current[s * 3 + $1] } }
    constraints.brandCaps.append(.init(b, maximum: 1.1 * spend))
  }
  constraints.segmentBounds = [.init("Premium", lower: 20_000)]
  constraints.lambdaRho = 1000
  var plan: PromoPlan?
  for _ in 0..<runs { planTimes.append(try seconds { plan = try PromoPlanner.plan(model, constraints: constraints) }) }
  func median(_ v: [Double]) -> Double {
    let s = v.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
  let fit = model.holdoutFit()
  print(String(format: "training: median %.3f s over %d runs (target < 3 s); %d epochs, best %d; holdout R² %.4f, MAPE %.2f%%",
    median(trainTimes), runs, model.epochsRun, model.bestEpoch, fit.r2, fit.mape))
  if let plan {
    print(String(format: "planning: median %.4f s over %d runs (target < 1 s); %d LPs, ΔNR %.0f, ρ %.3f, max violation %.1e",
      median(planTimes), runs, plan.linearProgramsSolved, plan.totalNetRevenueLift, plan.rho, plan.maxRelativeViolation))
  }
}
