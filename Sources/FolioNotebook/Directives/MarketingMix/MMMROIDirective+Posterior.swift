import FolioData
import FolioModels

/// `{roi}` on a `{bayes}` model: no resampling — the posterior is
/// summarized into the same `MMMBootstrap` (method "posterior"): ROI is the
/// posterior median with its central `level` interval over every kept
/// draw, the coefficient the posterior mean with its interval, and the
/// per-draw coefficients and parameters are the posterior's evenly thinned
/// draws (at most 1000; see `BayesianMMMPosterior`), which `{curves}`,
/// `{plan}` and `{forecast}` evaluate. Resampling options are errors at
/// their line and column: they have no effect on a posterior.
extension MMMROIDirective {
  static let resamplingOptions: [any AnyOptionDeclaration] = [resamples, method, blockLength, refit, budget, seed]

  static func posteriorSummary(
    _ parsed: ParsedOptions, _ record: MMMPosteriorRecord, fitted: MMMFit, reference: BlockReference
  ) throws -> DirectiveResult {
    if let given = resamplingOptions.first(where: { parsed.isPresent($0) }) {
      throw NotebookError(
        parsed.location(of: given),
        "'\(given.name)' has no effect on a Bayesian model: '\(reference.path)' is a {bayes} fit, whose intervals come from its posterior draws; remove '\(given.name)'")
    }
    let level = parsed[Self.level]
    let boot = record.channelBootstraps(level: level)
    let pct = NumberFormat(.percent, digits: 0).format(level)
    let total = record.chains * record.draws
    let note = "Posterior of '\(reference.path)': \(pct) central intervals over all \(total) draws (\(record.chains) chains × \(record.draws)); ROI is the posterior median. Curves, plans and forecasts use \(boot.first?.coefDraws.count ?? 0) of the draws, evenly thinned. Under a log-normal ROI prior every ROI is positive, so read each interval against break-even (1.0) rather than against 0.\(record.diagnostics.converged ? "" : " The sampler's convergence checks failed (see the fit): these intervals are not yet reliable.")"
    return try result(
      boot, labels: fitted.labels, reference: reference, resamples: boot.first?.coefDraws.count ?? 0, level: level,
      method: "posterior", refit: false, seed: record.seed, note: note, intervalName: "posterior")
  }
}
