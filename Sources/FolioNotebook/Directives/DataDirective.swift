import FolioData
import Foundation

/// `{data}`: loads a CSV, queries a database (`DatabaseSource`) or starts
/// from an earlier dataset, and applies transform steps in the order they
/// are written.
///
/// ```yaml
/// csv: "{{ params.data }}"          # path relative to the notebook; or from: <label>
///                                   # or source: sqlite:PATH | postgres://… with query:
/// types: {WEEK: date, SKU: string}  # declared column types (others inferred)
/// missing: ["NA"]                   # extra missing-value tokens (empty cells always are)
/// filter: PROMO_WEEK != 'REG'
/// derive: {BOOST: ML_FORECAST * (MULTIPLIER - 1)}
/// group_by: [SKU, STORE]
/// aggregate: {BASE: mean(BOH), WEEKS: count()}
/// sort: [-BASE, SKU]                # '-' for descending
/// limit: 100
/// ```
/// Steps run in the order their keys appear; to repeat a step, list them
/// under `steps:` (each item a one-key mapping).
public enum DataDirective: Directive {
  public static let name = "data"
  public static let summary = "Load a CSV, a SQLite/PostgreSQL query or an earlier dataset and transform it: select, rename, fill, filter, derive, group_by + aggregate, join, pivot, sort, limit."
  static let sourceOptions: [OptionSpec] = [
    OptionSpec("csv", "Path of a CSV file, relative to the notebook (inline values allowed)."),
    OptionSpec("from", reference: true, "Start from an earlier dataset instead of a file."),
    OptionSpec("types", "Declared column types: number, integer, string, date, week."),
    OptionSpec("missing", "Extra cell texts that mean missing (empty cells always do)."),
  ]
  static let stepOptions: [OptionSpec] = [
    OptionSpec("select", "Keep these columns, in this order."),
    OptionSpec("rename", "Rename columns: {OLD: NEW}."),
    OptionSpec("fill", "Fill missing values: {COLUMN: value} or {COLUMN: forward}."),
    OptionSpec("filter", "Keep rows where the expression is true."),
    OptionSpec("derive", "New or replaced columns: {NAME: expression}, in order."),
    OptionSpec("group_by", "Key columns for aggregate."),
    OptionSpec("aggregate", "{OUT: sum(COL)} with sum, mean, count, min, max, median; by group_by keys."),
    OptionSpec("join", "{data: label, on: [KEYS], how: inner|left}."),
    OptionSpec("pivot", "Long to wide: {index: [KEYS], columns: COL, values: COL, aggregate: sum}."),
    OptionSpec("sort", "Sort by columns; prefix '-' for descending."),
    OptionSpec("limit", "Keep the first n rows."),
    OptionSpec("steps", "A list of one-key steps, for repeating a step."),
  ]
  public static var options: [OptionSpec] { sourceOptions + DatabaseSource.options + stepOptions }
  static let oneSource = "{data} needs exactly one source: 'csv: <path>', 'source: <database>' or 'from: <label>'"

  public static func references(_ call: DirectiveCall) -> [(label: String, location: SourceLocation)] {
    var refs: [(String, SourceLocation)] = []
    func add(_ node: OptionNode?) {
      guard let node, case .scalar(let s, _) = node.kind, !s.contains("{{") else { return }
      refs.append((String(s.split(separator: ".").first ?? Substring(s)), node.location))
    }
    add(call.options["from"])
    add(call.options["join"]?["data"])
    for step in call.options["steps"]?.list() ?? [] { add(step["join"]?["data"]) }
    return refs
  }

  public static func inputFiles(_ call: DirectiveCall) -> [String] {
    if call.options["source"] != nil { return DatabaseSource.inputFiles(call) }
    guard let node = call.options["csv"], case .scalar(let path, _) = node.kind else { return [] }
    return [path]
  }

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if ["csv", "source", "from"].filter({ call.options[$0] != nil }).count != 1 {
      errors.append(NotebookError(call.location, oneSource))
    }
    errors += DatabaseSource.check(call)
    do {
      for step in try DataSteps.steps(of: call) { try DataSteps.checkStatically(step) }
    } catch {
      errors.append(error)
    }
    return errors
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    var frame: Frame
    var note: String
    let sources = ["csv", "source", "from"].compactMap { call.options[$0] }
    if sources.count > 1 { throw NotebookError(sources[1].location, oneSource) }
    if let sourceNode = call.options["source"] {
      (frame, note) = try DatabaseSource.load(call, source: sourceNode, declared: try declaredTypes(call), context: &context)
    } else if let csvNode = call.options["csv"] {
      let path = try csvNode.string("csv")
      frame = try load(path: path, call: call, at: csvNode.location, context: &context)
      note = "Loaded \(frame.rowCount.grouped) rows × \(frame.columnNames.count) columns from \(path)"
    } else if let fromNode = call.options["from"] {
      frame = try context.dataset(try fromNode.string("from"), at: fromNode.location)
      note = "Started from '\(try fromNode.string("from"))' (\(frame.rowCount.grouped) rows)"
    } else {
      throw NotebookError(call.location, oneSource)
    }
    let before = frame.rowCount
    for step in try DataSteps.steps(of: call) {
      frame = try DataSteps.apply(step, to: frame, context: context)
    }
    if frame.rowCount != before || frame.columnNames.count > 0 {
      note += frame.rowCount == before ? "." : "; \(frame.rowCount.grouped) rows after the steps."
    }
    return DirectiveResult(value: .table(frame), outputs: [.note(note)])
  }

  static func load(path: String, call: DirectiveCall, at location: SourceLocation, context: inout ExecutionContext) throws -> Frame {
    var options = CSVOptions()
    options.types = try declaredTypes(call)
    if let m = call.options["missing"] { options.missingTokens = Set(try m.stringList("missing")) }
    let resolved = context.resolvePath(path)
    guard let data = FileManager.default.contents(atPath: resolved) else {
      throw NotebookError(location, "cannot read CSV file '\(path)' (looked at \(resolved)); expected a readable file")
    }
    let bytes = [UInt8](data)
    context.recordInput(path: path, bytes: bytes)
    do {
      return try CSVReader.read(bytes: bytes, displayName: resolved, options: options)
    } catch {
      throw NotebookError.wrapping(error, at: location)
    }
  }

  /// The `types:` option: column name → declared type.
  static func declaredTypes(_ call: DirectiveCall) throws -> [String: ColumnType] {
    var types: [String: ColumnType] = [:]
    for e in try call.options["types"]?.entries("types") ?? [] {
      let t = try e.value.string("types.\(e.key)")
      guard let type = ColumnType(rawValue: t) else {
        throw NotebookError(e.value.location, "types.\(e.key): unknown type '\(t)'; expected one of: number, integer, string, date, week")
      }
      types[e.key] = type
    }
    return types
  }
}

extension Int {
  /// Thousands-grouped text for notes ("12,345").
  var grouped: String { NumberFormat(.thousands, digits: 0).format(Double(self)) }
}
