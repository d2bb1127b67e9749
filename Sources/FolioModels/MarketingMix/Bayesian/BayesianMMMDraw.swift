import Foundation

/// One posterior draw of the Bayesian marketing-mix model in the currency
/// units of `MMMModel`, so the rest of the MMM code (response curves,
/// marginal ROI, budget plans, forecasts) can evaluate it with its own
/// transforms.
///
/// Conversion from the density's scaled units (`BayesianMMMDensity`, mean
/// revenue ȳ, mean weekly spend s̄_c, control mean m_j and sd d_j):
/// - geometric adstock: the density saturates Ã = (1 − θ)·A(spend/s̄) with
///   A the un-normalized recursion Aₜ = xₜ + θAₜ₋₁ that `GeometricAdstock`
///   runs; A is linear, so Hill(Ã; κ, α) = Hill(A(spend); γ, α) with
///   γ = κ·s̄/(1 − θ) (currency of adstocked spend);
/// - media coefficient β = ȳ·β̃ (currency per week at Hill = 1), so the
///   weekly contribution is β·Hill(A(spend)) and Σ contribution / Σ spend is
///   the draw's ROI;
/// - control coefficient ȳ·δ_j/d_j per unit of the raw control;
/// - intercept (ŷ with no media and every control at 0):
///   ȳ·(b − Σ_c β̃_c·h̄_c) − Σ_j ȳ·δ_j·m_j/d_j, since media enter the density
///   centred on their mean h̄_c.
///
/// - Weibull adstock: the density saturates Ã = Σₗ wₗ·spendₜ₋ₗ/s̄ with the
///   normalized kernel of `WeibullLagKernel`, which `WeibullPDFAdstock`
///   (`AdstockKind.weibullPDF`) runs on spend itself; so Hill(Ã; κ, α) =
///   Hill(Σₗ wₗ·spendₜ₋ₗ; γ, α) with γ = κ·s̄, shape k and scale λ as
///   sampled (θ is 0). Only the 13-week window of `MMMTransform` converts
///   (`BayesianMMMAdstock.modelAdstock()`).
public struct BayesianMMMDraw: Sendable, Equatable {
  /// ŷ with zero media and every control at 0 (currency per week).
  public var intercept: Double
  /// Coefficient of each raw control (currency per control unit).
  public var controlCoefficients: [Double]
  /// Per channel θ (or Weibull shape k and scale λ), α and γ (currency of
  /// adstocked spend as `MMMTransform` computes it).
  public var parameters: [ChannelParameters]
  /// Per channel β: weekly revenue at full saturation (currency).
  public var coefficients: [Double]
  /// Per channel ROI = Σ contribution / Σ spend over the data.
  public var roi: [Double]

  public init(
    intercept: Double, controlCoefficients: [Double], parameters: [ChannelParameters], coefficients: [Double],
    roi: [Double]
  ) {
    self.intercept = intercept
    self.controlCoefficients = controlCoefficients
    self.parameters = parameters
    self.coefficients = coefficients
    self.roi = roi
  }
}

extension BayesianMMMDensity {
  /// The draw at the unconstrained point `q` in currency units (see
  /// `BayesianMMMDraw`). `input` must be the data the density was built on
  /// (it supplies the raw controls' means and sds).
  /// - Throws: `MMMError.invalidOption` under a Weibull window other than
  ///   `MMMTransform.weibullWindow` weeks.
  public func currencyDraw(at q: ArraySlice<Double>, input: MMMInput) throws(MMMError) -> BayesianMMMDraw {
    _ = try adstock.modelAdstock()
    let point = Array(q), n = Double(y.count), ybar = revenueScale
    let base = baseline(point)
    var intercept = ybar * base.intercept
    var parameters: [ChannelParameters] = [], coefficients: [Double] = [], roi: [Double] = []
    for c in x.indices {
      let s = channelState(c, at: point)
      intercept -= ybar * s.beta * s.sumH / n
      if case .weibull = adstock {
        parameters.append(ChannelParameters(
          theta: 0, alpha: s.alpha, gamma: s.kappa * spendScale[c], shape: exp(point[layout.weibullLogShape(c)]),
          scale: exp(point[layout.weibullLogScale(c)])))
      } else {
        parameters.append(ChannelParameters(theta: s.theta, alpha: s.alpha, gamma: s.kappa * spendScale[c] / (1 - s.theta)))
      }
      coefficients.append(ybar * s.beta)
      roi.append(s.roiParameterized ? exp(point[layout.logMediaEffect(c)]) : s.beta * s.sumH / roiToContribution[c])
    }
    var controls: [Double] = []
    for (j, series) in input.controls.enumerated() {
      let m = series.reduce(0, +) / n
      let sd = (series.reduce(0) { $0 + ($1 - m) * ($1 - m) } / max(1, n - 1)).squareRoot()
      let coefficient = ybar * base.controls[j] / sd
      controls.append(coefficient)
      intercept -= coefficient * m
    }
    return BayesianMMMDraw(
      intercept: intercept, controlCoefficients: controls, parameters: parameters, coefficients: coefficients, roi: roi)
  }
}
