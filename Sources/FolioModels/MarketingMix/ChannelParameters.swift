/// The transform hyperparameters of one media channel: adstock, then Hill.
///
/// Geometric adstock uses `theta`; Weibull adstock uses `shape` and `scale`
/// (see `WeibullAdstock`). `alpha` and `gamma` are the Hill shape and
/// half-saturation point, `gamma` in spend units after adstock.
public struct ChannelParameters: Sendable, Equatable {
  /// Geometric weekly retention θ ∈ [0, 1).
  public var theta: Double
  /// Hill shape α > 0.
  public var alpha: Double
  /// Hill half-saturation γ ≥ 0, in (adstocked) spend units.
  public var gamma: Double
  /// Weibull shape (Weibull adstock only).
  public var shape: Double
  /// Weibull scale as a fraction of the window (Weibull adstock only).
  public var scale: Double

  public init(theta: Double, alpha: Double, gamma: Double, shape: Double = 0, scale: Double = 0) {
    self.theta = theta
    self.alpha = alpha
    self.gamma = gamma
    self.shape = shape
    self.scale = scale
  }

  /// The Hill curve of these parameters.
  public var saturation: HillSaturation { HillSaturation(alpha: alpha, gamma: gamma) }
}
