import FolioStats
import Foundation

/// The binomial family on proportions y ∈ [0, 1]: V(μ) = μ(1 − μ),
/// d = 2(y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))), φ = 1.
///
/// For 0/1 data the trials n are 1. With successes s out of n trials the
/// fitter passes y = s/n and multiplies the variance weight by n, exactly as
/// statsmodels does with a two-column endog; the log-likelihood is then the
/// full binomial one including log C(n, s). Default link logit; statsmodels
/// allows probit, cloglog, log and identity as well.
public struct BinomialFamily: Family {
  public var link: any Link
  public init(link: (any Link)? = nil) { self.link = link ?? LogitLink() }
  public var name: String { "binomial" }
  public var allowedLinkNames: [String] { ["logit", "probit", "cloglog", "log", "identity"] }
  public var estimatesScale: Bool { false }
  public func variance(_ mu: Double) -> Double { mu * (1 - mu) }
  public func varianceDerivative(_ mu: Double) -> Double { 1 - 2 * mu }
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double {
    2 * (xLogXOverMu(y, mu) + xLogXOverMu(1 - y, 1 - mu))
  }
  /// w (log C(n, ny) + ny log(μ/(1 − μ)) + n log(1 − μ)).
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials n: Double) -> Double {
    let s = y * n
    let comb = n == 1 ? 0 : logGamma(n + 1) - logGamma(s + 1) - logGamma(n - s + 1)
    let a = s == 0 ? 0 : s * log(mu / (1 - mu))
    let b = n * log1p(-mu)
    return w * (comb + a + b)
  }
  public func isInSupport(_ y: Double) -> Bool { y >= 0 && y <= 1 }
  public var supportDescription: String { "0 ≤ y ≤ 1 (or 0 ≤ successes ≤ trials)" }
  /// statsmodels' (y + ½) / 2.
  public func startingMu(_ y: Double, mean: Double) -> Double { (y + 0.5) / 2 }
  public func isValidMean(_ mu: Double) -> Bool { mu > 0 && mu < 1 }
}
