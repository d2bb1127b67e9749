import Foundation

/// Steady-state response curves per channel: weekly revenue contributed as a
/// function of a constant weekly spend, β_c·Hill_c(s·m_c) with m_c the
/// steady-state adstock multiplier (1/(1 − θ) for geometric adstock).
///
/// Points run from 0 to `maxMultiple` × the channel's max weekly spend. The
/// band is response ± z·coefSD·Hill(s·m_c) (z = 1.645 ≈ 90%), coefSD from the
/// bootstrap; without a bootstrap the band collapses to the curve. Marginal
/// ROI is the derivative β·m·Hill′(s·m); at s = 0 with α < 1 it is unbounded,
/// so the first point reports the mean slope over the first grid step.
public enum ResponseCurves {
  /// Curve settings.
  public struct Options: Sendable, Equatable {
    /// Points per curve (default 100, at least 2).
    public var points: Int
    /// Upper end as a multiple of max weekly spend (default 3).
    public var maxMultiple: Double
    /// Marginal ROI above this is EFFICIENT (default 1.5).
    public var efficientAbove: Double
    /// Marginal ROI below this is SATURATED (default 0.8); in between DIMINISHING.
    public var saturatedBelow: Double
    /// Band half-width in coefficient sds (default 1.645).
    public var bandZ: Double

    public init(points: Int = 100, maxMultiple: Double = 3, efficientAbove: Double = 1.5,
                saturatedBelow: Double = 0.8, bandZ: Double = 1.645) {
      self.points = points
      self.maxMultiple = maxMultiple
      self.efficientAbove = efficientAbove
      self.saturatedBelow = saturatedBelow
      self.bandZ = bandZ
    }

    /// The zone of a marginal ROI.
    public func zone(marginalROI r: Double) -> ResponseZone {
      r > efficientAbove ? .efficient : (r < saturatedBelow ? .saturated : .diminishing)
    }
  }

  /// One curve per channel, in channel order. `bootstrap` (matched by
  /// position) supplies coefSD; pass nil for no band.
  public static func compute(
    _ model: MMMModel, bootstrap: [ChannelBootstrap]? = nil, options: Options = Options()
  ) -> [ChannelCurve] {
    let k = max(2, options.points)
    let current = model.input.meanWeeklySpend, maxSpend = model.input.maxWeeklySpend
    return (0..<model.input.channelCount).map { c in
      let hill = model.parameters[c].saturation
      let m = model.steadyStateMultiplier(channel: c)
      let beta = model.mediaCoefficients[c]
      let sd = bootstrap.flatMap { c < $0.count ? $0[c].coefSD : nil } ?? 0
      let top = options.maxMultiple * maxSpend[c]
      let spend = (0..<k).map { top * Double($0) / Double(k - 1) }
      let h = spend.map { hill.apply($0 * m) }
      let response = h.map { beta * $0 }
      let half = h.map { options.bandZ * (sd.isNaN ? 0 : sd) * $0 }
      var mroi = spend.map { model.marginalROI(channel: c, weeklySpend: $0) }
      if !mroi[0].isFinite { mroi[0] = spend[1] > 0 ? (response[1] - response[0]) / spend[1] : 0 }
      let cur = current[c]
      let curM = model.marginalROI(channel: c, weeklySpend: cur)
      return ChannelCurve(
        channel: model.input.channels[c], spend: spend, response: response,
        lower: zip(response, half).map { $0 - $1 }, upper: zip(response, half).map { $0 + $1 },
        marginalROI: mroi, currentSpend: cur, currentResponse: model.response(channel: c, weeklySpend: cur),
        currentMarginalROI: curM, zone: options.zone(marginalROI: curM))
    }
  }
}

/// Where a channel sits on its curve, by marginal ROI at current spend.
public enum ResponseZone: String, Sendable, Equatable {
  case efficient = "EFFICIENT"
  case diminishing = "DIMINISHING"
  case saturated = "SATURATED"
}

/// One channel's response curve.
public struct ChannelCurve: Sendable, Equatable {
  public var channel: String
  /// Weekly spend grid, currency per week.
  public var spend: [Double]
  /// Weekly revenue contributed at each spend.
  public var response: [Double]
  /// Band lower and upper edges.
  public var lower: [Double]
  public var upper: [Double]
  /// Marginal ROI at each spend.
  public var marginalROI: [Double]
  /// Current (mean) weekly spend and its response and marginal ROI.
  public var currentSpend: Double
  public var currentResponse: Double
  public var currentMarginalROI: Double
  /// The zone at current spend.
  public var zone: ResponseZone
}
