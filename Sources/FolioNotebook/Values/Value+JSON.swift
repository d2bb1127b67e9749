import FolioData

extension Value {
  /// Datasets larger than this are written to results.json as schema and row
  /// count plus their first rows; the full data belongs in a CSV export.
  public static let jsonRowLimit = 10_000

  /// Deterministic, pretty-printed JSON: fields in insertion order, numbers as
  /// the shortest text that round-trips to the same Double (full precision),
  /// non-finite numbers as `null` (JSON has no NaN or infinity).
  public func jsonString() -> String {
    jsonFragment(indent: 0) + "\n"
  }

  /// The value's JSON as it reads nested `indent` levels deep (no trailing
  /// newline), so a document can be assembled from cached fragments.
  public func jsonFragment(indent: Int) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  private func write(into out: inout String, indent: Int) {
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
      let pad = Value.padding(indent + 1)
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(into: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += Value.padding(indent) + "]"
    case .object(let fields):
      if fields.isEmpty { out += "{}"; return }
      let pad = Value.padding(indent + 1)
      out += "{\n"
      for (i, (k, v)) in fields.enumerated() {
        out += pad + Value.jsonQuoted(k) + ": "
        v.write(into: &out, indent: indent + 1)
        out += i + 1 < fields.count ? ",\n" : "\n"
      }
      out += Value.padding(indent) + "}"
    case .table(let frame):
      Value.writeTable(frame, into: &out, indent: indent)
    }
  }

  /// Two spaces per level.
  private static func padding(_ level: Int) -> String { String(repeating: "  ", count: level) }

  /// A dataset straight from its columns (no per-cell `Value`s): columns with
  /// types, row count, and the data column by column (first `jsonRowLimit` rows).
  private static func writeTable(_ frame: Frame, into out: inout String, indent: Int) {
    let shown = min(frame.rowCount, jsonRowLimit)
    let p1 = padding(indent + 1), p2 = padding(indent + 2), p3 = padding(indent + 3)
    out += "{\n\(p1)\"columns\": [\n"
    for (i, (name, column)) in zip(frame.columnNames, frame.columns).enumerated() {
      out += "\(p2){\n\(p3)\"name\": \(jsonQuoted(name)),\n\(p3)\"type\": \"\(column.type.rawValue)\"\n\(p2)}"
      out += i + 1 < frame.columnNames.count ? ",\n" : "\n"
    }
    out += "\(p1)],\n\(p1)\"rows\": \(frame.rowCount),\n\(p1)\"truncated\": \(shown < frame.rowCount),\n\(p1)\"data\": {"
    if frame.columnNames.isEmpty { out += "}\n\(padding(indent))}"; return }
    out += "\n"
    for (i, (name, column)) in zip(frame.columnNames, frame.columns).enumerated() {
      out += "\(p2)\(jsonQuoted(name)): ["
      for r in 0..<shown {
        if r > 0 { out += ", " }
        switch column[r] {
        case .missing: out += "null"
        case .number(let v): out += jsonNumber(v)
        case .integer(let v): out += String(v)
        case .string(let s): out += jsonQuoted(s)
        case .date(let d): out += "\"" + CivilDate.isoString(days: d) + "\""
        }
      }
      out += i + 1 < frame.columnNames.count ? "],\n" : "]\n"
    }
    out += "\(p1)}\n\(padding(indent))}"
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object, .table: return false
    default: return true
    }
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
