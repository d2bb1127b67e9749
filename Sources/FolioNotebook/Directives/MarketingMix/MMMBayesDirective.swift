import FolioData
import FolioModels
import FolioStats

/// `{bayes}`: fits the Bayesian marketing-mix model (geometric or Weibull
/// adstock, Hill saturation, controls, ROI priors per channel, optional lift-test
/// calibration) by NUTS, and gives later blocks its posterior.
///
/// ```yaml
/// data: mmm                   # an {mmm_data} block
/// adstock: geometric          # or weibull (normalized Weibull-pdf lags over 13 weeks)
/// chains: 4
/// warmup: 1000                # per chain, discarded
/// draws: 1000                 # kept per chain
/// seed: 42                    # default: from the notebook seed and the label
/// target_accept: 0.9
/// roi_prior: {mean: 0.2, sd: 0.9}        # log ROI ~ N(mean, sd²), every channel
/// roi_priors: {TV: {mean: 0.7, sd: 0.4}}  # per channel label or key
/// lift_tests: experiments     # a dataset: CHANNEL, FIRST_WEEK, LAST_WEEK, LIFT, LIFT_SE
/// level: 0.9
/// ```
/// The value (`r2`, `mape`, `media_share`, `channels.<name>.roi`, `roi_low`,
/// `roi_high`, `diagnostics`, `uninformed`, `lift_tests`) is for prose; later
/// blocks refer to it as `model: <label>` like a `{search}` fit: `{roi}`
/// summarizes the posterior (no resampling), `{curves}`, `{plan}` and
/// `{forecast}` evaluate every (thinned) draw, `{cv}` refits the regression
/// per fold with the transforms at their posterior means. Draws depend only
/// on the seed, never on the machine or thread count; the page shows no
/// timings.
public enum MMMBayesDirective: Directive {
  public static let name = "bayes"
  public static let summary = "Bayesian marketing-mix model by NUTS: ROI priors per channel, lift-test calibration, convergence checks; later blocks take its posterior."
  static let data = DirectiveOption.reference("data", "An {mmm_data} block.")
  static let adstock = DirectiveOption.choice("adstock", default: AdstockName.geometric, "Adstock family: geometric decay, or weibull (normalized Weibull-pdf lag weights over 13 weeks, shape and scale sampled; the effect can peak weeks after the spend).")
  static let chains = DirectiveOption.integer("chains", default: 4, in: 1...64, unit: "chains", "Markov chains, run on threads.")
  static let warmup = DirectiveOption.integer("warmup", default: 1000, in: 0...100_000, unit: "iterations", "Warm-up iterations per chain (step size and metric adaptation), discarded.")
  static let draws = DirectiveOption.integer("draws", default: 1000, in: 1...100_000, unit: "draws", "Kept draws per chain.")
  static let seed = DirectiveOption.seed(help: "Sampler seed (default: from the notebook seed and the block label).")
  static let targetAccept = DirectiveOption.number("target_accept", default: 0.9, in: .openUnit, "Target acceptance δ of step-size adaptation; raise towards 0.95 if there are divergences.")
  static let liftTests = DirectiveOption.reference(
    optional: "lift_tests", "A dataset of experiments: CHANNEL, FIRST_WEEK, LAST_WEEK (weeks of the data), LIFT (incremental revenue over those weeks), LIFT_SE.")
  static let level = DirectiveOption.number("level", default: 0.9, in: .openUnit, "Central posterior interval level.")
  public static let options: [any AnyOptionDeclaration] = [
    data, adstock, chains, warmup, draws, seed, targetAccept, MMMBayesPriorOptions.roiPrior, MMMBayesPriorOptions.roiPriors,
    liftTests, level,
  ]

  /// The `adstock:` names.
  enum AdstockName: String, Sendable, CaseIterable {
    case geometric, weibull
    /// The sampled kernel: geometric, or Weibull over the 13-week window
    /// that the downstream blocks' transforms (`AdstockKind.weibullPDF`) use.
    var kernel: BayesianMMMAdstock { self == .geometric ? .geometric : .weibullQuarter }
  }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[data]
    let prepared = try context.model(MMMPreparedData.self, reference)
    let input = prepared.input, labels = prepared.labels
    let priors = try MMMBayesPriorOptions.priors(parsed, channels: input.channels, labels: labels)
    let tests = try parsed[liftTests].map { r throws(NotebookError) in
      try MMMBayesLiftTests.read(try context.dataset(r), input: input, labels: labels, at: r)
    } ?? []
    let sampler = NUTSSampler.Options(
      chains: parsed[chains], warmup: parsed[warmup], draws: parsed[draws],
      seed: parsed[seed] ?? BlockSeed.derive(context.seed, label: parsed.label), targetAcceptance: parsed[targetAccept],
      metric: .dense)
    let displayName = parsed.label ?? "bayes@\(parsed.blockLocation.line)"
    // The sampler reports no progress of its own: the bar shows start and end.
    let bar = TerminalProgress("bayes \(displayName)")
    bar.update(done: 0, total: 1, detail: "\(sampler.chains) chains × \(sampler.warmup + sampler.draws) iterations")
    let fit: BayesianMMM.Fit, posterior: BayesianMMMPosterior
    do {
      fit = try BayesianMMM.fit(input, priors: priors, adstock: parsed[adstock].kernel, liftTests: tests, options: sampler)
      posterior = try BayesianMMMPosterior(fit: fit, input: input)
    } catch { throw NotebookError.wrapping(error, at: parsed.blockLocation) }
    bar.update(done: 1, total: 1)
    let record = MMMPosteriorRecord(
      posterior: posterior, diagnostics: BayesianMMMDiagnostics(fit), chains: sampler.chains, warmup: sampler.warmup,
      draws: sampler.draws, seed: sampler.seed, targetAcceptance: sampler.targetAcceptance)
    let report = MMMBayesReport(
      fit: fit, record: record, labels: labels, dataLabel: reference.path, level: parsed[level], liftTests: tests)
    var searchOptions = MMMSearch.Options(seed: sampler.seed)
    searchOptions.ridgeAlpha = posterior.pointModel.ridgeAlpha
    let model = MMMFit(
      model: posterior.pointModel, labels: labels, dataLabel: reference.path, options: searchOptions, evaluations: 0, loss: .nan,
      view: report.value, posterior: record)
    return DirectiveResult(model: model, outputs: report.outputs)
  }
}
