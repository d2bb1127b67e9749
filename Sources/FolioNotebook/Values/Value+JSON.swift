import FolioData

extension Value {
  /// Datasets larger than this are written to results.json as schema and row
  /// count plus their first rows; the full data belongs in a CSV export.
  public static let jsonRowLimit = 10_000

  /// Deterministic, pretty-printed JSON: fields in insertion order, numbers as
  /// the shortest text that round-trips to the same Double (full precision),
  /// non-finite numbers as `null` (JSON has no NaN or infinity).
  public func jsonString() -> String {
    var out = ""
    write(into: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let close = String(repeating: "  ", count: indent)
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let v): out += String(v)
    case .number(let v): out += Value.jsonNumber(v)
    case .string(let s): out += Value.jsonQuoted(s)
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      if items.allSatisfy({ $0.isScalar }) {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += ", " }
          item.write(into: &out, indent: indent + 1)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(into: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += close + "]"
    case .object(let fields):
      if fields.isEmpty { out += "{}"; return }
      out += "{\n"
      for (i, (k, v)) in fields.enumerated() {
        out += pad + Value.jsonQuoted(k) + ": "
        v.write(into: &out, indent: indent + 1)
        out += i + 1 < fields.count ? ",\n" : "\n"
      }
      out += close + "}"
    case .table(let frame):
      Value.tableSummary(frame).write(into: &out, indent: indent)
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object, .table: return false
    default: return true
    }
  }

  /// A dataset as a JSON-ready record: columns with types, row count and the
  /// data column by column (first `jsonRowLimit` rows).
  static func tableSummary(_ frame: Frame) -> Value {
    let shown = min(frame.rowCount, jsonRowLimit)
    var data: [(String, Value)] = []
    for (name, column) in zip(frame.columnNames, frame.columns) {
      data.append((name, .array((0..<shown).map { Value(column[$0]) })))
    }
    return .object([
      ("columns", .array(zip(frame.columnNames, frame.columns).map {
        .object([("name", .string($0.0)), ("type", .string($0.1.type.rawValue))])
      })),
      ("rows", .integer(frame.rowCount)),
      ("truncated", .bool(shown < frame.rowCount)),
      ("data", .object(data)),
    ])
  }

  static func jsonNumber(_ v: Double) -> String {
    guard v.isFinite else { return "null" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
  }

  static func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
