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
  static let options: [OptionSpec] = [
    OptionSpec(
      "source",
      "A database: 'sqlite:PATH' (relative to the notebook) or 'postgres://user@host:port/db?sslmode=verify-full'; the password comes from PGPASSWORD, ~/.pgpass or a service file (never write it in the notebook); needs query."),
    OptionSpec("query", "SQL run against source; parameters ($1 or ?) take the bindings, in order."),
    OptionSpec("bindings", "Values bound to the query's parameters, in order (never pasted into the SQL)."),
    OptionSpec(
      "cache",
      "PostgreSQL only: true lets a rerender reuse the stored result while query and bindings are unchanged, without asking the server (default false: always rerun). SQLite sources are keyed on the query's result and always fresh."),
    OptionSpec("timeout", "PostgreSQL only: seconds the query may run before the server cancels it (default 300)."),
  ]

  /// The default `timeout:` in seconds.
  static let defaultTimeout = 300.0

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
          location, "source: expected 'sqlite:PATH' or 'postgres://user@host:port/database', found '\(ConnectionString.redacted(text))'")
      }
    }
  }

  /// Files a `source:` block reads for the cache key: none, since the
  /// executor asks `cacheKeyMaterial` instead (a SQLite file alone is not
  /// what the query reads: committed rows may sit in its `-wal` file).
  static func inputFiles(_ call: DirectiveCall) -> [String] { [] }

  /// What a database source adds to its block's cache key, as (input name,
  /// SHA-256) pairs: `[]` for a block without `source:`; for SQLite the
  /// digest of the query's result (`SQLiteSource.resultDigest`, streamed);
  /// for PostgreSQL with `cache: true` the hash of query and bindings.
  /// `nil` means "never serve this block from the cache": a PostgreSQL
  /// source without `cache: true`, or a source that cannot be read now (the
  /// block then runs and reports the problem at its location).
  static func cacheKeyMaterial(_ call: DirectiveCall, context: ExecutionContext) -> [(input: String, sha256: String)]? {
    guard call.name == "data", let sourceNode = call.options["source"] else { return [] }
    guard let text = try? sourceNode.string("source"), let address = try? Address(text, at: sourceNode.location),
      let sql = try? call.options["query"]?.string("query"),
      let bindings = try? call.options["bindings"]?.stringList("bindings") ?? []
    else { return nil }
    switch address {
    case .sqlite(let path):
      guard let digest = try? SQLiteSource.resultDigest(path: context.resolvePath(path), sql: sql, bindings: bindings) else { return nil }
      return [(sqliteInput(path, sql: sql, bindings: bindings), digest)]
    case .postgres(let postgres):
      guard (try? call.options["cache"]?.bool("cache")) == true else { return nil }
      return [postgresInput(postgres, sql: sql, bindings: bindings)]
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

  /// Static checks for `folio check`: a query goes with a source, and a
  /// literal source is well formed.
  static func check(_ call: DirectiveCall) -> [NotebookError] {
    var errors: [NotebookError] = []
    let source = call.options["source"]
    if let source, call.options["query"] == nil {
      errors.append(NotebookError(source.location, "source: needs a 'query:' with the SQL to run"))
    }
    for key in ["query", "bindings", "cache", "timeout"] where source == nil {
      if let node = call.options[key] { errors.append(NotebookError(node.location, "\(key): only applies with 'source:' (a database)")) }
    }
    if let source, case .scalar(let text, _) = source.kind, !text.contains("{{") {
      do { _ = try Address(text, at: source.location) } catch { errors.append(error) }
    }
    if let node = call.options["cache"] {
      do { _ = try node.bool("cache") } catch { errors.append(error) }
    }
    if let node = call.options["timeout"] {
      do { _ = try timeout(node) } catch { errors.append(error) }
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
      let result = try located(location) { () throws(DatabaseAccessError) in
        try SQLiteSource.queryWithDigest(path: context.resolvePath(path), sql: sql, bindings: bindings, declared: declared)
      }
      context.recordInput(path: sqliteInput(path, sql: sql, bindings: bindings), sha256: result.sha256)
      return (result.frame, note(result.frame, path))
    case .postgres(let postgres):
      let seconds = try call.options["timeout"].map(timeout) ?? defaultTimeout
      let input = postgresInput(postgres, sql: sql, bindings: bindings)
      context.recordInput(path: input.0, sha256: input.1)
      let frame = try located(location) { () throws(DatabaseAccessError) in
        try PostgresSource.query(address: postgres, sql: sql, bindings: bindings, declared: declared, timeout: seconds)
      }
      return (frame, note(frame, postgres.redacted))
    }
  }

  /// A `timeout:` value: seconds above 0.
  private static func timeout(_ node: OptionNode) throws(NotebookError) -> Double {
    let seconds = try node.double("timeout")
    guard seconds > 0, seconds.isFinite else { throw NotebookError(node.location, "timeout: expected seconds above 0, found \(seconds)") }
    return seconds
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
