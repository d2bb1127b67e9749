import FolioData
import FolioModels
import FolioStats
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioNotebook

/// `{plan}` on a `{roi}` result that holds posterior draws (method
/// "posterior", as a Bayesian fit hands it on): the plan maximizes expected
/// revenue over the draws and reports the lift's posterior. The draws here
/// are a fixed spread of curves around a simulation's truth; the lift's
/// summaries are recomputed in the test straight from β·Hill(m·s) per draw.
final class MMMPlanPosteriorTests: XCTestCase {
  static let sim = try! MMMSimulation.generate(weeks: 80, channels: 3, seed: 5)

  /// 200 draws per channel: β, α and γ spread log-normally (sd 0.3) around the truth.
  static func draws(method: String) throws -> (MMMFit, MMMBootstrap) {
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    var rng = SplitMix64(seed: 17)
    let boot = sim.input.channels.indices.map { c -> ChannelBootstrap in
      let p = sim.parameters[c], beta = model.mediaCoefficients[c]
      var coefs: [Double] = [], params: [ChannelParameters] = []
      for _ in 0..<200 {
        coefs.append(beta * exp(0.3 * rng.normal()))
        params.append(ChannelParameters(theta: p.theta, alpha: p.alpha * exp(0.3 * rng.normal()), gamma: p.gamma * exp(0.3 * rng.normal())))
      }
      return ChannelBootstrap(
        channel: sim.input.channels[c], roi: 1, roiLow: 0.5, roiHigh: 1.5, roiSD: 0.3, coef: beta, coefLow: beta / 2,
        coefHigh: 2 * beta, coefSD: beta / 3, isSignificant: true, roiDraws: coefs.map { _ in 1 }, coefDraws: coefs,
        parameterDraws: params)
    }
    let fit = MMMFit(
      model: model, labels: sim.input.channels, dataLabel: "mmm", options: MMMSearch.Options(), evaluations: 0, loss: 0,
      view: .null)
    return (fit, MMMBootstrap(boot: boot, resamples: 200, level: 0.9, method: method, refit: false, seed: 0, view: .null))
  }

  func runPlan(method: String) throws -> (DirectiveResult, MMMFit, MMMBootstrap) {
    let (fit, boot) = try Self.draws(method: method)
    let nb = try NotebookParser.parse("```{plan} plan\nmodel: fit\nroi: boot\nchange: 0.3\n```\n", path: "p.md")
    guard case .directive(let call)? = nb.blocks.first, let d = DirectiveRegistry.standard[call.name] else {
      throw NotebookError(nil, "no {plan} block")
    }
    let parsed = try OptionDecoder.decode(call, options: call.options, directive: d, stage: .run).get()
    var context = ExecutionContext(notebookPath: "p.md", baseDirectory: NSTemporaryDirectory(), params: .object([]), seed: 1)
    context.models["fit"] = fit
    context.models["boot"] = boot
    return (try MMMPlanDirective.run(parsed, in: &context), fit, boot)
  }

  /// Σ_c β_b·Hill_b(m_b·s_c) for every draw b.
  func revenueDraws(_ boot: MMMBootstrap, spend: [Double]) -> [Double] {
    (0..<boot.boot[0].coefDraws.count).map { b in
      spend.indices.reduce(0) { acc, c in
        let p = boot.boot[c].parameterDraws[b]
        return acc + boot.boot[c].coefDraws[b] * p.saturation.apply(spend[c] / (1 - p.theta))
      }
    }
  }

  func number(_ v: Value, _ path: String...) -> Double {
    var cur: Value? = v
    for p in path { cur = cur?[p] }
    return cur?.doubleValue ?? .nan
  }

