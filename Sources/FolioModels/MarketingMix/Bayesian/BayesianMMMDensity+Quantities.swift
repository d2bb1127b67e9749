import Foundation

extension BayesianMMMDensity {
  /// Channel c's parameters on their natural scale at the unconstrained
  /// point `q`: adstock carry-over θ (geometric decay, or for Weibull the
  /// share 1 − w₀ of a week's effect felt in later weeks, which equals θ for
  /// the normalized geometric kernel), Weibull shape k and scale λ (nil for
  /// geometric), half-saturation κ (in multiples of the mean
  /// normalized adstocked spend, i.e. of mean spend) and in currency, Hill
  /// shape α, and ROI = Σ contribution / Σ spend over the data.
  public func channelQuantities(_ c: Int, at q: ArraySlice<Double>) -> (
    theta: Double, weibull: (shape: Double, scale: Double)?, kappa: Double, halfSaturation: Double, alpha: Double,
    roi: Double
  ) {
    let point = Array(q)
    let s = channelState(c, at: point)
    let roi: Double
    if s.roiParameterized {
      roi = exp(point[layout.logMediaEffect(c)])
    } else {
      roi = s.beta * s.sumH / roiToContribution[c]
    }
    var weibull: (shape: Double, scale: Double)? = nil
    if case .weibull = adstock {
      weibull = (exp(point[layout.weibullLogShape(c)]), exp(point[layout.weibullLogScale(c)]))
    }
    return (s.theta, weibull, s.kappa, s.kappa * spendScale[c], s.alpha, roi)
  }

  /// The unconstrained point of given natural-scale values (for starting
  /// points and tests): per channel (θ, κ, α, ROI or β̃), intercept, controls, σ.
  /// Under Weibull adstock θ is ignored and log k, log λ are left at 0
  /// (set them with `layout.weibullLogShape(c)` / `weibullLogScale(c)`).
  public func unconstrained(
    intercept: Double, controls: [Double], noise: Double,
    channels: [(theta: Double, kappa: Double, alpha: Double, effect: Double)]
  ) -> [Double] {
    var q = [Double](repeating: 0, count: dimension)
    q[layout.intercept] = (intercept - 1) / baselineScale
    for (j, v) in controls.enumerated() { q[layout.control(j)] = v / baselineScale }
    q[layout.logNoise] = (log(noise) - noiseCentre) / Self.noiseScale
    for (c, p) in channels.enumerated() {
      if layout.adstockParameters == 1 { q[layout.adstockLogit(c)] = log(p.theta / (1 - p.theta)) }
      q[layout.logHalfSaturation(c)] = log(p.kappa)
      q[layout.logHillShape(c)] = log(p.alpha)
      q[layout.logMediaEffect(c)] = log(p.effect)
    }
    return q
  }
}
