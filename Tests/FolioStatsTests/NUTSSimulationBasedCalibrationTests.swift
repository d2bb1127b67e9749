import FolioStats
import XCTest

/// Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari &
/// Gelman 2018) of NUTS on y₁…y₈ ~ N(μ, σ) with μ ~ N(0, 1), log σ ~ N(0, 0.5²).
///
/// Each of 200 replications draws (μ, log σ) from the prior, simulates data,
/// runs one chain (200 warm-up, 396 draws thinned by 4 → L = 99) and records
/// the rank of the true value among the 99 draws (0…99). A calibrated
/// sampler makes the rank uniform; 10 bins of 10 ranks are tested with
/// Pearson's χ² (9 degrees of freedom) and must not reject at p = 0.001.
final class NUTSSimulationBasedCalibrationTests: XCTestCase {
  struct NormalModel: DifferentiableLogDensity {
    let y: [Double]
    var dimension: Int { 2 }
    func logDensity(at q: [Double], gradient g: inout [Double]) -> Double {
      let mu = q[0], logSigma = q[1]
      let precision = exp(-2 * logSigma)
      var ss = 0.0, s = 0.0
      for v in y {
        ss += (v - mu) * (v - mu)
        s += v - mu
      }
      let n = Double(y.count)
      g[0] = -mu + s * precision
      g[1] = -logSigma / 0.25 - n + ss * precision
      return -0.5 * mu * mu - 0.5 * logSigma * logSigma / 0.25 - n * logSigma - 0.5 * ss * precision
    }
  }

  func testRankHistogramsOfMeanAndLogSdAreUniform() throws {
    let replications = 200, thin = 4, kept = 99, bins = 10
    var histograms = [[Int]](repeating: [Int](repeating: 0, count: bins), count: 2)
    var rng = SplitMix64(seed: 2018)
    var divergences = 0
    for r in 0..<replications {
      let truth = [rng.normal(), 0.5 * rng.normal()]
      let y = (0..<8).map { _ in truth[0] + exp(truth[1]) * rng.normal() }
      let draws = try NUTSSampler.sample(
        NormalModel(y: y),
        options: .init(chains: 1, warmup: 200, draws: kept * thin, seed: UInt64(r), threads: 1))
      divergences += draws.divergences
      for k in 0..<2 {
        let values = draws.chains[0].values(k)
        let thinned = stride(from: thin - 1, to: values.count, by: thin).map { values[$0] }
        let rank = thinned.filter { $0 < truth[k] }.count
        histograms[k][rank * bins / (kept + 1)] += 1
      }
    }
    let expected = Double(replications) / Double(bins)
    for k in 0..<2 {
      let chi2 = histograms[k].reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
      let p = ChiSquaredDistribution(degreesOfFreedom: Double(bins - 1)).sf(chi2)
      XCTAssertGreaterThan(p, 0.001, "parameter \(k): ranks \(histograms[k]), χ² \(chi2)")
    }
    XCTAssertLessThan(divergences, replications, "divergences \(divergences)")
  }
}
