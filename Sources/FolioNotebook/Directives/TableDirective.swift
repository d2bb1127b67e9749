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
  static let data = DirectiveOption.reference("data", "Label of the dataset or result to show (label or label.field).")
  static let columns = DirectiveOption.columns("columns", "Columns to show, in order (default: all).")
  static let headers = DirectiveOption.map("headers", of: DirectiveOption.item(.text) { node, name throws(NotebookError) in try node.string(name) }, "Display headers by column name.")
  static let format = DirectiveOption.map(
    "format", of: NumberFormatOption.declaration,
    "Number format by column: number, fixed:2, thousands:0, percent:1, currency:0, compact:1, sci:3.")
  static let maxRows = DirectiveOption.integer("max_rows", default: 20, atLeast: 0, unit: "rows", "Rows to show; a note counts the rest.")
  static let export = DirectiveOption.structured(
    "export", kind: .either([.bool, .text]), "Write all rows as CSV beside the report: a file name, or true for <label>.csv."
  ) { node, name throws(NotebookError) -> ExportTarget in
    if let b = try? node.bool(name) { return b ? .defaultName : .off }
    let file = try node.string(name)
    guard !file.contains("/"), !file.hasPrefix("."), file.hasSuffix(".csv") else {
      throw NotebookError(node.location, "\(name): expected a plain file name ending in .csv, found '\(file)'")
    }
    return .file(file)
  }
  public static let options: [any AnyOptionDeclaration] = [data, columns, headers, format, maxRows, export]

  /// Where `export:` writes the table.
  enum ExportTarget: Sendable { case off, defaultName, file(String) }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = options[data]
    let value = try context.result(reference)
    var frame = try TableConversion.frame(from: value, reference: reference.path, at: reference.location)
    if let names = options[columns] {
      let loc = options.location(of: columns)
      var picked = Frame()
      for n in names {
        guard let c = frame[n] else {
          throw NotebookError(loc, "unknown column '\(n)'\(NearMatches.hint(for: n, in: frame.columnNames, noun: "column"))")
        }
        do { try picked.append(n, c) } catch { throw NotebookError(loc, error.description) }
      }
      frame = picked
    }
    var formats: [String: NumberFormat] = [:]
    for e in options[format] ?? [] {
      guard frame.index(of: e.key) != nil else {
        throw NotebookError(e.keyLocation, "format: unknown column '\(e.key)'\(NearMatches.hint(for: e.key, in: frame.columnNames, noun: "column"))")
      }
      formats[e.key] = e.value
    }
    var headerTexts: [String: String] = [:]
    for e in options[headers] ?? [] { headerTexts[e.key] = e.value }
    let rowLimit = options[Self.maxRows]
    var exportFile: String?
    switch options[export] {
    case .file(let name)?: exportFile = name
    case .defaultName?: exportFile = "\(options.label ?? "table-\(options.blockLocation.line)").csv"
    case .off?, nil: exportFile = nil
    }
    let attachments = exportFile.map { [Attachment(fileName: $0, contents: CSVWriter.write(frame))] } ?? []
    let spec = TableSpec(
      columns: zip(frame.columnNames, frame.columns).map {
        TableSpec.Column(header: headerTexts[$0.0] ?? $0.0, isNumeric: $0.1.type == .number || $0.1.type == .integer)
      },
      rows: (0..<min(rowLimit, frame.rowCount)).map { r in
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
