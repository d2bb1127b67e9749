/// Positions of the Bayesian MMM's parameters in the unconstrained vector:
/// `[b, δ₁…δ_J, log σ, (adstock…, log κ, log α, log effect) per channel]`,
/// the first three kinds shifted and scaled by data constants
/// (`BayesianMMMDensity.baseline(_:)`). The adstock coordinates are logit θ
/// (geometric) or log k, log λ (Weibull), so a channel's block has
/// `channelStride` = 3 + (1 or 2) coordinates.
public struct BayesianMMMLayout: Sendable, Equatable {
  /// Media channels.
  public let channels: Int
  /// Control series.
  public let controls: Int
  /// Adstock coordinates per channel (1 geometric, 2 Weibull).
  public let adstockParameters: Int

  public init(channels: Int, controls: Int, adstockParameters: Int = 1) {
    self.channels = channels
    self.controls = controls
    self.adstockParameters = adstockParameters
  }

  /// Coordinates per channel: adstock ones, log κ, log α, log effect.
  public var channelStride: Int { adstockParameters + 3 }
  /// Shape coordinates per channel (adstock ones, log κ, log α): those the
  /// saturated media depend on.
  public var shapeParameters: Int { adstockParameters + 2 }
  /// Total number of coordinates, 2 + J + stride · C.
  public var dimension: Int { 2 + controls + channelStride * channels }
  /// Intercept b (mean fitted revenue level, share of mean revenue).
  public var intercept: Int { 0 }
  /// Coefficient of standardized control j.
  public func control(_ j: Int) -> Int { 1 + j }
  /// log σ, the scaled noise sd.
  public var logNoise: Int { 1 + controls }
  /// Channel c's k-th shape coordinate (k < `shapeParameters`).
  public func shape(_ c: Int, _ k: Int) -> Int { 2 + controls + channelStride * c + k }
  /// logit θ of channel c's geometric adstock.
  public func adstockLogit(_ c: Int) -> Int { shape(c, 0) }
  /// log k, channel c's Weibull shape.
  public func weibullLogShape(_ c: Int) -> Int { shape(c, 0) }
  /// log λ, channel c's Weibull scale (in units of the lag window).
  public func weibullLogScale(_ c: Int) -> Int { shape(c, 1) }
  /// log κ, channel c's half-saturation (multiples of mean normalized adstock).
  public func logHalfSaturation(_ c: Int) -> Int { shape(c, adstockParameters) }
  /// log α, channel c's Hill shape.
  public func logHillShape(_ c: Int) -> Int { shape(c, adstockParameters + 1) }
  /// log ROI (ROI parameterization) or log β̃ (coefficient) of channel c.
  public func logMediaEffect(_ c: Int) -> Int { shape(c, adstockParameters + 2) }
}
