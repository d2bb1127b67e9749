import FolioData
import FolioModels

/// A `{bayes}` block's `lift_tests:` dataset read against the data: one row
/// per experiment with columns CHANNEL (label or key), FIRST_WEEK and
/// LAST_WEEK (weeks of the data, read with `types: {FIRST_WEEK: week,
/// LAST_WEEK: week}`, inclusive), LIFT (measured incremental revenue over
/// those weeks, currency, total not per week) and LIFT_SE (its standard
/// error, > 0). Every problem is an error at the `lift_tests:` reference
/// naming the row and column and what was expected.
enum MMMBayesLiftTests {
  static let columns = ["CHANNEL", "FIRST_WEEK", "LAST_WEEK", "LIFT", "LIFT_SE"]

  static func read(
    _ frame: Frame, input: MMMInput, labels: [String], at reference: BlockReference
  ) throws(NotebookError) -> [MMMLiftTest] {
    func fail(_ message: String) -> NotebookError { NotebookError(reference.location, "lift_tests '\(reference.path)': \(message)") }
    for name in columns where frame[name] == nil {
      throw fail("no column '\(name)'; expected columns \(columns.joined(separator: ", "))")
    }
    if let extra = frame.columnNames.first(where: { !columns.contains($0) }) {
      throw fail("unknown column '\(extra)'; expected columns \(columns.joined(separator: ", "))")
    }
    guard frame.rowCount >= 1 else { throw fail("expected at least one lift test, the dataset has no rows") }
    func weeks(_ name: String) throws(NotebookError) -> [Int] {
      guard case .date(let dates)? = frame[name] else {
        throw fail("column \(name) is \(frame[name]?.type.rawValue ?? "missing"), expected weeks; read it with `types: {\(name): week}`")
      }
      var out: [Int] = []
      for row in 0..<frame.rowCount {
        guard !dates.missing[row] else { throw fail("row \(row + 1), column \(name): missing week") }
        let day = Int(dates.days[row])
        guard let t = input.weekStarts.firstIndex(of: day) else {
          throw fail("row \(row + 1), column \(name): \(CivilDate.isoString(days: day)) is not a week of the data (\(CivilDate.isoString(days: input.weekStarts[0])) to \(CivilDate.isoString(days: input.weekStarts[input.weekCount - 1])))")
        }
        out.append(t)
      }
      return out
    }
    func numbers(_ name: String) throws(NotebookError) -> [Double] {
      guard let values = frame[name]?.doubles else { throw fail("column \(name) is not numeric") }
      if let row = values.firstIndex(where: { !$0.isFinite }) { throw fail("row \(row + 1), column \(name): expected a number, found a missing value") }
      return values
    }
    guard case .string(let names)? = frame["CHANNEL"] else { throw fail("column CHANNEL is not text; expected channel labels or keys") }
    let first = try weeks("FIRST_WEEK"), last = try weeks("LAST_WEEK"), lift = try numbers("LIFT"), se = try numbers("LIFT_SE")
    var tests: [MMMLiftTest] = []
    for row in 0..<frame.rowCount {
      let code = Int(names.codes[row])
      guard code >= 0, code < names.levels.count else { throw fail("row \(row + 1), column CHANNEL: missing channel") }
      let name = names.levels[code]
      guard let c = labels.firstIndex(of: name) ?? input.channels.firstIndex(of: name) else {
        throw fail("row \(row + 1), column CHANNEL: unknown channel '\(name)'\(MMMText.channelHint(name, labels: labels))")
      }
      guard first[row] <= last[row] else {
        throw fail("row \(row + 1): FIRST_WEEK \(CivilDate.isoString(days: input.weekStarts[first[row]])) is after LAST_WEEK \(CivilDate.isoString(days: input.weekStarts[last[row]]))")
      }
      guard se[row] > 0 else { throw fail("row \(row + 1), column LIFT_SE: expected a standard error > 0, found \(se[row])") }
      tests.append(MMMLiftTest(channel: c, firstWeek: first[row], lastWeek: last[row], incrementalRevenue: lift[row], standardError: se[row]))
    }
    return tests
  }
}
