import FolioData
import Foundation

/// Turns long weekly marketing rows into the wide weekly input of the
/// marketing-mix model (`MMMInput`).
///
/// Input rows carry `WEEK_START, SUPER_REGION, REGION, COUNTRY, SEGMENT,
/// DIVISION, CATEGORY, CHANNEL, SPEND, IMPRESSIONS, CLICKS, REVENUE,
/// PMI_INDEX, COMPETITOR_SOV` (only the week, channel, spend and revenue
/// columns are required). The preparation
/// 1. names a channel key per row, `CHANNEL_GEO_PRODUCT`, where GEO is the
///    row's value at the chosen geography level (`GLOBAL` for the total) and
///    PRODUCT its value at the chosen product level (`ALL` for the total); a
///    dimension column that is absent reads as `ALL`, an empty cell as
///    `UNKNOWN`;
/// 2. sums spend per key and week (missing spend is 0; negative spend is an
///    error), and drops keys whose total spend over all weeks is below
///    `minimumSpend` (default 1,000), reporting them;
/// 3. sums revenue per week as the target (missing revenue is 0);
/// 4. builds the controls: the calendar terms of `MMMCalendarControls`, plus
///    the weekly mean of `PMI_INDEX` and of `COMPETITOR_SOV` over the rows
///    where they are present, when the column exists and is not all empty
///    (a week without any value gets 0).
///
/// Weeks are the distinct week dates in ascending order and must be 7 days
/// apart; keys keep the order in which they first appear in the data.
public struct MMMPreparation: Sendable, Equatable {
  public var geoLevel: GeoLevel = .global
  public var productLevel: ProductLevel = .all
  /// Keys whose total spend (dollars over all weeks) is below this are dropped.
  public var minimumSpend: Double = 1000
  public var columns = MarketingColumns()
  /// Fewer distinct weeks than this is an error.
  public var minimumWeeks = 10

  public init() {}

  /// Text of the dimension cells, `UNKNOWN` when a cell is missing.
  static func dimension(_ column: Column?, rows: Int) -> [String] {
    guard let column else { return [String](repeating: "ALL", count: rows) }
    return (0..<rows).map { i in
      switch column[i] {
      case .missing: return "UNKNOWN"
      case .string(let s): return s.isEmpty ? "UNKNOWN" : s
      case let cell: return cell.text
      }
    }
  }

  /// A numeric column as doubles with missing cells as NaN; text that is not
  /// a number is an error naming the row.
  static func numbers(_ column: Column, name: String) throws(MMMPreparationError) -> [Double] {
    if let d = column.doubles { return d }
    var out = [Double](repeating: .nan, count: column.count)
    for i in 0..<column.count {
      switch column[i] {
      case .missing: continue
      case .string(let s):
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { continue }
        guard let v = Double(t) else { throw .notANumber(column: name, row: i + 1, text: s) }
        out[i] = v
      case let cell: throw .notANumber(column: name, row: i + 1, text: cell.text)
      }
    }
    return out
  }

  /// Days since 1970 of each row's week; text cells must be `YYYY-MM-DD`.
  static func weeks(_ column: Column, name: String) throws(MMMPreparationError) -> [Int] {
    var out = [Int](repeating: 0, count: column.count)
    for i in 0..<column.count {
      switch column[i] {
      case .date(let d): out[i] = d
      case .missing: throw .missingWeek(column: name, row: i + 1)
      case .string(let s):
        guard let d = parseISODate(s) else { throw .notADate(column: name, row: i + 1, text: s) }
        out[i] = d
      case let cell: throw .notADate(column: name, row: i + 1, text: cell.text)
      }
    }
    return out
  }

  static func parseISODate(_ s: String) -> Int? {
    let parts = s.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      CivilDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return CivilDate.days(year: y, month: m, day: d)
  }

