import FolioData
import FolioModels

/// The record view of `{mmm_data}`'s typed result (`MMMPreparedData`):
/// what inline values and results.json read.
///
/// Fields: `channels` (keys), `labels` (short display names), `controls`,
/// `weeks`, `first_week`, `last_week`, `rows`, `total_spend`,
/// `total_revenue`, `dropped_count`, `dropped_keys` (text, "none" when empty), `dropped` (records of `key`, `total_spend`), and
/// `weekly`, the wide weekly dataset (`WEEK_START`, `REVENUE`, one spend
/// column per channel key, one column per control) at full precision.
enum MMMDataValue {
  static let weekColumn = "WEEK_START"
  static let revenueColumn = "REVENUE"

  /// Short names for charts and text: the channel alone when every key has
  /// the same geography and product, else the full key.
  static func labels(_ parts: [ChannelKeyParts], keys: [String]) -> [String] {
    let geos = Set(parts.map(\.geography)), products = Set(parts.map(\.product))
    let channels = parts.map(\.channel)
    guard geos.count == 1, products.count == 1, Set(channels).count == channels.count else { return keys }
    return channels
  }

  static func make(_ prepared: PreparedMarketingData, geoLevel: GeoLevel, productLevel: ProductLevel, minimumSpend: Double) throws -> Value {
    let input = prepared.input
    var weekly = Frame()
    try weekly.append(weekColumn, .date(DateColumn(days: input.weekStarts.map { Int32($0) })))
    try weekly.append(revenueColumn, .number(input.revenue))
    for (name, series) in zip(input.channels, input.spend) { try weekly.append(name, .number(series)) }
    for (name, series) in zip(input.controlNames, input.controls) where weekly.index(of: name) == nil {
      try weekly.append(name, .number(series))
    }
    let labels = labels(prepared.keyParts, keys: input.channels)
    let totalSpend = input.spend.map { $0.reduce(0, +) }.reduce(0, +)
    return .object([
      ("channels", .array(input.channels.map(Value.string))),
      ("labels", .array(labels.map(Value.string))),
      ("controls", .array(input.controlNames.map(Value.string))),
      ("weeks", .integer(input.weekCount)),
      ("first_week", .string(CivilDate.isoString(days: input.weekStarts.first ?? 0))),
      ("last_week", .string(CivilDate.isoString(days: input.weekStarts.last ?? 0))),
      ("rows", .integer(prepared.rowCount)),
      ("geo_level", .string(geoLevel.rawValue)),
      ("product_level", .string(productLevel.rawValue)),
      ("min_spend", .number(minimumSpend)),
      ("channel_count", .integer(input.channelCount)),
      ("total_spend", .number(totalSpend)),
      ("total_revenue", .number(input.revenue.reduce(0, +))),
      ("dropped_count", .integer(prepared.dropped.count)),
      ("dropped_keys", .string(MMMText.list(prepared.dropped.map(\.key)))),
      ("dropped", .array(prepared.dropped.map { .object([("key", .string($0.key)), ("total_spend", .number($0.totalSpend))]) })),
      ("weekly", .table(weekly)),
    ])
  }
}

/// Per-block seeds: the notebook seed mixed with a stable hash of the block
/// label (FNV-1a, not Swift's per-process randomized `Hasher`), so two blocks
/// draw different streams and a rerun draws the same ones.
enum BlockSeed {
  static func derive(_ seed: UInt64, label: String?) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in (label ?? "").utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return seed ^ h
  }
}
