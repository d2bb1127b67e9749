import FolioStats
import Foundation

/// How much the data moved each channel's prior: posterior sd against prior
/// sd of log ROI and of log half-saturation, with the prior's and the
/// posterior's central 90% ROI intervals for a side-by-side chart.
///
/// A channel is flagged "the data barely inform it" when the sd ratio of
/// log ROI exceeds `uninformedRatio` = 0.7: the posterior variance is then
/// still more than half (0.7² = 0.49) of the prior's, a posterior
/// contraction 1 − σ²_post/σ²_prior below ½ (Betancourt's contraction, the
/// quantity Meridian's prior-vs-posterior plots show by eye). Such a
/// channel's ROI interval mostly restates the prior: change the prior and
/// the answer changes with it. Half-saturation is reported, not flagged:
/// it is often weakly identified when spend varies little, which matters
/// for the curve's shape far from current spend but not for the ROI.
public struct BayesianMMMPriorComparison: Sendable, Equatable {
  /// Above this sd ratio of log ROI a channel is called uninformed.
  public static let uninformedRatio = 0.7

  /// Prior sd of log ROI (nil when the channel uses the coefficient
  /// prior, which sets no ROI prior).
  public var priorLogROISD: Double?
  /// Posterior sd of log ROI.
  public var posteriorLogROISD: Double
  /// Prior's central 90% ROI interval exp(μ ± 1.645σ) (nil without an ROI prior).
  public var priorROIInterval: (low: Double, high: Double)?
  /// Posterior central 90% ROI interval.
  public var posteriorROIInterval: (low: Double, high: Double)
  /// Prior and posterior sd of log half-saturation.
  public var priorLogHalfSaturationSD: Double, posteriorLogHalfSaturationSD: Double

  /// posterior sd / prior sd of log ROI (nil without an ROI prior).
  public var roiRatio: Double? { priorLogROISD.map { posteriorLogROISD / $0 } }
  /// posterior sd / prior sd of log half-saturation.
  public var halfSaturationRatio: Double { posteriorLogHalfSaturationSD / priorLogHalfSaturationSD }
  /// The data barely inform the channel's ROI (ratio > 0.7).
  public var isUninformed: Bool { (roiRatio ?? 0) > Self.uninformedRatio }

  public static func == (a: Self, b: Self) -> Bool {
    a.priorLogROISD == b.priorLogROISD && a.posteriorLogROISD == b.posteriorLogROISD
      && a.priorROIInterval?.low == b.priorROIInterval?.low && a.priorROIInterval?.high == b.priorROIInterval?.high
      && a.posteriorROIInterval == b.posteriorROIInterval
      && a.priorLogHalfSaturationSD == b.priorLogHalfSaturationSD
      && a.posteriorLogHalfSaturationSD == b.posteriorLogHalfSaturationSD
  }

  /// One comparison per channel of `fit`, over all kept draws.
  public static func compare(_ fit: BayesianMMM.Fit) -> [BayesianMMMPriorComparison] {
    let density = fit.density, layout = density.layout, priors = density.priors
    return (0..<layout.channels).map { c in
      let logROI = fit.draws.map { log(density.channelQuantities(c, at: $0).roi) }.flatMap { $0 }
      let roi = logROI.map { exp($0) }
      let logKappa = fit.draws.values(layout.logHalfSaturation(c)).flatMap { $0 }
      var priorSD: Double? = nil, priorInterval: (low: Double, high: Double)? = nil
      if case .roi(let p) = priors.media(channel: c) {
        priorSD = p.sd
        priorInterval = (exp(p.mean - 1.6448536269514722 * p.sd), exp(p.mean + 1.6448536269514722 * p.sd))
      }
      return BayesianMMMPriorComparison(
        priorLogROISD: priorSD, posteriorLogROISD: BayesianMMMPosterior.sd(logROI), priorROIInterval: priorInterval,
        posteriorROIInterval: (ConvergenceDiagnostics.quantile(roi, 0.05), ConvergenceDiagnostics.quantile(roi, 0.95)),
        priorLogHalfSaturationSD: priors.logHalfSaturation.sd,
        posteriorLogHalfSaturationSD: BayesianMMMPosterior.sd(logKappa))
    }
  }
}
