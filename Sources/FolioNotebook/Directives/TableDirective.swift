import FolioData

/// `{table}`: shows a dataset or a result as a table, with number formats,
/// a row limit and an optional CSV export next to the report.
///
/// ```yaml
/// data: by_sku            # a dataset label, or label.field for a result
/// columns: [SKU, COST]    # default: all
/// headers: {COST: "Cost ($)"}
/// format: {COST: "currency:0", SHARE: "percent:1"}
/// max_rows: 10            # default 20; the rest are counted in a note
/// export: top-skus.csv    # or true for <label>.csv
/// ```
public enum TableDirective: Directive {
  public static let name = "table"
  public static let summary = "Show a dataset or result as a formatted table, optionally exported as CSV."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "Label of the dataset or result to show (label or label.field)."),
    OptionSpec("columns", "Columns to show, in order (default: all)."),
    OptionSpec("headers", "Display headers by column name."),
    OptionSpec("format", "Number format by column: number, fixed:2, thousands:0, percent:1, currency:0, compact:1, sci:3."),
    OptionSpec("max_rows", "Rows to show (default 20); a note counts the rest."),
    OptionSpec("export", "Write all rows as CSV beside the report: a file name, or true for <label>.csv."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if call.options["data"] == nil {
      errors.append(NotebookError(call.location, "{table} needs 'data: <label>' naming a dataset or result above"))
    }
    if let f = call.options["format"], case .mapping(let entries) = f.kind {
      for e in entries {
        guard case .scalar(let s, _) = e.value.kind, !s.contains("{{") else { continue }
        do { _ = try NumberFormat(parsing: s, at: e.value.location) } catch { errors.append(NotebookError.wrapping(error, at: e.value.location)) }
      }
    }
    return errors
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    guard let dataNode = call.options["data"] else {
      throw NotebookError(call.location, "{table} needs 'data: <label>' naming a dataset or result above")
    }
    let reference = try dataNode.string("data")
    let value = try context.result(reference, at: dataNode.location)
    var frame = try TableConversion.frame(from: value, reference: reference, at: dataNode.location)
    if let cols = call.options["columns"] {
      let names = try cols.stringList("columns")
      var picked = Frame()
      for (i, n) in names.enumerated() {
        let loc = cols.list().indices.contains(i) ? cols.list()[i].location : cols.location
        guard let c = frame[n] else {
          throw NotebookError(loc, "unknown column '\(n)'\(NearMatches.hint(for: n, in: frame.columnNames, noun: "column"))")
        }
        do { try picked.append(n, c) } catch { throw NotebookError(loc, error.description) }
      }
      frame = picked
    }
    var formats: [String: NumberFormat] = [:]
    for e in try call.options["format"]?.entries("format") ?? [] {
      guard frame.index(of: e.key) != nil else {
        throw NotebookError(e.keyLocation, "format: unknown column '\(e.key)'\(NearMatches.hint(for: e.key, in: frame.columnNames, noun: "column"))")
      }
      do { formats[e.key] = try NumberFormat(parsing: try e.value.string("format.\(e.key)"), at: e.value.location) } catch {
        throw NotebookError.wrapping(error, at: e.value.location)
      }
    }
    var headers: [String: String] = [:]
    for e in try call.options["headers"]?.entries("headers") ?? [] { headers[e.key] = try e.value.string("headers.\(e.key)") }
    var maxRows = 20
    if let m = call.options["max_rows"] {
      maxRows = try m.int("max_rows")
      guard maxRows >= 0 else { throw NotebookError(m.location, "max_rows: expected 0 or more rows") }
    }
    var exportFile: String?
    var attachments: [Attachment] = []
    if let e = call.options["export"] {
      if let b = try? e.bool("export") {
        exportFile = b ? "\(call.label ?? "table-\(call.location.line)").csv" : nil
      } else {
        let name = try e.string("export")
        guard !name.contains("/"), !name.hasPrefix("."), name.hasSuffix(".csv") else {
          throw NotebookError(e.location, "export: expected a plain file name ending in .csv, found '\(name)'")
        }
        exportFile = name
      }
      if let exportFile { attachments.append(Attachment(fileName: exportFile, contents: CSVWriter.write(frame))) }
    }
    let spec = TableSpec(
      columns: zip(frame.columnNames, frame.columns).map {
        TableSpec.Column(header: headers[$0.0] ?? $0.0, isNumeric: $0.1.type == .number || $0.1.type == .integer)
      },
      rows: (0..<min(maxRows, frame.rowCount)).map { r in
        zip(frame.columnNames, frame.columns).map { name, col in CellText.format(col[r], formats[name]) }
      },
      totalRows: frame.rowCount, exportFile: exportFile)
    return DirectiveResult(value: .table(frame), outputs: [.table(spec)], attachments: attachments)
  }
}

/// Cell text for tables: numbers through a `NumberFormat` (default: integers
/// grouped, numbers to 6 significant digits), dates ISO, missing as "–".
public enum CellText {
  public static func format(_ cell: Cell, _ format: NumberFormat?) -> String {
    switch cell {
    case .missing: return NumberFormat.missingText
    case .number(let v): return (format ?? .automatic).format(v)
    case .integer(let v): return (format ?? NumberFormat(.thousands, digits: 0)).format(Double(v))
    case .string(let s): return s
    case .date(let d): return CivilDate.isoString(days: d)
    }
  }
}
