/// The data of a marketing-mix model: weekly spend per channel, weekly
/// revenue, and control series (trend, seasonality, market indices).
///
/// All series are in week order and equally long. Spend and revenue are in
/// currency units per week; controls in their own units (they are
/// standardized before the ridge fit). Build with `init(...)`, which checks
/// lengths, finiteness and non-negative spend.
public struct MMMInput: Sendable, Equatable {
  /// Week start dates as days since 1970-01-01 (`CivilDate` day numbers).
  public var weekStarts: [Int]
  /// Channel names, one per spend series.
  public var channels: [String]
  /// Spend, `[channel][week]`, ≥ 0.
  public var spend: [[Double]]
  /// Revenue per week (the target).
  public var revenue: [Double]
  /// Control names, one per control series.
  public var controlNames: [String]
  /// Controls, `[control][week]`.
  public var controls: [[Double]]

  /// Validates and stores the series.
  /// - Throws: `MMMError.noChannels`, `.lengthMismatch`, `.nonFinite`,
  ///   `.negativeSpend`, `.tooFewWeeks` (fewer than 4 weeks).
  public init(
    weekStarts: [Int], channels: [String], spend: [[Double]], revenue: [Double],
    controlNames: [String] = [], controls: [[Double]] = []
  ) throws(MMMError) {
    let n = revenue.count
    guard !channels.isEmpty else { throw .noChannels }
    guard n >= 4 else { throw .tooFewWeeks(needed: 4, got: n, step: "a marketing-mix model") }
    if weekStarts.count != n { throw .lengthMismatch(what: "week starts", expected: n, got: weekStarts.count) }
    if spend.count != channels.count {
      throw .lengthMismatch(what: "spend series list", expected: channels.count, got: spend.count)
    }
    if controls.count != controlNames.count {
      throw .lengthMismatch(what: "control series list", expected: controlNames.count, got: controls.count)
    }
    for (t, y) in revenue.enumerated() where !y.isFinite { throw .nonFinite(series: "revenue", week: t + 1) }
    for (c, s) in spend.enumerated() {
      if s.count != n { throw .lengthMismatch(what: "spend of \(channels[c])", expected: n, got: s.count) }
      for (t, v) in s.enumerated() {
        if !v.isFinite { throw .nonFinite(series: "spend of \(channels[c])", week: t + 1) }
        if v < 0 { throw .negativeSpend(channel: channels[c], week: t + 1, value: v) }
      }
    }
    for (k, s) in controls.enumerated() {
      if s.count != n { throw .lengthMismatch(what: "control \(controlNames[k])", expected: n, got: s.count) }
      for (t, v) in s.enumerated() where !v.isFinite {
        throw .nonFinite(series: "control \(controlNames[k])", week: t + 1)
      }
    }
    self.weekStarts = weekStarts
    self.channels = channels
    self.spend = spend
    self.revenue = revenue
    self.controlNames = controlNames
    self.controls = controls
  }

  /// Number of weeks.
  public var weekCount: Int { revenue.count }
  /// Number of media channels.
  public var channelCount: Int { channels.count }

  /// Mean weekly spend per channel (the "current spend" of a plan).
  public var meanWeeklySpend: [Double] {
    spend.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
  }

  /// Largest weekly spend per channel (the γ search range and the curves' x range).
  public var maxWeeklySpend: [Double] { spend.map { $0.max() ?? 0 } }

  /// The same input restricted to `weeks` (in the given order), e.g. a
  /// training window. Indices must be valid.
  public func selecting(weeks: [Int]) -> MMMInput {
    var copy = self
    copy.weekStarts = weeks.map { weekStarts[$0] }
    copy.spend = spend.map { s in weeks.map { s[$0] } }
    copy.revenue = weeks.map { revenue[$0] }
    copy.controls = controls.map { s in weeks.map { s[$0] } }
    return copy
  }
}