  func testPosteriorPlanMaximizesExpectedRevenueAndReportsTheLiftPosterior() throws {
    let (result, fit, boot) = try runPlan(method: "posterior")
    let v = result.value, labels = fit.labels
    let current = labels.map { number(v, "channels", $0, "spend") }, recommended = labels.map { number(v, "channels", $0, "recommended_spend") }
    let expected = try ExpectedResponseAllocator.optimize(fit.model, draws: boot.boot, currentSpend: current)
    XCTAssertEqual(recommended, expected.recommended)
    // The lift's posterior, recomputed per draw.
    let before = revenueDraws(boot, spend: current), after = revenueDraws(boot, spend: recommended)
    let lift = zip(after, before).map { $0 - $1 }.sorted()
    let mean = lift.reduce(0, +) / Double(lift.count)
    assertApproximatelyEqual(number(v, "lift"), mean, relative: 1e-9)
    assertApproximatelyEqual(number(v, "lift_mean"), mean, relative: 1e-9)
    assertApproximatelyEqual(number(v, "lift_median"), (lift[99] + lift[100]) / 2, relative: 1e-12)
    // Type-7 quantiles of 200 draws: 5% at h = 9.95, 95% at h = 189.05.
    assertApproximatelyEqual(number(v, "lift_low"), lift[9] + 0.95 * (lift[10] - lift[9]), relative: 1e-12)
    assertApproximatelyEqual(number(v, "lift_high"), lift[189] + 0.05 * (lift[190] - lift[189]), relative: 1e-12)
    XCTAssertEqual(number(v, "lift_probability_positive"), Double(lift.filter { $0 > 0 }.count) / 200)
    XCTAssertEqual(number(v, "lift_draws"), 200)
    XCTAssertEqual(v["lift_interval"], .string("posterior"))
    // Planning on the expected curve beats planning on the posterior-mean parameters' curve, on average over the draws.
    let pointPlan = try BudgetAllocator.optimize(fit.model, currentSpend: current)
    let pointExpected = revenueDraws(boot, spend: pointPlan.recommended).reduce(0, +) / 200
    let planExpected = after.reduce(0, +) / 200
    XCTAssertGreaterThanOrEqual(planExpected, pointExpected * (1 - 1e-12))
    guard case .note(let note)? = result.outputs.first else { return XCTFail("no note") }
    XCTAssertTrue(note.contains("90% posterior interval"), note)
    XCTAssertTrue(note.contains("each of 200 posterior draws"), note)
    XCTAssertFalse(note.contains("bootstrap"), note)
  }

  func testBootstrapMethodKeepsTheSingleCurvePlan() throws {
    let (result, fit, _) = try runPlan(method: "iid")
    let v = result.value
    let current = fit.labels.map { number(v, "channels", $0, "spend") }
    let point = try BudgetAllocator.optimize(fit.model, currentSpend: current)
    XCTAssertEqual(fit.labels.map { number(v, "channels", $0, "recommended_spend") }, point.recommended)
    XCTAssertEqual(number(v, "lift"), point.lift)
    XCTAssertNil(v["lift_mean"])
    guard case .note(let note)? = result.outputs.first else { return XCTFail("no note") }
    XCTAssertTrue(note.contains("90% bootstrap interval"), note)
  }
}

