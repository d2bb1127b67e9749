import Foundation

/// Weibull-density adstock: the lag kernel of the Bayesian model
/// (`WeibullLagKernel`), as a transform the rest of the MMM code runs.
///
/// With L = `maxLag` weeks, the weights w₀…w_{L−1} are the Weibull density
/// of shape k and scale λ (λ in units of the window) taken at lags
/// tₗ = (l + 1)/L and normalized to sum to one (see `WeibullLagKernel`, whose
/// code computes them); x′[t] = Σₗ₌₀^{min(t, L−1)} wₗ·x[t−l]. Because
/// Σ wₗ = 1, a constant weekly spend s settles at s itself
/// (`steadyStateMultiplier` = 1, up to rounding): the kernel only moves
/// spend in time, and a half-saturation γ is in units of weekly spend.
/// Unlike `WeibullAdstock` (Robyn's CDF form, w₀ = 1) the effect of a week's
/// spend can peak later than the week itself (k > 1).
public struct WeibullPDFAdstock: Sendable, Equatable {
  /// Weibull shape k > 0.
  public var shape: Double
  /// Weibull scale λ > 0, in units of the window (λ = 0.5: half of `maxLag`).
  public var scale: Double
  /// Window length L in weeks (≥ 1).
  public var maxLag: Int

  public init(shape: Double, scale: Double, maxLag: Int = 13) {
    self.shape = shape
    self.scale = scale
    self.maxLag = maxLag
  }

  /// The normalized lag weights w₀…w_{L−1} (sum 1).
  public var weights: [Double] {
    WeibullLagKernel(logShape: log(shape), logScale: log(scale), maxLag: maxLag).weights
  }

  /// The adstocked series, same length as `x` (empty in → empty out).
  public func apply(_ x: [Double]) -> [Double] { lagConvolution(x, weights: weights) }

  /// Σ wₗ: the steady-state level of a constant unit spend (1 up to
  /// rounding, by the normalization).
  public var steadyStateMultiplier: Double { weights.reduce(0, +) }
}
