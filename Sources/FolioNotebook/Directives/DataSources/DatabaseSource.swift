import FolioData
import FolioStore
import Foundation

/// The `source:` / `query:` / `bindings:` options of `{data}`: rows from a
/// SQLite file or a PostgreSQL server, as the same `Frame` a CSV load gives.
///
/// ```yaml
/// source: sqlite:data/sales.sqlite           # relative to the notebook
/// # or   postgres://analyst@127.0.0.1:5432/marketing
/// query: SELECT WEEK, SUM(SALES) AS SALES FROM sales WHERE REGION = $1 GROUP BY WEEK
/// bindings: ["{{ params.region }}"]          # bound, never pasted into the SQL
/// types: {WEEK: date}
/// ```
/// SQLite takes `?` (or `?1`, `:name`) placeholders, PostgreSQL `$1`, `$2`, …;
/// either way the bindings fill them in order, as bound parameters.
///
/// Provenance: a SQLite file is recorded (and hashed into the block's cache
/// key) like a CSV; a PostgreSQL source is recorded as its address without
/// password plus a SHA-256 of query and bindings, and the block is never
/// served from the cache, since a server's rows have no file to hash.
enum DatabaseSource {
  static let options: [OptionSpec] = [
    OptionSpec("source", "A database: 'sqlite:PATH' (relative to the notebook) or 'postgres://user@host:port/db'; needs query."),
    OptionSpec("query", "SQL run against source; parameters ($1 or ?) take the bindings, in order."),
    OptionSpec("bindings", "Values bound to the query's parameters, in order (never pasted into the SQL)."),
  ]

  /// A parsed `source:` value.
  enum Address {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    init(_ text: String, at location: SourceLocation) throws(NotebookError) {
      if text.hasPrefix("sqlite:") {
        let path = String(text.dropFirst("sqlite:".count))
        guard !path.isEmpty else { throw NotebookError(location, "source: 'sqlite:' needs a file path, e.g. 'sqlite:data/sales.sqlite'") }
        self = .sqlite(path: path)
      } else if PostgresAddress.isPostgres(text) {
        do { self = .postgres(try PostgresAddress(text)) } catch { throw NotebookError(location, "source: \(error.message)") }
      } else {
        throw NotebookError(
          location, "source: expected 'sqlite:PATH' or 'postgres://user@host:port/database', found '\(text)'")
      }
    }
  }

  /// The SQLite file a call reads, for the cache key; for a PostgreSQL
  /// source, its address: never a readable file, so the block is not cached.
  static func inputFiles(_ call: DirectiveCall) -> [String] {
    guard let node = call.options["source"], case .scalar(let text, _) = node.kind else { return [] }
    if text.hasPrefix("sqlite:") { return [String(text.dropFirst("sqlite:".count))] }
    return [text]
  }

  /// Static checks for `folio check`: a query goes with a source, and a
  /// literal source is well formed.
  static func check(_ call: DirectiveCall) -> [NotebookError] {
    var errors: [NotebookError] = []
    let source = call.options["source"]
    if let source, call.options["query"] == nil {
      errors.append(NotebookError(source.location, "source: needs a 'query:' with the SQL to run"))
    }
    for key in ["query", "bindings"] where source == nil {
      if let node = call.options[key] { errors.append(NotebookError(node.location, "\(key): only applies with 'source:' (a database)")) }
    }
    if let source, case .scalar(let text, _) = source.kind, !text.contains("{{") {
      do { _ = try Address(text, at: source.location) } catch { errors.append(error) }
    }
    return errors
  }

  /// Runs the query; returns the frame and the note shown under the block.
  static func load(
    _ call: DirectiveCall, source sourceNode: OptionNode, declared: [String: ColumnType], context: inout ExecutionContext
  ) throws -> (Frame, String) {
    let address = try Address(try sourceNode.string("source"), at: sourceNode.location)
    guard let queryNode = call.options["query"] else {
      throw NotebookError(sourceNode.location, "source: needs a 'query:' with the SQL to run")
    }
    let sql = try queryNode.string("query")
    let bindings = try call.options["bindings"]?.stringList("bindings") ?? []
    if let missing = call.options["missing"] {
      throw NotebookError(missing.location, "missing: applies to CSV files only; for a database, use NULLIF in the query")
    }
    let location = sourceNode.location
    switch address {
    case .sqlite(let path):
      let resolved = context.resolvePath(path)
      if let data = FileManager.default.contents(atPath: resolved) {
        context.recordInput(path: path, bytes: [UInt8](data))
      }
      let frame = try located(location) { () throws(DatabaseAccessError) in
        try SQLiteSource.query(path: resolved, sql: sql, bindings: bindings, declared: declared)
      }
      return (frame, note(frame, path))
    case .postgres(let postgres):
      let queryHash = SHA256Digest.hex(of: ([sql] + bindings).joined(separator: "\u{0}"))
      context.recordInput(path: "\(postgres.redacted)?query=\(queryHash.prefix(16))", sha256: queryHash)
      let frame = try located(location) { () throws(DatabaseAccessError) in
        try PostgresSource.query(address: postgres, sql: sql, bindings: bindings, declared: declared)
      }
      return (frame, note(frame, postgres.redacted))
    }
  }

  /// Runs `body`, placing a database error at `location`.
  private static func located<T>(
    _ location: SourceLocation, _ body: () throws(DatabaseAccessError) -> T
  ) throws(NotebookError) -> T {
    do { return try body() } catch { throw NotebookError(location, error.message) }
  }

  private static func note(_ frame: Frame, _ origin: String) -> String {
    "Loaded \(frame.rowCount.grouped) rows × \(frame.columnNames.count) columns from \(origin)"
  }
}
