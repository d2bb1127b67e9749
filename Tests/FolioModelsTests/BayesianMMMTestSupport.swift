import FolioStats
import XCTest

@testable import FolioModels

/// Checks the analytic gradient of a log density against a five-point
/// central difference at `q`. Error of the difference: O(h⁴ f⁽⁵⁾) +
/// O(ε|f|/h); with h = 1e-3 both stay well below the 1e-6 bar, which is
/// relative to max(|g|, 1).
func assertGradientMatchesCentralDifferences(
  _ d: some DifferentiableLogDensity, at q: [Double], tolerance: Double = 1e-6, file: StaticString = #filePath,
  line: UInt = #line
) {
  var g = [Double](repeating: 0, count: d.dimension), scratch = g
  _ = d.logDensity(at: q, gradient: &g)
  func f(_ i: Int, _ step: Double) -> Double {
    var p = q
    p[i] += step
    return d.logDensity(at: p, gradient: &scratch)
  }
  for i in 0..<d.dimension {
    let h = 1e-3 * max(1, abs(q[i]))
    let fd = (8 * (f(i, h) - f(i, -h)) - (f(i, 2 * h) - f(i, -2 * h))) / (12 * h)
    XCTAssertLessThan(
      abs(fd - g[i]) / max(abs(g[i]), 1), tolerance, "coordinate \(i): \(g[i]) vs \(fd)", file: file, line: line)
  }
}

/// A small marketing-mix simulator with Weibull-kernel adstock (the
/// `WeibullLagKernel` definition, written out here from its formula), Hill
/// saturation and a constant baseline; its true ROI per channel is set by
/// construction (contribution scaled so Σ contribution / Σ spend = ROI).
struct WeibullMMMSimulation {
  struct Channel {
    var meanSpend: Double, shape: Double, scale: Double, kappa: Double, alpha: Double, roi: Double
  }
  var input: MMMInput
  /// Contribution per channel and week (currency).
  var contributions: [[Double]]
  /// The truth and lag window it was made with.
  var channels: [Channel], maxLag: Int

  /// True incremental revenue of channel c over weeks f … ℓ: contribution
  /// over those weeks minus the contribution with its spend zeroed there
  /// (same coefficient and spend scale), straight from the formulas.
  func trueLift(channel c: Int, firstWeek f: Int, lastWeek l: Int) -> Double {
    let spend = input.spend[c], mean = spend.reduce(0, +) / Double(spend.count)
    let off = spend.indices.map { $0 >= f && $0 <= l ? 0 : spend[$0] }
    let h = Self.saturated(spend, channels[c], maxLag: maxLag, mean: mean)
    let h0 = Self.saturated(off, channels[c], maxLag: maxLag, mean: mean)
    let beta = contributions[c][0...].reduce(0, +) / h.reduce(0, +)
    return (f...l).reduce(0) { $0 + beta * (h[$1] - h0[$1]) }
  }

  /// The lag weights from the kernel's formula: Weibull pdf at (l+1)/L, normalized.
  static func weights(shape k: Double, scale lambda: Double, maxLag: Int) -> [Double] {
    let raw = (0..<maxLag).map { l -> Double in
      let t = Double(l + 1) / Double(maxLag)
      return (k / lambda) * pow(t / lambda, k - 1) * exp(-pow(t / lambda, k))
    }
    let total = raw.reduce(0, +)
    return raw.map { $0 / total }
  }

  /// Hill-saturated Weibull adstock of `spend` (currency), κ in multiples
  /// of `mean` (default: the mean of `spend`).
  static func saturated(_ spend: [Double], _ ch: Channel, maxLag: Int, mean: Double? = nil) -> [Double] {
    let w = weights(shape: ch.shape, scale: ch.scale, maxLag: maxLag)
    let mean = mean ?? spend.reduce(0, +) / Double(spend.count)
    return spend.indices.map { t in
      var a = 0.0
      for l in 0..<min(maxLag, t + 1) { a += w[l] * spend[t - l] / mean }
      return a > 0 ? 1 / (1 + pow(ch.kappa / a, ch.alpha)) : 0
    }
  }

  /// Spend: mean × LogNormal(0, 0.6²) per week, with `correlation` shared
  /// log-spend factor between channels (0 independent, near 1 collinear).
  static func generate(
    weeks n: Int, channels: [Channel], baseline: Double, noise: Double, maxLag: Int, seed: UInt64,
    correlation: Double = 0
  ) throws -> WeibullMMMSimulation {
    var rng = SplitMix64(seed: seed)
    let common = (0..<n).map { _ in rng.normal() }
    var spend: [[Double]] = []
    for ch in channels {
      let r = correlation.squareRoot(), s = (1 - correlation).squareRoot()
      spend.append((0..<n).map { t in ch.meanSpend * exp(0.6 * (r * common[t] + s * rng.normal()) - 0.18) })
    }
    var contributions: [[Double]] = []
    for (c, ch) in channels.enumerated() {
      let h = saturated(spend[c], ch, maxLag: maxLag)
      let beta = ch.roi * spend[c].reduce(0, +) / h.reduce(0, +)
      contributions.append(h.map { beta * $0 })
    }
    let revenue = (0..<n).map { t in
      baseline + contributions.reduce(0) { $0 + $1[t] } + noise * rng.normal()
    }
    let input = try MMMInput(
      weekStarts: Array(0..<n), channels: channels.indices.map { "C\($0)" }, spend: spend, revenue: revenue)
    return WeibullMMMSimulation(input: input, contributions: contributions, channels: channels, maxLag: maxLag)
  }
}
