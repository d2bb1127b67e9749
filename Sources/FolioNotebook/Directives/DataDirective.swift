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
  static let csv = DirectiveOption.inputFile("csv", "Path of a CSV file, relative to the notebook (inline values allowed).")
  static let from = DirectiveOption.reference(optional: "from", "Start from an earlier dataset instead of a file.")
  static let types = DirectiveOption.map(
    "types", of: DirectiveOption.item(.enumeration(ColumnType.allCases.map(\.rawValue))) { node, name throws(NotebookError) -> ColumnType in
      let t = try node.string(name)
      guard let type = ColumnType(rawValue: t) else {
        throw NotebookError(node.location, "\(name): unknown type '\(t)'; expected one of: \(ColumnType.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return type
    }, "Declared column types.")
  static let missing = DirectiveOption.texts("missing", "Extra cell texts that mean missing (empty cells always do).")

  /// A step option: decoded into a typed step, applied in written order.
  static func step(_ name: String, _ kind: OptionKind, _ help: String) -> OptionDeclaration<DataSteps.Piece?> {
    DirectiveOption.structured(name, kind: kind, help) { node, name throws(NotebookError) in try DataSteps.piece(name, node) }
  }
  static let stepDeclarations: [OptionDeclaration<DataSteps.Piece?>] = [
    step("select", .list(.column), "Keep these columns, in this order."),
    step("rename", .map(.text), "Rename columns: {OLD: NEW}."),
    step("fill", .map(.text), "Fill missing values: {COLUMN: value} or {COLUMN: forward}."),
    step("filter", .structured("expression"), "Keep rows where the expression is true."),
    step("derive", .map(.structured("expression")), "New or replaced columns: {NAME: expression}, in order."),
    step("group_by", .list(.column), "Key columns for aggregate."),
    step("aggregate", .map(.structured("fn(COLUMN)")), "{OUT: sum(COL)} with sum, mean, count, min, max, median; by group_by keys."),
    step("join", DataSteps.joinKind, "Join an earlier dataset on key columns."),
    step("pivot", DataSteps.pivotKind, "Long to wide."),
    step("sort", .list(.column), "Sort by columns; prefix '-' for descending."),
    step("limit", .integer(lower: 0, upper: nil), "Keep the first n rows."),
  ]
  static let steps = DirectiveOption.structured(
    "steps", kind: .list(.record(stepDeclarations.map { RecordField($0.name, $0.kind) })),
    "A list of one-key steps, for repeating a step.", decode: DataSteps.stepList)

  public static let options: [any AnyOptionDeclaration] =
    [csv, from, types, missing] + DatabaseSource.options + stepDeclarations + [steps]
  static let oneSource = "{data} needs exactly one source: 'csv: <path>', 'source: <database>' or 'from: <label>'"

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    var errors: [NotebookError] = []
    let sources = [csv.name, DatabaseSource.source.name, from.name].filter { options.isPresent($0) }
    if sources.count != 1 {
      // Two sources: the error sits at the second one written.
      let second = sources.compactMap { options.locations[$0] }.sorted().dropFirst().first
      errors.append(NotebookError(second ?? options.blockLocation, oneSource))
    }
    errors += DatabaseSource.validate(options)
    do { _ = try pipeline(options) } catch { errors.append(error) }
    return errors
  }

  public static func cacheDependencies(_ options: ParsedOptions, context: ExecutionContext) -> CacheDependencies {
    options[DatabaseSource.source].map { DatabaseSource.cacheDependencies($0, options: options, context: context) } ?? .none
  }

  /// The steps in written order, `group_by` folded into its aggregate.
  static func pipeline(_ options: ParsedOptions) throws(NotebookError) -> [DataStep] {
    var pieces: [DataSteps.Piece] = []
    guard case .mapping(let entries) = options.node.kind else { return [] }
    for e in entries {
      if e.key == steps.name {
        pieces += options[steps] ?? []
      } else if let d = stepDeclarations.first(where: { $0.name == e.key }), let piece = options[d] {
        pieces.append(piece)
      }
    }
    return try DataSteps.fold(pieces)
  }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    var frame: Frame
    var note: String
    let declared = Dictionary((options[types] ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    if let address = options[DatabaseSource.source] {
      (frame, note) = try DatabaseSource.load(options, address: address, declared: declared, context: &context)
    } else if let file = options[csv] {
      frame = try load(file, declared: declared, missing: options[missing], context: &context)
      note = "Loaded \(frame.rowCount.grouped) rows × \(frame.columnNames.count) columns from \(file.path)"
    } else if let reference = options[from] {
      frame = try context.dataset(reference)
      note = "Started from '\(reference.path)' (\(frame.rowCount.grouped) rows)"
    } else {
      throw NotebookError(options.blockLocation, oneSource)
    }
    let before = frame.rowCount
    for step in try pipeline(options) {
      frame = try DataSteps.apply(step, to: frame, context: context)
    }
    if frame.rowCount != before || frame.columnNames.count > 0 {
      note += frame.rowCount == before ? "." : "; \(frame.rowCount.grouped) rows after the steps."
    }
    return DirectiveResult(value: .table(frame), outputs: [.note(note)])
  }

  /// Reads a CSV input file with declared types and missing tokens.
  static func load(_ file: InputFile, declared: [String: ColumnType], missing: [String]?, context: inout ExecutionContext) throws -> Frame {
    var options = CSVOptions()
    options.types = declared
    if let missing { options.missingTokens = Set(missing) }
    let resolved = context.resolvePath(file.path)
    // The file is mapped and read in one streaming pass, never copied; its
    // hash (from the block's cache key, or taken now) runs on another core.
    guard FileBytes.isReadableFile(resolved) else {
      throw NotebookError(file.location, "cannot read CSV file '\(file.path)' (looked at \(resolved)); expected a readable file")
    }
    context.recordInput(path: file.path, file: resolved)
    do {
      return try CSVReader.read(path: resolved, options: options)
    } catch {
      throw NotebookError.wrapping(error, at: file.location)
    }
  }
}

extension Int {
  /// Thousands-grouped text for notes ("12,345").
  var grouped: String { NumberFormat(.thousands, digits: 0).format(Double(self)) }
}
