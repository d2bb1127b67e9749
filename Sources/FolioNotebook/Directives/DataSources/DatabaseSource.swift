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
  static let source = DirectiveOption.structured(
    "source", kind: .structured("sqlite:PATH or postgres://user@host:port/db"),
    "A database: 'sqlite:PATH' (relative to the notebook) or 'postgres://user@host:port/db'; needs query."
  ) { node, name throws(NotebookError) in try Address(try node.string(name), at: node.location) }
  static let query = DirectiveOption.text("query", "SQL run against source; parameters ($1 or ?) take the bindings, in order.")
  static let bindings = DirectiveOption.texts("bindings", "Values bound to the query's parameters, in order (never pasted into the SQL).")
  static let options: [any AnyOptionDeclaration] = [source, query, bindings]

  /// A parsed `source:` value.
  enum Address: Sendable {
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

  /// What a database block's result depends on: a SQLite file's bytes with
  /// its write-ahead log (committed rows can live in `-wal` until a
  /// checkpoint); a PostgreSQL server's rows can change at any time, so such
  /// a block is never served from the cache.
  static func cacheDependencies(_ address: Address, context: ExecutionContext) -> CacheDependencies {
    switch address {
    case .postgres: return .uncacheable
    case .sqlite(let path):
      let resolved = context.resolvePath(path)
      guard let main = SHA256Digest.hex(ofFile: resolved) else { return .uncacheable }
      var parts = ["sqlite \(path)=\(main)"]
      if let wal = SHA256Digest.hex(ofFile: resolved + "-wal") { parts.append("sqlite-wal \(path)=\(wal)") }
      return .parts(parts)
    }
  }

  /// Cross-option rules: a query goes with a source and only with one.
  static func validate(_ options: ParsedOptions) -> [NotebookError] {
    var errors: [NotebookError] = []
    if options.isPresent(source), !options.isPresent(query) {
      errors.append(NotebookError(options.location(of: source), "source: needs a 'query:' with the SQL to run"))
    }
    if !options.isPresent(source) {
      for d in [query.name, bindings.name] where options.isPresent(d) {
        errors.append(NotebookError(options.locations[d] ?? options.blockLocation, "\(d): only applies with 'source:' (a database)"))
      }
    }
    if options.isPresent(source), options.isPresent(DataDirective.missing) {
      errors.append(NotebookError(options.location(of: DataDirective.missing), "missing: applies to CSV files only; for a database, use NULLIF in the query"))
    }
    return errors
  }

  /// Runs the query; returns the frame and the note shown under the block.
  static func load(_ options: ParsedOptions, address: Address, declared: [String: ColumnType], context: inout ExecutionContext) throws -> (Frame, String) {
    let location = options.location(of: source)
    guard let sql = options[query] else { throw NotebookError(location, "source: needs a 'query:' with the SQL to run") }
    let bindings = options[bindings] ?? []
    switch address {
    case .sqlite(let path):
      let resolved = context.resolvePath(path)
      if let sha = SHA256Digest.hex(ofFile: resolved) { context.recordInput(path: path, sha256: sha) }
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
