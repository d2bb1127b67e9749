import FolioStats
import Foundation

/// The Tweedie family with variance power p: V(μ) = μ^p, φ estimated.
/// Default link log; statsmodels also allows the power links and identity.
///
/// Log-likelihood as statsmodels 0.15 with `eql=False`: p = 1 is poisson,
/// p = 2 is gamma, 1 < p < 2 is the exact compound-Poisson density by the
/// Dunn–Smyth series (scipy's `log_wright_bessel(−α, 0, x)`), and any other p
/// is NaN (statsmodels returns NaN there too), so llf, aic and bic are NaN.
public struct TweedieFamily: Family {
  public var link: any Link
  /// The variance power p (0, or ≥ 1).
  public let varPower: Double
  public init(varPower: Double = 1, link: (any Link)? = nil) {
    self.varPower = varPower
    self.link = link ?? LogLink()
  }
  public var name: String { "tweedie" }
  public var allowedLinkNames: [String] { ["log", "identity", "sqrt", "inverse_power", "inverse_squared"] }
  public var estimatesScale: Bool { true }
  public func variance(_ mu: Double) -> Double { pow(mu, varPower) }
  public func varianceDerivative(_ mu: Double) -> Double { varPower * pow(mu, varPower - 1) }

  public func unitDeviance(_ y: Double, _ mu: Double) -> Double {
    let p = varPower
    if p == 1 { return 2 * (xLogXOverMu(y, mu) - (y - mu)) }
    if p == 2 { return 2 * (-log(y / mu) + (y - mu) / mu) }
    let a = y == 0 ? 0 : pow(y, 2 - p) / ((1 - p) * (2 - p))
    return 2 * (a - y * pow(mu, 1 - p) / (1 - p) + pow(mu, 2 - p) / (2 - p))
  }

  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    let p = varPower
    if p == 1 { return PoissonFamily().logLikelihood(y, mu, varWeight: w, scale: scale, trials: 1) }
    if p == 2 { return GammaFamily().logLikelihood(y, mu, varWeight: w, scale: scale, trials: 1) }
    guard p > 1, p < 2 else { return .nan }
    let phi = scale / w
    let theta = pow(mu, 1 - p) / (1 - p)
    let kappa = pow(mu, 2 - p) / (2 - p)
    let alpha = (2 - p) / (1 - p)
    var ll = (y * theta - kappa) / phi
    if y > 0 {
      let x = pow((p - 1) * phi / y, alpha) / ((2 - p) * phi)
      ll += -log(y) + Self.logWrightBessel(a: -alpha, x: x)
    }
    return ll
  }

  /// log W(a, 0, x) = log Σ_{k≥1} x^k / (k! Γ(a k)) for a > 0, x > 0, summed
  /// in log space from the largest term outwards until terms fall below
  /// 1e-17 of the total.
  static func logWrightBessel(a: Double, x: Double) -> Double {
    let lx = log(x)
    func term(_ k: Double) -> Double { k * lx - logGamma(k + 1) - logGamma(a * k) }
    // The largest term sits near the maximum of the smooth log-term; scan to find it.
    var kMax = 1.0
    var best = term(1)
    var k = 2.0
    while k < 1e7 {
      let t = term(k)
      if t > best {
        best = t
        kMax = k
      } else if t < best - 50 { break }
      k = k < 64 ? k + 1 : (k * 1.05).rounded(.up)
    }
    // Refine the peak by a local integer scan.
    var lo = max(1, kMax - max(64, kMax * 0.06)), hi = kMax + max(64, kMax * 0.06)
    lo.round(.down)
    hi.round(.up)
    var peak = best, peakK = kMax
    var j = lo
    while j <= hi {
      let t = term(j)
      if t > peak { peak = t; peakK = j }
      j += 1
    }
    var sum = 1.0
    j = peakK + 1
    while true {
      let r = exp(term(j) - peak)
      sum += r
      if r < 1e-17 * sum { break }
      j += 1
    }
    j = peakK - 1
    while j >= 1 {
      let r = exp(term(j) - peak)
      sum += r
      if r < 1e-17 * sum { break }
      j -= 1
    }
    return peak + log(sum)
  }

  public func isInSupport(_ y: Double) -> Bool {
    guard y.isFinite else { return false }
    if varPower == 0 { return true }
    return varPower < 2 ? y >= 0 : y > 0
  }
  public var supportDescription: String {
    varPower == 0 ? "a finite number" : varPower < 2 ? "y ≥ 0" : "y > 0"
  }
}
