/// Prior distributions of the Bayesian marketing-mix model, all settable.
///
/// Units: revenue is scaled by its mean (ỹ = y/ȳ), each channel's spend by
/// its mean weekly spend, controls are standardized. So the intercept is a
/// share of mean revenue, control coefficients are ỹ per control sd, and a
/// channel's half-saturation κ is in multiples of its mean (normalized)
/// adstocked spend.
///
/// Defaults follow Google Meridian where it has one (ROI ~ LogNormal(0.2,
/// 0.9), half-saturation centred near 0.8 of typical media), and are
/// otherwise weakly informative on the scaled data.
public struct BayesianMMMPriors: Sendable, Equatable {
  /// A normal prior N(mean, sd²).
  public struct Normal: Sendable, Equatable {
    public var mean: Double, sd: Double
    public init(mean: Double, sd: Double) {
      self.mean = mean
      self.sd = sd
    }
  }

  /// A beta prior Beta(a, b) on (0, 1).
  public struct Beta: Sendable, Equatable {
    public var a: Double, b: Double
    public init(a: Double, b: Double) {
      self.a = a
      self.b = b
    }
  }

  /// How a channel's media effect is parameterized and what prior it gets.
  public enum MediaEffect: Sendable, Equatable {
    /// Through the channel's ROI (Σ contribution / Σ spend over the data),
    /// log ROI ~ N(mean, sd²) — Meridian's ROI prior: it states what a
    /// stakeholder believes and keeps media from absorbing the baseline.
    case roi(Normal)
    /// Through the coefficient β̃ ≥ 0 on the saturated media (ỹ units),
    /// β̃ ~ HalfNormal(scale).
    case coefficient(halfNormalScale: Double)
  }

  /// Intercept b: the level of mean fitted revenue (media enter centred),
  /// as a share of mean revenue, default N(1, 1).
  public var intercept = Normal(mean: 1, sd: 1)
  /// Each standardized control's coefficient, default N(0, 1).
  public var control = Normal(mean: 0, sd: 1)
  /// Noise sd σ of scaled revenue: HalfNormal(scale), default 0.5.
  public var noiseHalfNormalScale = 0.5
  /// Geometric adstock decay θ, default Beta(2, 2). Geometric only.
  public var adstockDecay = Beta(a: 2, b: 2)
  /// log k, the Weibull adstock shape, default N(0, 0.5²): k mostly in
  /// 0.45–2.2, from decaying at once (k < 1) to a delayed peak (k > 1).
  /// Used only with `BayesianMMMAdstock.weibull`.
  public var weibullLogShape = Normal(mean: 0, sd: 0.5)
  /// log λ, the Weibull adstock scale in units of the lag window, default
  /// N(log 0.25, 0.5²): λ mostly in 0.1–0.6 of the window (for 13 weeks,
  /// the bulk of the effect within about 1–8 weeks). Weibull only.
  public var weibullLogScale = Normal(mean: -1.3862943611198906, sd: 0.5)
  /// log κ (half-saturation), default N(log 0.8, 0.5²).
  public var logHalfSaturation = Normal(mean: -0.2231435513142097, sd: 0.5)
  /// log α (Hill shape), default N(log 1.5, 0.4²): α mostly in 0.7–3.3.
  public var logHillShape = Normal(mean: 0.4054651081081644, sd: 0.4)
  /// Media effect prior for channels not listed in `mediaByChannel`,
  /// default ROI with log ROI ~ N(0.2, 0.9²) (Meridian's default).
  public var media = MediaEffect.roi(Normal(mean: 0.2, sd: 0.9))
  /// Per-channel overrides of `media`, by channel index.
  public var mediaByChannel: [Int: MediaEffect] = [:]

  public init() {}

  /// The media prior of channel `c`.
  public func media(channel c: Int) -> MediaEffect { mediaByChannel[c] ?? media }
}
