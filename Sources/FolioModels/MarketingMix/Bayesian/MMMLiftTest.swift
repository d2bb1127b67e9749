/// One lift test (a geo or holdout experiment on one channel), used to
/// calibrate the Bayesian marketing-mix model.
///
/// The experiment switched the channel off (or held out its audience) for
/// the weeks `firstWeek … lastWeek` and measured the revenue the channel
/// added over those weeks, with a standard error. The model's counterpart
/// is `BayesianMMMDensity.impliedLift(_:at:)`; the measurement enters the
/// likelihood as Normal(incrementalRevenue | implied lift, standardError²).
public struct MMMLiftTest: Sendable, Equatable {
  /// Index of the tested channel in the model's channel list.
  public var channel: Int
  /// First and last week of the test, 0-based indices into the model's
  /// weeks, inclusive.
  public var firstWeek: Int, lastWeek: Int
  /// Measured incremental revenue over the test weeks (currency, total not
  /// per week).
  public var incrementalRevenue: Double
  /// Standard error of `incrementalRevenue` (currency, > 0).
  public var standardError: Double

  public init(channel: Int, firstWeek: Int, lastWeek: Int, incrementalRevenue: Double, standardError: Double) {
    self.channel = channel
    self.firstWeek = firstWeek
    self.lastWeek = lastWeek
    self.incrementalRevenue = incrementalRevenue
    self.standardError = standardError
  }

  /// Checks the test against a model of `channels` channels and `weeks`
  /// weeks; `index` (0-based) names the test in the message.
  /// - Throws: `MMMError.invalidParameter` saying what was expected.
  func validate(channels: Int, weeks: Int, index: Int) throws(MMMError) {
    let name = "lift test \(index + 1)"
    guard channel >= 0, channel < channels else {
      throw .invalidParameter("\(name): channel index \(channel) is not one of 0…\(channels - 1)")
    }
    guard firstWeek >= 0, firstWeek <= lastWeek, lastWeek < weeks else {
      throw .invalidParameter(
        "\(name): weeks \(firstWeek)…\(lastWeek) must satisfy 0 ≤ first ≤ last ≤ \(weeks - 1)")
    }
    guard incrementalRevenue.isFinite else { throw .invalidParameter("\(name): measured lift is not finite") }
    guard standardError.isFinite, standardError > 0 else {
      throw .invalidParameter("\(name): standard error must be positive, got \(standardError)")
    }
  }
}
