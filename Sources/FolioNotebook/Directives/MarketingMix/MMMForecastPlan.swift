import FolioData
import FolioModels

/// A `{forecast}` plan dataset read against a fitted model: planned weeks,
/// spend per channel and every control of the model, in the model's orders.
///
/// Rules (each violation is an error at the `plan:` reference that says what
/// was expected):
/// - the week column is a date column (`types: {COL: week}` reads dates, ISO
///   weeks and week numbers); its weeks are consecutive, 7 days apart, and
///   the first is the week after the model's last week, so the adstock of
///   the observed weeks carries into the plan;
/// - every channel of the model has exactly one column, named by its display
///   label or its key (as `{plan}` matches `floors` and `caps`), with no
///   missing cell; negative spend is rejected by `MMMForecast`;
/// - calendar controls (`MMMCalendarControls`) are computed for the planned
///   weeks on the model's time axis (trend and Fourier terms continue from
///   the first observed week); every other control of the model (market
///   indices) needs a column of its name with its planned values;
/// - any other column is an error (a misspelled or unknown channel).
struct MMMForecastPlan {
  var weekStarts: [Int]
  /// `[channel][week]`, in the model's channel order.
  var spend: [[Double]]
  /// `[control][week]`, in the model's control order.
  var controls: [[Double]]

  static func read(_ frame: Frame, week: String, fit: MMMFit, at reference: BlockReference) throws(NotebookError) -> MMMForecastPlan {
    let input = fit.model.input
    func fail(_ message: String) -> NotebookError { NotebookError(reference.location, "plan '\(reference.path)': \(message)") }
    guard let weekColumn = frame[week] else {
      throw fail("no week column '\(week)'\(NearMatches.hint(for: week, in: frame.columnNames, noun: "column")); set week_column")
    }
    guard case .date(let dates) = weekColumn else {
      throw fail("week column '\(week)' is \(weekColumn.type), expected weeks; read it with `types: {\(week): week}`")
    }
    guard frame.rowCount >= 1 else { throw fail("expected at least one planned week, the dataset has no rows") }
    if let row = dates.missing.firstIndex(of: true) { throw fail("week column '\(week)' is missing in row \(row + 1)") }
    let weeks = dates.days.map { Int($0) }
    let expectedFirst = input.weekStarts[input.weekCount - 1] + 7
    guard weeks[0] == expectedFirst else {
      throw fail("expected the first planned week to be \(CivilDate.isoString(days: expectedFirst)), the week after the model's last week; found \(CivilDate.isoString(days: weeks[0]))")
    }
    for t in 1..<weeks.count where weeks[t] != weeks[t - 1] + 7 {
      throw fail("expected consecutive weeks; row \(t + 1) is \(CivilDate.isoString(days: weeks[t])) after \(CivilDate.isoString(days: weeks[t - 1]))")
    }

    let calendar = MMMCalendarControls.values(weekStarts: [input.weekStarts[0]] + weeks).map { Array($0.dropFirst()) }
    var used: Set<String> = [week]
    func numbers(_ name: String, role: String) throws(NotebookError) -> [Double] {
      guard let column = frame[name], let values = column.doubles else {
        throw fail("column '\(name)' (\(role)) is not numeric")
      }
      if let row = values.firstIndex(where: \.isNaN) { throw fail("column '\(name)' (\(role)) is missing in row \(row + 1)") }
      return values
    }
    var spend: [[Double]] = []
    for c in input.channels.indices {
      let names = [fit.labels[c], input.channels[c]].filter { frame[$0] != nil }
      guard let name = names.first else {
        throw fail("no spend column for channel '\(fit.labels[c])'; expected one column per channel (\(fit.labels.joined(separator: ", ")))")
      }
      if Set(names).count > 1 { throw fail("channel '\(fit.labels[c])' has two columns ('\(names[0])' and '\(names[1])'); keep one") }
      used.insert(name)
      spend.append(try numbers(name, role: "spend of \(fit.labels[c])"))
    }
    var controls: [[Double]] = []
    for (k, name) in input.controlNames.enumerated() {
      if let i = MMMCalendarControls.names.firstIndex(of: name) {
        controls.append(calendar[i])
      } else {
        guard frame[name] != nil else {
          throw fail("no column '\(name)': the model uses it as a control, so the plan must give its value for every planned week")
        }
        used.insert(name)
        controls.append(try numbers(name, role: "control \(input.controlNames[k])"))
      }
    }
    if let extra = frame.columnNames.first(where: { !used.contains($0) }) {
      throw fail("unknown column '\(extra)'; expected the week column, one column per channel (\(fit.labels.joined(separator: ", "))) and the market controls")
    }
    return MMMForecastPlan(weekStarts: weeks, spend: spend, controls: controls)
  }
}