  /// Prepares `frame`; see the type's documentation for the steps.
  /// - Throws: `MMMPreparationError` naming the column and row at fault.
  public func prepare(_ frame: Frame) throws(MMMPreparationError) -> PreparedMarketingData {
    guard minimumSpend >= 0, minimumSpend.isFinite else {
      throw .invalidOption("min_spend: expected 0 or more, found \(minimumSpend)")
    }
    func required(_ name: String, _ role: String) throws(MMMPreparationError) -> Column {
      guard let c = frame[name] else { throw .missingColumn(name, role: role, available: frame.columnNames) }
      return c
    }
    let n = frame.rowCount
    let weekOfRow = try Self.weeks(try required(columns.week, "week start date"), name: columns.week)
    let channelOfRow = Self.dimension(try required(columns.channel, "channel name"), rows: n)
    let spendOfRow = try Self.numbers(try required(columns.spend, "spend"), name: columns.spend)
    let revenueOfRow = try Self.numbers(try required(columns.revenue, "revenue"), name: columns.revenue)
    for i in 0..<n where spendOfRow[i] < 0 {
      throw .negativeSpend(column: columns.spend, row: i + 1, value: spendOfRow[i])
    }
    let geo = geoLevel.column.map { Self.dimension(frame[$0], rows: n) } ?? [String](repeating: "GLOBAL", count: n)
    let product = productLevel.column.map { Self.dimension(frame[$0], rows: n) } ?? [String](repeating: "ALL", count: n)

    // Weeks, ascending and 7 days apart.
    let weekStarts = Array(Set(weekOfRow)).sorted()
    guard weekStarts.count >= minimumWeeks else { throw .tooFewWeeks(found: weekStarts.count, needed: minimumWeeks) }
    for (a, b) in zip(weekStarts, weekStarts.dropFirst()) where b - a != 7 { throw .irregularWeeks(previous: a, next: b) }
    let first = weekStarts[0]
    let weekCount = weekStarts.count

    // Keys in order of first appearance; spend per key and week.
    var keys: [String] = []
    var keyIndex: [String: Int] = [:]
    var parts: [ChannelKeyParts] = []
    var spend: [[Double]] = []
    var revenue = [Double](repeating: 0, count: weekCount)
    for i in 0..<n {
      let w = (weekOfRow[i] - first) / 7
      let key = "\(channelOfRow[i])_\(geo[i])_\(product[i])"
      let k: Int
      if let existing = keyIndex[key] { k = existing } else {
        k = keys.count
        keyIndex[key] = k
        keys.append(key)
        parts.append(ChannelKeyParts(channel: channelOfRow[i], geography: geo[i], product: product[i]))
        spend.append([Double](repeating: 0, count: weekCount))
      }
      if !spendOfRow[i].isNaN { spend[k][w] += spendOfRow[i] }
      if !revenueOfRow[i].isNaN { revenue[w] += revenueOfRow[i] }
    }

    var kept: [Int] = []
    var dropped: [DroppedChannel] = []
    for k in keys.indices {
      let total = spend[k].reduce(0, +)
      if total >= minimumSpend && total > 0 { kept.append(k) } else { dropped.append(DroppedChannel(key: keys[k], totalSpend: total)) }
    }
    guard !kept.isEmpty else { throw .noChannels(minimumSpend: minimumSpend, dropped: dropped.map(\.key)) }

    var controlNames = MMMCalendarControls.names
    var controls = MMMCalendarControls.values(weekStarts: weekStarts)
    for name in [columns.pmi, columns.competitorShareOfVoice] {
      guard let column = frame[name] else { continue }
      let values = try Self.numbers(column, name: name)
      var sum = [Double](repeating: 0, count: weekCount), count = [Double](repeating: 0, count: weekCount)
      for i in 0..<n where !values[i].isNaN {
        let w = (weekOfRow[i] - first) / 7
        sum[w] += values[i]
        count[w] += 1
      }
      guard count.contains(where: { $0 > 0 }) else { continue }
      controlNames.append(name)
      controls.append(zip(sum, count).map { $1 > 0 ? $0 / $1 : 0 })
    }

    let input: MMMInput
    do {
      input = try MMMInput(
        weekStarts: weekStarts, channels: kept.map { keys[$0] }, spend: kept.map { spend[$0] },
        revenue: revenue, controlNames: controlNames, controls: controls)
    } catch { throw .model(error) }
    return PreparedMarketingData(input: input, keyParts: kept.map { parts[$0] }, dropped: dropped, rowCount: n)
  }
}

/// The pieces a channel key was built from.
public struct ChannelKeyParts: Sendable, Equatable {
  public var channel: String
  public var geography: String
  public var product: String
  public init(channel: String, geography: String, product: String) {
    self.channel = channel
    self.geography = geography
    self.product = product
  }
}

/// A channel key left out of the model because its total spend was below the minimum.
public struct DroppedChannel: Sendable, Equatable {
  public var key: String
  /// Total spend over all weeks, dollars.
  public var totalSpend: Double
  public init(key: String, totalSpend: Double) {
    self.key = key
    self.totalSpend = totalSpend
  }
}

/// The result of `MMMPreparation.prepare`: the model input plus what was
/// done on the way, for the report.
public struct PreparedMarketingData: Sendable {
  public var input: MMMInput
  /// Channel, geography and product of each kept key (parallel to `input.channels`).
  public var keyParts: [ChannelKeyParts]
  /// Keys dropped for low spend, in order of first appearance.
  public var dropped: [DroppedChannel]
  /// Long rows read.
  public var rowCount: Int
}
