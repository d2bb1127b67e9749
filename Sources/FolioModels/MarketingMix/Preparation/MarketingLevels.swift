/// The geography a channel key is split by: one key per channel and value
/// of the chosen column (`GLOBAL` sums every geography into one key).
public enum GeoLevel: String, Sendable, CaseIterable, Equatable {
  case global = "GLOBAL"
  case superRegion = "SUPER_REGION"
  case region = "REGION"
  case country = "COUNTRY"

  /// The dimension column this level reads, `nil` for `GLOBAL`.
  public var column: String? { self == .global ? nil : rawValue }
}

/// The product grouping a channel key is split by (`ALL` sums every product
/// into one key, an addition to the seed's SEGMENT / DIVISION / CATEGORY).
public enum ProductLevel: String, Sendable, CaseIterable, Equatable {
  case all = "ALL"
  case segment = "SEGMENT"
  case division = "DIVISION"
  case category = "CATEGORY"

  /// The dimension column this level reads, `nil` for `ALL`.
  public var column: String? { self == .all ? nil : rawValue }
}

/// Names of the columns the preparation reads; defaults are the seed
/// pipeline's upper-case names.
public struct MarketingColumns: Sendable, Equatable {
  public var week = "WEEK_START"
  public var channel = "CHANNEL"
  public var spend = "SPEND"
  public var revenue = "REVENUE"
  public var pmi = "PMI_INDEX"
  public var competitorShareOfVoice = "COMPETITOR_SOV"
  public init() {}
}
