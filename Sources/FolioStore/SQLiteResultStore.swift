import FolioData
import Foundation
import GRDB

/// Writes named result tables into a SQLite file, one SQL table per result
/// table, replaced atomically (one transaction) on every run, plus one row
/// per run in `folio_runs` (`RunRecord`).
///
/// Column types map to SQLite affinities: number → REAL, integer → INTEGER,
/// date → TEXT (ISO 8601), string → TEXT; missing and non-finite → NULL.
/// Table and column names are quoted, so any name a CSV header allows is safe.
/// Tables the run does not write are left alone; `folio_runs` keeps one row
/// per distinct run id (a rerun with identical inputs replaces its row).
public enum SQLiteResultStore {
  /// Replaces the tables `tables` in the SQLite file at `path` (created if absent).
  public static func write(_ tables: [(name: String, frame: Frame)], to path: String) throws {
    try write(tables, run: nil, to: path)
  }

  /// Replaces `tables` and records `run` (when given), in one transaction.
  /// - Throws: `DatabaseAccessError(.connection)` when the file cannot be opened or
  ///   written, `.sql` for a table named like the runs table or a database error.
  public static func write(_ tables: [(name: String, frame: Frame)], run: RunRecord?, to path: String) throws(DatabaseAccessError) {
    if run != nil, tables.contains(where: { $0.name == RunRecord.tableName }) {
      throw DatabaseAccessError(.sql, "a result table cannot be named '\(RunRecord.tableName)': that name holds the runs table")
    }
    try write(tables, run: run, to: path, configuration: Configuration())
  }

  /// Replaces the file at `path` by a new SQLite file holding only `tables`
  /// and `run`: built beside it, then renamed over it, so a reader sees the
  /// old file or the new one, never a half-written one.
  ///
  /// The new file is a derived output (rerunning the notebook rebuilds it),
  /// so it is written without `fsync` and with its rollback journal in
  /// memory: on this project's machines the four syncs of a durable commit
  /// cost more than a whole warm-cache render.
  public static func writeFresh(
    _ tables: [(name: String, frame: Frame)], run: RunRecord?, replacing path: String
  ) throws(DatabaseAccessError) {
    let building = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: building)
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
    }
    do throws(DatabaseAccessError) {
      try write(tables, run: run, to: building, configuration: configuration)
      if rename(building, path) != 0 {
        throw DatabaseAccessError(.connection, "cannot replace SQLite database '\(path)': \(String(cString: strerror(errno)))")
      }
    } catch {
      try? FileManager.default.removeItem(atPath: building)
      throw error
    }
  }

  private static func write(
    _ tables: [(name: String, frame: Frame)], run: RunRecord?, to path: String, configuration: Configuration
  ) throws(DatabaseAccessError) {
    let queue: DatabaseQueue
    do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch {
      throw DatabaseAccessError(.connection, "cannot open SQLite database '\(path)' for writing: \(SQLiteSource.message(of: error))")
    }
    do {
      try queue.write { db in
        for (name, frame) in tables { try replace(name, with: frame, in: db) }
        if let run { try record(run, in: db) }
      }
    } catch {
      throw DatabaseAccessError(.sql, "cannot write result tables to '\(path)': \(SQLiteSource.message(of: error))")
    }
  }

  private static func replace(_ name: String, with frame: Frame, in db: Database) throws {
    try db.execute(sql: "DROP TABLE IF EXISTS \(quote(name))")
    let columns = zip(frame.columnNames, frame.columns).map { "\(quote($0.0)) \(affinity($0.1.type))" }
    try db.execute(sql: "CREATE TABLE \(quote(name)) (\(columns.joined(separator: ", ")))")
    guard frame.columnNames.count > 0 else { return }
    let placeholders = Array(repeating: "?", count: frame.columnNames.count).joined(separator: ", ")
    let statement = try db.makeStatement(sql: "INSERT INTO \(quote(name)) VALUES (\(placeholders))")
    for r in 0..<frame.rowCount {
      try statement.execute(arguments: StatementArguments(frame.columns.map { databaseValue($0[r]) }))
    }
  }

  private static func record(_ run: RunRecord, in db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE IF NOT EXISTS \(RunRecord.tableName) (
          run_id TEXT PRIMARY KEY, notebook TEXT NOT NULL, notebook_sha256 TEXT NOT NULL,
          params_json TEXT NOT NULL, seed INTEGER NOT NULL, folio_version TEXT NOT NULL,
          result_tables TEXT NOT NULL)
        """)
    try db.execute(
      sql: "INSERT OR REPLACE INTO \(RunRecord.tableName) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [
        run.runID, run.notebookPath, run.notebookSHA256, run.paramsJSON, run.storedSeed, run.folioVersion,
        run.storedTableNames,
      ])
  }

  static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  static func affinity(_ type: ColumnType) -> String {
    switch type {
    case .number: return "REAL"
    case .integer: return "INTEGER"
    case .string, .date, .week: return "TEXT"
    }
  }

  static func databaseValue(_ cell: Cell) -> DatabaseValue {
    switch cell {
    case .missing: return .null
    case .number(let v): return v.isFinite ? v.databaseValue : .null
    case .integer(let v): return v.databaseValue
    case .string(let s): return s.databaseValue
    case .date(let d): return CivilDate.isoString(days: d).databaseValue
    }
  }
}
