import FolioData
import Foundation
import PostgresNIO

/// Writes named result tables to a PostgreSQL database, replaced atomically
/// (one transaction: drop, create, insert) on every run, plus one row per
/// run in `folio_runs` (`RunRecord`; a rerun with the same run id updates its
/// row and its `rendered_at`, the only wall-clock value, which nothing
/// deterministic reads).
///
/// Column types: number → double precision (non-finite → NULL), integer →
/// bigint, string → text, date → date; missing → NULL. Names are quoted, so
/// `MODEL_RESULTS` stays upper case (query it as `"MODEL_RESULTS"`).
public enum PostgresResultStore {
  /// Most bound parameters in one INSERT (the protocol allows 65,535).
  static let parametersPerInsert = 30_000

  /// Replaces `tables` and records `run` on the server at `address`.
  /// - Throws: `DatabaseAccessError(.connection)` or `.sql` with the server's
  ///   message; on any error nothing is changed (the transaction rolls back).
  public static func write(
    _ tables: [(name: String, frame: Frame)], run: RunRecord?, to address: PostgresAddress, timeout: Double = 300
  ) throws(DatabaseAccessError) {
    if run != nil, tables.contains(where: { $0.name == RunRecord.tableName }) {
      throw DatabaseAccessError(.sql, "a result table cannot be named '\(RunRecord.tableName)': that name holds the runs table")
    }
    let statements = tables.flatMap { replaceStatements($0.name, $0.frame) } + (run.map(recordStatements) ?? [])
    try PostgresSession.run(address, timeout: timeout, what: "writing result tables") { connection, logger in
      // BEGIN … COMMIT by hand, each statement awaited to its CommandComplete
      // on the event loop (PostgresNIO's back-pressured path can stall or trap
      // when the server goes away); on any error the connection is closed,
      // and the server rolls the transaction back.
      do {
        for statement in [PostgresQuery(unsafeSQL: "BEGIN")] + statements + [PostgresQuery(unsafeSQL: "COMMIT")] {
          _ = try await connection.query(statement, logger: logger) { _ in }.get()
        }
      } catch {
        let (kind, text) = PostgresSession.classify(error, address: address)
        throw DatabaseAccessError(kind, "cannot write result tables to \(address.redacted): \(text)")
      }
    }
  }

  static func replaceStatements(_ name: String, _ frame: Frame) -> [PostgresQuery] {
    let table = SQLiteResultStore.quote(name)
    let columns = zip(frame.columnNames, frame.columns).map { "\(SQLiteResultStore.quote($0.0)) \(sqlType($0.1.type))" }
    var out = [
      PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(table)"),
      PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (\(columns.joined(separator: ", ")))"),
    ]
    let width = frame.columnNames.count
    guard width > 0, frame.rowCount > 0 else { return out }
    let rowsPerInsert = max(1, parametersPerInsert / width)
    var start = 0
    while start < frame.rowCount {
      let end = min(frame.rowCount, start + rowsPerInsert)
      var binds = PostgresBindings(capacity: (end - start) * width)
      var tuples: [String] = []
      for r in start..<end {
        var placeholders: [String] = []
        for column in frame.columns {
          if let value = parameter(column[r]) { binds.append(value) } else { binds.appendNull() }
          placeholders.append("$\(binds.count)")
        }
        tuples.append("(" + placeholders.joined(separator: ", ") + ")")
      }
      out.append(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES " + tuples.joined(separator: ", "), binds: binds))
      start = end
    }
    return out
  }

  static func recordStatements(_ run: RunRecord) -> [PostgresQuery] {
    var binds = PostgresBindings(capacity: 7)
    binds.append(run.runID)
    binds.append(run.notebookPath)
    binds.append(run.notebookSHA256)
    binds.append(run.paramsJSON)
    binds.append(Int(run.storedSeed))
    binds.append(run.folioVersion)
    binds.append(run.storedTableNames)
    return [
      PostgresQuery(
        unsafeSQL: """
          CREATE TABLE IF NOT EXISTS \(RunRecord.tableName) (
            run_id text PRIMARY KEY, notebook text NOT NULL, notebook_sha256 text NOT NULL,
            params_json text NOT NULL, seed bigint NOT NULL, folio_version text NOT NULL,
            result_tables text NOT NULL, rendered_at timestamptz NOT NULL DEFAULT now())
          """),
      PostgresQuery(
        unsafeSQL: """
          INSERT INTO \(RunRecord.tableName) (run_id, notebook, notebook_sha256, params_json, seed, folio_version, result_tables)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (run_id) DO UPDATE SET notebook = EXCLUDED.notebook, result_tables = EXCLUDED.result_tables,
            rendered_at = now()
          """, binds: binds),
    ]
  }

  static func sqlType(_ type: ColumnType) -> String {
    switch type {
    case .number: return "double precision"
    case .integer: return "bigint"
    case .string: return "text"
    case .date, .week: return "date"
    }
  }

  /// The cell as a typed text parameter, `nil` for NULL.
  static func parameter(_ cell: Cell) -> PostgresTypedTextParameter? {
    switch cell {
    case .missing: return nil
    case .number(let v): return v.isFinite ? PostgresTypedTextParameter(text: v.description, psqlType: .float8) : nil
    case .integer(let v): return PostgresTypedTextParameter(text: String(v), psqlType: .int8)
    case .string(let s): return PostgresTypedTextParameter(text: s, psqlType: .text)
    case .date(let d): return PostgresTypedTextParameter(text: CivilDate.isoString(days: d), psqlType: .date)
    }
  }
}
