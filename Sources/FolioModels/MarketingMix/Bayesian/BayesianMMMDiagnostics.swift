import FolioStats
import Foundation

/// The convergence checks of a Bayesian MMM fit, with a verdict and
/// plain-language reasons when a check fails.
///
/// Thresholds are the field's (Vehtari et al. 2021 for R-hat and ESS, Stan
/// for divergences and E-BFMI):
/// - rank-normalized split R-hat ≤ 1.01 for every coordinate and ROI;
/// - bulk and tail ESS ≥ 400 (100 per chain for 4 chains);
/// - no divergent transitions after warm-up;
/// - E-BFMI ≥ 0.3 in every chain.
/// The share of transitions that hit the maximum tree depth is reported but
/// is an efficiency warning, not a failure: such draws are still valid.
public struct BayesianMMMDiagnostics: Sendable, Equatable {
  public static let maxRHatAllowed = 1.01
  public static let minESSAllowed = 400.0
  public static let minEBFMIAllowed = 0.3

  /// Divergent transitions after warm-up, over all chains.
  public var divergences: Int
  /// Largest R-hat over every coordinate and every channel's ROI.
  public var maxRHat: Double
  /// Smallest bulk and tail ESS over every coordinate.
  public var minBulkESS: Double, minTailESS: Double
  /// Smallest per-chain E-BFMI (NaN when a chain has too few draws).
  public var minEBFMI: Double
  /// Share of kept transitions that reached the maximum tree depth.
  public var treeDepthShare: Double
  /// Chains and kept draws per chain.
  public var chains: Int, drawsPerChain: Int

  /// Diagnostics from their values (as stored by a cache).
  public init(
    divergences: Int, maxRHat: Double, minBulkESS: Double, minTailESS: Double, minEBFMI: Double,
    treeDepthShare: Double, chains: Int, drawsPerChain: Int
  ) {
    self.divergences = divergences
    self.maxRHat = maxRHat
    self.minBulkESS = minBulkESS
    self.minTailESS = minTailESS
    self.minEBFMI = minEBFMI
    self.treeDepthShare = treeDepthShare
    self.chains = chains
    self.drawsPerChain = drawsPerChain
  }

  /// The checks of `fit`.
  public init(_ fit: BayesianMMM.Fit) {
    let draws = fit.draws
    var minTail = Double.infinity
    for j in 0..<draws.dimension { minTail = min(minTail, ConvergenceDiagnostics.tailESS(draws.values(j))) }
    let transitions = draws.chains.reduce(0) { $0 + $1.count }
    divergences = draws.divergences
    maxRHat = fit.maxRHat
    minBulkESS = fit.minBulkESS
    minTailESS = minTail
    minEBFMI = draws.energyBFMI.reduce(Double.infinity) { $1.isNaN ? $0 : min($0, $1) }
    treeDepthShare = transitions > 0 ? Double(draws.treeDepthSaturations) / Double(transitions) : 0
    chains = draws.chains.count
    drawsPerChain = draws.chains.first?.count ?? 0
  }

  /// Why the fit should not be trusted, one sentence per failed check with
  /// what to do; empty when every check passes.
  public var problems: [String] {
    var out: [String] = []
    if !(maxRHat <= Self.maxRHatAllowed) {
      out.append("R-hat reaches \(Self.format(maxRHat, 3)) (above 1.01): the chains disagree, so they have not all found the same posterior; run more warm-up and draws, or check the priors.")
    }
    let ess = min(minBulkESS, minTailESS)
    if !(ess >= Self.minESSAllowed) {
      out.append("The effective sample size falls to \(Self.format(ess, 0)) (below 400): intervals rest on too few independent draws; run more draws or more chains.")
    }
    if divergences > 0 {
      out.append("\(divergences) divergent transition\(divergences == 1 ? "" : "s"): the sampler missed part of the posterior, so estimates may be biased; raise target_accept (e.g. 0.95) or tighten the priors.")
    }
    if minEBFMI.isFinite, minEBFMI < Self.minEBFMIAllowed {
      out.append("E-BFMI is \(Self.format(minEBFMI, 2)) (below 0.3): the sampler explores the posterior's tails poorly; run longer warm-up or reparameterize the priors.")
    }
    return out
  }

  /// True when every check passes.
  public var converged: Bool { problems.isEmpty }

  static func format(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
    return String(format: "%.\(digits)f", x)
  }
}