/// `{plan}` after `{bayes}` and `{roi}` end to end (3 channels × 80 weeks
/// from the committed simulator, seed 4242; 2 chains × 200/200): the plan is
/// the expected-revenue plan on the block's own posterior, rebuilt here from
/// `BayesianMMM.fit` on the same input and seed.
final class MMMPlanBayesEndToEndTests: XCTestCase {
  var dir = ""
  static let names = ["Search", "Social", "Video"]
  static let keys = names.map { "\($0)_GLOBAL_ALL" }

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-bayes-plan-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let sim = try MMMSimulation.generate(weeks: 80, channels: 3, seed: 4242)
    let monday = CivilDate.days(year: 2022, month: 1, day: 3)
    var csv = "WEEK_START,CHANNEL,SPEND,REVENUE\n"
    for t in 0..<sim.input.weekCount {
      for c in 0..<3 {
        csv += "\(CivilDate.isoString(days: monday + 7 * t)),\(Self.names[c]),\(sim.input.spend[c][t]),\(sim.input.revenue[t] / 3)\n"
      }
    }
    try csv.write(toFile: dir + "/mmm.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  static let notebook = """
    ---
    seed: 3
    ---
    ```{mmm_data} mmm
    csv: mmm.csv
    ```

    ```{bayes} fit
    data: mmm
    chains: 2
    warmup: 200
    draws: 200
    seed: 5
    ```

    ```{roi} boot
    model: fit
    ```

    ```{plan} plan
    model: fit
    roi: boot
    change: 0.3
    ```
    """

  func testPlanOnABayesianFitIsTheExpectedRevenuePlanOnItsPosterior() throws {
    let doc = Executor().run(try NotebookParser.parse(Self.notebook, path: "mmm.md"), baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    let value = { (label: String) in doc.results.first { $0.label == label }?.value ?? .null }
    guard case .table(let weekly)? = value("mmm")["weekly"], case .date(let days)? = weekly["WEEK_START"] else {
      return XCTFail("no weekly table")
    }
    let controls = MMMCalendarControls.names
    let input = try MMMInput(
      weekStarts: days.days.map { Int($0) }, channels: Self.keys, spend: Self.keys.map { weekly[$0]?.doubles ?? [] },
      revenue: weekly["REVENUE"]?.doubles ?? [], controlNames: controls, controls: controls.map { weekly[$0]?.doubles ?? [] })
    let fit = try BayesianMMM.fit(
      input, options: NUTSSampler.Options(chains: 2, warmup: 200, draws: 200, seed: 5, targetAcceptance: 0.9, metric: .dense))
    let posterior = try BayesianMMMPosterior(fit: fit, input: input)
    let boot = posterior.channelBootstraps(level: 0.9)
    let current = input.meanWeeklySpend
    let expected = try ExpectedResponseAllocator.optimize(posterior.pointModel, draws: boot, currentSpend: current)
    let plan = value("plan")
    let recommended = Self.names.map { plan["channels"]?[$0]?["recommended_spend"]?.doubleValue ?? .nan }
    assertApproximatelyEqual(recommended, expected.recommended, relative: 1e-9)
    assertApproximatelyEqual(plan["lift"]?.doubleValue ?? .nan, expected.lift, relative: 1e-9)
    let lift = BootstrapResponse.liftDraws(posterior.pointModel, boot, current: current, recommended: expected.recommended)
    XCTAssertEqual(plan["lift_draws"], .integer(400))
    assertApproximatelyEqual(plan["lift_mean"]?.doubleValue ?? .nan, lift.reduce(0, +) / 400, relative: 1e-9)
    assertApproximatelyEqual(plan["lift_mean"]?.doubleValue ?? .nan, expected.lift, relative: 1e-9)
    assertApproximatelyEqual(plan["lift_low"]?.doubleValue ?? .nan, BootstrapROI.quantile(lift, 0.05), relative: 1e-9)
    assertApproximatelyEqual(plan["lift_high"]?.doubleValue ?? .nan, BootstrapROI.quantile(lift, 0.95), relative: 1e-9)
    XCTAssertEqual(plan["lift_interval"], .string("posterior"))
    assertApproximatelyEqual(plan["recommended_total"]?.doubleValue ?? .nan, current.reduce(0, +), relative: 1e-12)
    // The result tables describe the posterior: ROI is the posterior median
    // (the centre of ROI_LOW–ROI_HIGH), the metadata names the NUTS run.
    guard let results = doc.resultTables.first(where: { $0.name == "MODEL_RESULTS" })?.frame,
      let metadata = doc.resultTables.first(where: { $0.name == "MODEL_METADATA" })?.frame
    else { return XCTFail("no MODEL_RESULTS / MODEL_METADATA") }
    assertApproximatelyEqual(results["ROI"]?.doubles ?? [], boot.map(\.roi), relative: 1e-12)
    assertApproximatelyEqual(results["ROI_LOW"]?.doubles ?? [], boot.map(\.roiLow), relative: 1e-12)
    var pairs: [String: String] = [:]
    for row in 0..<metadata.rowCount {
      if case .string(let k)? = metadata["KEY"]?[row], case .string(let v)? = metadata["VALUE"]?[row] { pairs[k] = v }
    }
    XCTAssertEqual(pairs["fit_method"], "bayes")
    XCTAssertEqual(pairs["nuts_chains"], "2")
    XCTAssertEqual(pairs["nuts_draws"], "200")
    XCTAssertEqual(pairs["interval_method"], "posterior")
    XCTAssertNil(pairs["search_budget"])
    XCTAssertNil(pairs["bootstrap_resamples"])
  }
}
