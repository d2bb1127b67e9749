import FolioData
import FolioModels

extension MMMForecastPlan {
  /// A plan that continues the recent past: `weeks` weeks after the model's
  /// last week, each channel at its mean weekly spend over the last
  /// `recentWeeks` observed weeks, and each market control at its mean over
  /// the same weeks; calendar controls continue on the model's time axis.
  ///
  /// It is what a `{forecast}` without `plan:` forecasts ("if we keep
  /// spending as lately"), so the block works on any data without a plan
  /// file. `recentWeeks` is capped at the weeks observed.
  static func recent(fit: MMMFit, weeks: Int, recentWeeks: Int) -> MMMForecastPlan {
    let input = fit.model.input
    let n = input.weekCount, k = min(recentWeeks, n)
    func recentMean(_ series: [Double]) -> Double { series[(n - k)..<n].reduce(0, +) / Double(k) }
    let last = input.weekStarts[n - 1]
    let weekStarts = (1...weeks).map { last + 7 * $0 }
    let calendar = MMMCalendarControls.values(weekStarts: [input.weekStarts[0]] + weekStarts).map { Array($0.dropFirst()) }
    let spend = input.spend.map { Array(repeating: recentMean($0), count: weeks) }
    let controls = input.controlNames.enumerated().map { k, name -> [Double] in
      if let i = MMMCalendarControls.names.firstIndex(of: name) { return calendar[i] }
      return Array(repeating: recentMean(input.controls[k]), count: weeks)
    }
    return MMMForecastPlan(weekStarts: weekStarts, spend: spend, controls: controls)
  }
}
