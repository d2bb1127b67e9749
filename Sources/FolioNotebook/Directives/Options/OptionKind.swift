import FolioData

/// What kind of value a directive option takes: drives `folio check`, the
/// directive reference and the cache key (every `inputFile` is hashed).
///
/// The kind is descriptive; the typed decoding lives in the option's
/// `OptionDeclaration`, built by the factories in `OptionDeclaration+Kinds`.
public indirect enum OptionKind: Sendable, Equatable {
  /// A real number within bounds.
  case number(NumberBounds)
  /// A whole number within `lower...upper` (`nil`: unbounded on that side).
  case integer(lower: Int?, upper: Int?)
  case bool
  /// One of a fixed set of names (matched case-insensitively, reported as written here).
  case enumeration([String])
  /// Free text.
  case text
  /// Markdown text shown in the report (inline values in it are escaped).
  case markdown
  /// A column name of the block's dataset.
  case column
  /// The label of an earlier block, optionally with a field path (`label.field`).
  case reference
  /// A file read by the block, relative to the notebook; its bytes are part of the cache key.
  case inputFile
  /// A list of items of one kind (a single scalar counts as a one-item list).
  case list(OptionKind)
  /// A mapping of names to values of one kind, in written order.
  case map(OptionKind)
  /// A mapping with named fields of their own kinds (e.g. `{data, on, how}`).
  case record([RecordField])
  /// A structured value documented by its own grammar (e.g. `OUT: sum(COL)`).
  case structured(String)
  /// One of several alternative kinds (e.g. `true` or a mapping of table names).
  case either([OptionKind])

  /// The kind as the directive reference writes it ("number > 0", "list of column").
  public var summary: String {
    switch self {
    case .number(let b): return b.isUnbounded ? "number" : "number \(b.text)"
    case .integer(let lo, let hi):
      switch (lo, hi) {
      case (let l?, let h?): return "integer \(l)–\(h)"
      case (let l?, nil): return "integer ≥ \(l)"
      case (nil, let h?): return "integer ≤ \(h)"
      default: return "integer"
      }
    case .bool: return "true/false"
    case .enumeration(let names): return names.joined(separator: " | ")
    case .text: return "text"
    case .markdown: return "markdown"
    case .column: return "column"
    case .reference: return "block label"
    case .inputFile: return "file path"
    case .list(let k): return "list of \(k.summary)"
    case .map(let k): return "map of name → \(k.summary)"
    case .record(let fields):
      // Short records in full; long ones (pivot, steps) by their field names.
      if fields.count <= 3 { return "{" + fields.map { "\($0.name): \($0.kind.summary)" }.joined(separator: ", ") + "}" }
      return "{" + fields.map(\.name).joined(separator: ", ") + "}"
    case .structured(let grammar): return grammar
    case .either(let kinds): return kinds.map(\.summary).joined(separator: " or ")
    }
  }

  /// Whether values of this kind (at any depth) name files the block reads.
  var readsFiles: Bool {
    switch self {
    case .inputFile: return true
    case .list(let k), .map(let k): return k.readsFiles
    case .either(let ks): return ks.contains { $0.readsFiles }
    case .record(let fields): return fields.contains { $0.kind.readsFiles }
    default: return false
    }
  }
}

/// Bounds of a number option: lower and upper, each inclusive or exclusive;
/// non-finite values are always rejected.
public struct NumberBounds: Sendable, Equatable {
  public var lower: Double?
  public var lowerInclusive: Bool
  public var upper: Double?
  public var upperInclusive: Bool

  public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
    self.lower = lower
    self.lowerInclusive = lowerInclusive
    self.upper = upper
    self.upperInclusive = upperInclusive
  }

  /// Any finite number.
  public static let any = NumberBounds()
  /// ≥ 0.
  public static let nonNegative = NumberBounds(lower: 0)
  /// > 0.
  public static let positive = NumberBounds(lower: 0, lowerInclusive: false)
  /// 0 < x < 1, for probabilities and levels.
  public static let openUnit = NumberBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
  /// `lower...upper`.
  public static func closed(_ lower: Double, _ upper: Double) -> NumberBounds { NumberBounds(lower: lower, upper: upper) }

  var isUnbounded: Bool { lower == nil && upper == nil }

  public func contains(_ v: Double) -> Bool {
    guard v.isFinite else { return false }
    if let l = lower, lowerInclusive ? v < l : v <= l { return false }
    if let u = upper, upperInclusive ? v > u : v >= u { return false }
    return true
  }

  /// "> 0", "0 to 1", "≥ 1", for messages and docs.
  public var text: String {
    let f = { (x: Double) in NumberFormat.automatic.format(x) }
    switch (lower, upper) {
    case (let l?, let u?):
      if lowerInclusive && upperInclusive { return "\(f(l)) to \(f(u))" }
      return "\(lowerInclusive ? "≥" : ">") \(f(l)) and \(upperInclusive ? "≤" : "<") \(f(u))"
    case (let l?, nil): return "\(lowerInclusive ? "≥" : ">") \(f(l))"
    case (nil, let u?): return "\(upperInclusive ? "≤" : "<") \(f(u))"
    default: return ""
    }
  }
}

/// A named field of a `record` option.
public struct RecordField: Sendable, Equatable {
  public var name: String
  public var kind: OptionKind
  public init(_ name: String, _ kind: OptionKind) {
    self.name = name
    self.kind = kind
  }
}
