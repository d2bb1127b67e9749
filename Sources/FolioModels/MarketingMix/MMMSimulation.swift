import Foundation
import FolioStats

/// Simulated weekly marketing data with known truth, for tests, benchmarks
/// and sample notebooks.
///
/// Week t (from 0) of channel c spends base_c·(0.2 + 1.6u)·(1 + 0.3·sin(2πt/52 + φ_c)),
/// u uniform, with base_c spread log-uniformly over [5 000, 60 000] and one
/// week in 6 dark (zero spend). Revenue is
/// 400 000 + 150·t + 20 000·sin(2πt/52) + Σ_c β_c·Hill_c(adstock_c(spend_c)) + ε,
/// ε ~ N(0, noise²). θ_c ∈ [0.1, 0.7], α_c ∈ [1, 2.5], γ_c ∈ [0.3, 1] × the
/// channel's mean adstocked spend, β_c ∈ [40 000, 160 000]. Controls: trend
/// (years since the first week), sin and cos of 2πt/52. Everything is drawn
/// from `SplitMix64(seed:)`: equal seeds, equal data.
public struct MMMSimulation: Sendable {
  /// The simulated data.
  public var input: MMMInput
  /// True transform parameters per channel.
  public var parameters: [ChannelParameters]
  /// True media coefficients β_c.
  public var coefficients: [Double]
  /// True contributions `[channel][week]`.
  public var contributions: [[Double]]

  /// True ROI per channel, Σ contribution / Σ spend.
  public var roi: [Double] {
    contributions.indices.map { c in contributions[c].reduce(0, +) / input.spend[c].reduce(0, +) }
  }

  /// Generates `weeks` weeks of `channels` channels.
  /// - Parameter noise: sd of the revenue noise (currency; default 10 000).
  public static func generate(
    weeks n: Int = 150, channels m: Int = 8, noise: Double = 10_000, seed: UInt64 = 1
  ) throws(MMMError) -> MMMSimulation {
    var rng = SplitMix64(seed: seed)
    var spend: [[Double]] = [], params: [ChannelParameters] = [], beta: [Double] = [], contrib: [[Double]] = []
    for _ in 0..<m {
      let base = 5_000 * pow(12, rng.uniform())
      let phase = 2 * Double.pi * rng.uniform()
      let s = (0..<n).map { t -> Double in
        let u = rng.uniform()
        if rng.index(below: 6) == 0 { return 0 }
        return (base * (0.2 + 1.6 * u) * (1 + 0.3 * sin(2 * Double.pi * Double(t) / 52 + phase))).rounded()
      }
      let theta = 0.1 + 0.6 * rng.uniform()
      let alpha = 1 + 1.5 * rng.uniform()
      let ad = GeometricAdstock(theta: theta).apply(s)
      let gamma = (0.3 + 0.7 * rng.uniform()) * ad.reduce(0, +) / Double(n)
      let b = 40_000 + 120_000 * rng.uniform()
      let p = ChannelParameters(theta: theta, alpha: alpha, gamma: gamma)
      spend.append(s)
      params.append(p)
      beta.append(b)
      contrib.append(ad.map { b * p.saturation.apply($0) })
    }
    let trend = (0..<n).map { Double($0) / 52 }
    let sinW = (0..<n).map { sin(2 * Double.pi * Double($0) / 52) }
    let cosW = (0..<n).map { cos(2 * Double.pi * Double($0) / 52) }
    let revenue = (0..<n).map { t -> Double in
      var y = 400_000 + 150 * Double(t) + 20_000 * sinW[t] + noise * rng.normal()
      for c in 0..<m { y += contrib[c][t] }
      return y
    }
    let firstWeek = 19_723  // 2024-01-01, a Monday
    let input = try MMMInput(
      weekStarts: (0..<n).map { firstWeek + 7 * $0 }, channels: (0..<m).map { "CH\($0 + 1)" },
      spend: spend, revenue: revenue, controlNames: ["trend", "sin52", "cos52"], controls: [trend, sinW, cosW])
    return MMMSimulation(input: input, parameters: params, coefficients: beta, contributions: contrib)
  }
}
