import FolioData
import FolioModels

/// The ROI prior options of `{bayes}`: `roi_prior` for every channel and
/// `roi_priors` per channel, each a record `{mean: μ, sd: σ}` of log ROI,
/// log ROI ~ N(μ, σ²) (Meridian's parameterization). The prior's median ROI
/// is exp(μ) and its central 90% range exp(μ ± 1.645σ): `{mean: 0.7, sd: 0.5}`
/// says "about 2.0, most likely 0.9–4.5". Default {mean: 0.2, sd: 0.9}
/// (Meridian's default; median 1.22, 90% range 0.28–5.4).
enum MMMBayesPriorOptions {
  static let grammar = OptionKind.record([RecordField("mean", .number(.any)), RecordField("sd", .number(.positive))])

  static let roiPrior = DirectiveOption.structured(
    "roi_prior", kind: grammar,
    "Prior of every channel's log ROI, {mean: μ, sd: σ}: median ROI exp(μ), 90% range exp(μ ± 1.645σ) (default {mean: 0.2, sd: 0.9}, Meridian's)."
  ) { node, name throws(NotebookError) in try decode(node, name) }

  static let roiPriors = DirectiveOption.map(
    "roi_priors", of: DirectiveOption.item(grammar) { node, name throws(NotebookError) in try decode(node, name) },
    "Per-channel log-ROI priors by channel label or key, each {mean: μ, sd: σ} (overrides roi_prior).")

  /// A `{mean, sd}` record; sd must be positive.
  static func decode(_ node: OptionNode, _ name: String) throws(NotebookError) -> BayesianMMMPriors.Normal {
    var mean: Double?, sd: Double?
    for e in try node.entries(name) {
      switch e.key {
      case "mean": mean = try e.value.double("\(name).mean")
      case "sd":
        let v = try e.value.double("\(name).sd")
        guard v > 0, v.isFinite else { throw NotebookError(e.value.location, "\(name).sd: expected a number > 0, found \(v)") }
        sd = v
      default:
        throw NotebookError(e.keyLocation, "\(name): unknown field '\(e.key)'; expected {mean: μ, sd: σ} of log ROI")
      }
    }
    guard let mean, let sd else {
      throw NotebookError(node.location, "\(name): expected {mean: μ, sd: σ} of log ROI, with both fields")
    }
    return BayesianMMMPriors.Normal(mean: mean, sd: sd)
  }

  /// The priors of a block: defaults, then `roi_prior`, then `roi_priors`
  /// by channel label or key (an unknown channel is an error at its key).
  static func priors(_ parsed: ParsedOptions, channels: [String], labels: [String]) throws(NotebookError) -> BayesianMMMPriors {
    var priors = BayesianMMMPriors()
    if let p = parsed[roiPrior] { priors.media = .roi(p) }
    for entry in parsed[roiPriors] ?? [] {
      guard let c = labels.firstIndex(of: entry.key) ?? channels.firstIndex(of: entry.key) else {
        throw NotebookError(
          entry.keyLocation,
          "roi_priors: unknown channel '\(entry.key)'\(MMMText.channelHint(entry.key, labels: labels))")
      }
      priors.mediaByChannel[c] = .roi(entry.value)
    }
    return priors
  }
}
