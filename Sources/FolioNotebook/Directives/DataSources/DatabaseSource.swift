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
/// Cache and provenance (`cacheKeyMaterial`): a SQLite source is keyed on
/// the SHA-256 of the query's result, streamed, so rows committed to the
/// database or its `-wal` file always rerun the block; a PostgreSQL source is
/// never served from the cache unless the block says `cache: true` (then it
/// is keyed on address, query and bindings, and `--refresh LABEL` reruns it).
/// Either is recorded as `sqlite:PATH?query=…` / the address without
/// password plus a hash of the query.
enum DatabaseSource {
  static let source = DirectiveOption.structured(
    "source", kind: .structured("sqlite:PATH or postgres://user@host:port/db"),
    "A database: 'sqlite:PATH' (relative to the notebook) or 'postgres://user@host:port/db?sslmode=verify-full'; the password comes from PGPASSWORD, ~/.pgpass or a service file (never write it in the notebook); needs query."
  ) { node, name throws(NotebookError) in try Address(try node.string(name), at: node.location) }
  static let query = DirectiveOption.text("query", "SQL run against source; parameters ($1 or ?) take the bindings, in order.")
  static let bindings = DirectiveOption.texts("bindings", "Values bound to the query's parameters, in order (never pasted into the SQL).")
  static let cache = DirectiveOption.bool(
    "cache", default: false,
    "PostgreSQL only: true lets a rerender reuse the stored result while query and bindings are unchanged, without asking the server (false: always rerun). SQLite sources are keyed on the query's result and always fresh.")
  static let timeout = DirectiveOption.number(
    "timeout", default: 300, in: .positive, "PostgreSQL only: seconds the query may run before the server cancels it.")
  static let options: [any AnyOptionDeclaration] = [source, query, bindings, cache, timeout]

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
          location, "source: expected 'sqlite:PATH' or 'postgres://user@host:port/database', found '\(ConnectionString.redacted(text))'")
      }
    }
  }

  /// What a database block's result depends on besides its text: for SQLite
  /// the digest of the query's result (`SQLiteSource.resultDigest`,
  /// streamed, so rows committed to the database or its `-wal` file rerun
  /// the block); for PostgreSQL with `cache: true` the hash of query and
  /// bindings. A PostgreSQL source without `cache: true`, or a source that
  /// cannot be read now (the block then runs and reports the problem at its
  /// location), is never served from the cache.
  static func cacheDependencies(_ address: Address, options o: ParsedOptions, context: ExecutionContext) -> CacheDependencies {
    guard let sql = o[query] else { return .uncacheable }
    let values = o[bindings] ?? []
    switch address {
    case .sqlite(let path):
      guard let digest = try? SQLiteSource.resultDigest(path: context.resolvePath(path), sql: sql, bindings: values) else { return .uncacheable }
      return .parts(["input \(sqliteInput(path, sql: sql, bindings: values))=\(digest)"])
    case .postgres(let postgres):
      guard o[cache] else { return .uncacheable }
      let input = postgresInput(postgres, sql: sql, bindings: values)
      return .parts(["input \(input.0)=\(input.1)"])
    }
  }

  /// How a SQLite query is named among the report's inputs.
  private static func sqliteInput(_ path: String, sql: String, bindings: [String]) -> String {
    "sqlite:\(path)?query=\(queryHash(sql, bindings).prefix(16))"
  }

  /// How a PostgreSQL query is named among the report's inputs, with the hash of query and bindings.
  private static func postgresInput(_ address: PostgresAddress, sql: String, bindings: [String]) -> (String, String) {
    let hash = queryHash(sql, bindings)
    return ("\(address.redacted)?query=\(hash.prefix(16))", hash)
  }

  private static func queryHash(_ sql: String, _ bindings: [String]) -> String {
    SHA256Digest.hex(of: ([sql] + bindings).joined(separator: "\u{0}"))
  }

  /// Cross-option rules: a query goes with a source, and the database
  /// options only with one.
  static func validate(_ options: ParsedOptions) -> [NotebookError] {
    var errors: [NotebookError] = []
    if options.isPresent(source), !options.isPresent(query) {
      errors.append(NotebookError(options.location(of: source), "source: needs a 'query:' with the SQL to run"))
    }
    if !options.isPresent(source) {
      for d in [query.name, bindings.name, cache.name, timeout.name] where options.isPresent(d) {
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
    let values = options[bindings] ?? []
    switch address {
    case .sqlite(let path):
      let result = try located(location) { () throws(DatabaseAccessError) in
        try SQLiteSource.queryWithDigest(path: context.resolvePath(path), sql: sql, bindings: values, declared: declared)
      }
      context.recordInput(path: sqliteInput(path, sql: sql, bindings: values), sha256: result.sha256)
      return (result.frame, note(result.frame, path))
    case .postgres(let postgres):
      let input = postgresInput(postgres, sql: sql, bindings: values)
      context.recordInput(path: input.0, sha256: input.1)
      let seconds = options[timeout]
      let frame = try located(location) { () throws(DatabaseAccessError) in
        try PostgresSource.query(address: postgres, sql: sql, bindings: values, declared: declared, timeout: seconds)
      }
      return (frame, note(frame, postgres.redacted))
    }
  }

  /// Runs `body`, placing a database error at `location` (its text redacted once more).
  private static func located<T>(
    _ location: SourceLocation, _ body: () throws(DatabaseAccessError) -> T
  ) throws(NotebookError) -> T {
    do { return try body() } catch { throw NotebookError(location, ConnectionString.redacted(error.message)) }
  }

  private static func note(_ frame: Frame, _ origin: String) -> String {
    "Loaded \(frame.rowCount.grouped) rows × \(frame.columnNames.count) columns from \(origin)"
  }
}
