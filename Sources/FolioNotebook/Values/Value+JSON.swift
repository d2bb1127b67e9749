import FolioData

extension Value {
  /// Rows of a dataset written into results.json: at most this many…
  public static let jsonRowLimit = 1_000
  /// …and at most this many cells, so a 10,000-column dataset shows 10
  /// rows. A dataset cut short is marked `"truncated": true` beside its
  /// full row count and columns; in a report's results.json it also points
  /// to a CSV of all its rows (`ResultsDatasets`).
  public static let jsonCellLimit = 100_000

  /// Rows of `frame` that results.json shows (at least one when it has any).
  public static func jsonRows(_ frame: Frame) -> Int {
    min(frame.rowCount, jsonRowLimit, max(1, jsonCellLimit / max(1, frame.columnNames.count)))
  }

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
    var none: ResultsDatasets? = nil
    write(into: &out, indent: indent, path: "", datasets: &none)
    return out
  }

  /// The JSON of a labeled result in a report's results.json: datasets
  /// go through `datasets` (written once, capped, pointing to their CSV).
  func resultFragment(label: String, indent: Int, datasets: inout ResultsDatasets) -> String {
    var out = ""
    var some: ResultsDatasets? = datasets
    write(into: &out, indent: indent, path: label, datasets: &some)
    if let some { datasets = some }
    return out
  }

  /// Whether a dataset appears anywhere in the value.
  var containsDataset: Bool {
    switch self {
    case .table: return true
    case .array(let items): return items.contains { $0.containsDataset }
    case .object(let fields): return fields.contains { $0.1.containsDataset }
    default: return false
    }
  }

  /// `path` names the value in results.json (`label.field.0`) for datasets.
  private func write(into out: inout String, indent: Int, path: String, datasets: inout ResultsDatasets?) {
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
          item.write(into: &out, indent: indent + 1, path: "\(path).\(i)", datasets: &datasets)
        }
        out += "]"
        return
      }
      let pad = Value.padding(indent + 1)
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(into: &out, indent: indent + 1, path: "\(path).\(i)", datasets: &datasets)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += Value.padding(indent) + "]"
    case .object(let fields):
      if fields.isEmpty { out += "{}"; return }
      let pad = Value.padding(indent + 1)
      out += "{\n"
      for (i, (k, v)) in fields.enumerated() {
        out += pad + Value.jsonQuoted(k) + ": "
        v.write(into: &out, indent: indent + 1, path: "\(path).\(k)", datasets: &datasets)
        out += i + 1 < fields.count ? ",\n" : "\n"
      }
      out += Value.padding(indent) + "}"
    case .table(let frame):
      if datasets != nil {
        datasets?.write(frame, path: path, into: &out, indent: indent)
      } else {
        Value.writeTable(frame, csv: nil, into: &out, indent: indent)
      }
    }
  }

  /// Two spaces per level.
  static func padding(_ level: Int) -> String { String(repeating: "  ", count: level) }

  /// A dataset straight from its columns (no per-cell `Value`s): columns with
  /// types, row count, and the data column by column (first `jsonRows`
  /// rows); `csv`, the file holding every row, is given when rows were cut.
  static func writeTable(_ frame: Frame, csv: String?, into out: inout String, indent: Int) {
    let shown = jsonRows(frame)
    let p1 = padding(indent + 1), p2 = padding(indent + 2), p3 = padding(indent + 3)
    out += "{\n\(p1)\"columns\": [\n"
    for (i, (name, column)) in zip(frame.columnNames, frame.columns).enumerated() {
      out += "\(p2){\n\(p3)\"name\": \(jsonQuoted(name)),\n\(p3)\"type\": \"\(column.type.rawValue)\"\n\(p2)}"
      out += i + 1 < frame.columnNames.count ? ",\n" : "\n"
    }
    out += "\(p1)],\n\(p1)\"rows\": \(frame.rowCount),\n\(p1)\"truncated\": \(shown < frame.rowCount),\n"
    if let csv { out += "\(p1)\"csv\": \(jsonQuoted(csv)),\n" }
    out += "\(p1)\"data\": {"
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
