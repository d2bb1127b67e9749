import Foundation

extension BayesianMMMDensity {
  /// Channel c's parameters on their natural scale at the unconstrained
  /// point `q`: adstock decay θ, half-saturation κ (in multiples of the mean
  /// normalized adstocked spend, i.e. of mean spend) and in currency, Hill
  /// shape α, and ROI = Σ contribution / Σ spend over the data.
  public func channelQuantities(_ c: Int, at q: ArraySlice<Double>) -> (
    theta: Double, kappa: Double, halfSaturation: Double, alpha: Double, roi: Double
  ) {
    let point = Array(q)
    let s = channelState(c, at: point)
    let roi: Double
    if s.roiParameterized {
      roi = exp(point[layout.logMediaEffect(c)])
    } else {
      roi = s.beta * s.sumH / roiToContribution[c]
    }
    return (s.theta, s.kappa, s.kappa * spendScale[c], s.alpha, roi)
  }

  /// The unconstrained point of given natural-scale values (for starting
  /// points and tests): per channel (θ, κ, α, ROI or β̃), intercept, controls, σ.
  public func unconstrained(
    intercept: Double, controls: [Double], noise: Double,
    channels: [(theta: Double, kappa: Double, alpha: Double, effect: Double)]
  ) -> [Double] {
    var q = [Double](repeating: 0, count: dimension)
    q[layout.intercept] = (intercept - 1) / baselineScale
    for (j, v) in controls.enumerated() { q[layout.control(j)] = v / baselineScale }
    q[layout.logNoise] = (log(noise) - noiseCentre) / Self.noiseScale
    for (c, p) in channels.enumerated() {
      q[layout.adstockLogit(c)] = log(p.theta / (1 - p.theta))
      q[layout.logHalfSaturation(c)] = log(p.kappa)
      q[layout.logHillShape(c)] = log(p.alpha)
      q[layout.logMediaEffect(c)] = log(p.effect)
    }
    return q
  }
}
