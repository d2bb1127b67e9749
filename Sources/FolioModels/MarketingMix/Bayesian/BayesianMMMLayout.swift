/// Positions of the Bayesian MMM's parameters in the unconstrained vector:
/// `[b, δ₁…δ_J, log σ, (logit θ, log κ, log α, log effect) per channel]`,
/// the first three kinds shifted and scaled by data constants
/// (`BayesianMMMDensity.baseline(_:)`).
public struct BayesianMMMLayout: Sendable, Equatable {
  /// Media channels.
  public let channels: Int
  /// Control series.
  public let controls: Int

  public init(channels: Int, controls: Int) {
    self.channels = channels
    self.controls = controls
  }

  /// Total number of coordinates, 2 + J + 4C.
  public var dimension: Int { 2 + controls + 4 * channels }
  /// Intercept b (mean fitted revenue level, share of mean revenue).
  public var intercept: Int { 0 }
  /// Coefficient of standardized control j.
  public func control(_ j: Int) -> Int { 1 + j }
  /// log σ, the scaled noise sd.
  public var logNoise: Int { 1 + controls }
  /// logit θ of channel c's geometric adstock.
  public func adstockLogit(_ c: Int) -> Int { 2 + controls + 4 * c }
  /// log κ, channel c's half-saturation (multiples of mean normalized adstock).
  public func logHalfSaturation(_ c: Int) -> Int { 3 + controls + 4 * c }
  /// log α, channel c's Hill shape.
  public func logHillShape(_ c: Int) -> Int { 4 + controls + 4 * c }
  /// log ROI (ROI parameterization) or log β̃ (coefficient) of channel c.
  public func logMediaEffect(_ c: Int) -> Int { 5 + controls + 4 * c }
}
