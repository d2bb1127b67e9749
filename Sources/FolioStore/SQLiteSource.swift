import FolioData
import Foundation
import GRDB

/// Runs a read-only query against a SQLite file and returns the rows as a
/// `Frame` (types as `QueryFrameBuilder` infers them).
///
/// Parameters are bound (`?`, `?NNN`, `:name` placeholders take the
/// bindings in order), never pasted into the SQL, so a value with a quote in
/// it is just a value. Bindings are TEXT; SQLite's type affinity converts
/// them when compared with an INTEGER or REAL column. BLOB values are an
/// error (cast them in the query).
public enum SQLiteSource {
  /// Runs `sql` with `bindings` against the SQLite file at `path`.
  /// - Throws: `DatabaseAccessError(.connection)` when the file is absent or not a
  ///   SQLite database, `.sql` with SQLite's own message, `.conversion` for
  ///   values that do not fit.
  public static func query(
    path: String, sql: String, bindings: [String] = [], declared: [String: ColumnType] = [:]
  ) throws(DatabaseAccessError) -> Frame {
    try read(path: path, sql: sql, bindings: bindings, declared: declared, hashing: false).frame
  }

  /// Runs the query; with `hashing`, also returns `SQLiteResultHasher`'s digest of the rows.
  static func read(
    path: String, sql: String, bindings: [String], declared: [String: ColumnType], hashing: Bool
  ) throws(DatabaseAccessError) -> (frame: Frame, sha256: String?) {
    let result = try reading(path: path, sql: sql, bindings: bindings) { statement in
      let names = statement.columnNames
      var hasher = hashing ? SQLiteResultHasher(columnNames: names) : nil
      var columns = [[QueryCell]](repeating: [], count: names.count)
      let rows = try Row.fetchCursor(statement)
      var rowNumber = 0
      while let row = try rows.next() {
        rowNumber += 1
        hasher?.add(row)
        for c in 0..<names.count {
          columns[c].append(try cell(row[c] as DatabaseValue, column: names[c], row: rowNumber))
        }
      }
      return (names: names, columns: columns, sha256: hasher?.finalize())
    }
    let frame = try QueryFrameBuilder.frame(names: result.names, columns: result.columns, declared: declared)
    return (frame, result.sha256)
  }

  /// Opens `path` read-only (committed rows in a `-wal` file included),
  /// prepares `sql` with `bindings` and hands the statement to `body`.
  /// - Throws: as `query`.
  static func reading<T>(
    path: String, sql: String, bindings: [String], _ body: (Statement) throws -> T
  ) throws(DatabaseAccessError) -> T {
    guard FileManager.default.fileExists(atPath: path) else {
      throw DatabaseAccessError(.connection, "cannot open SQLite database '\(path)': no such file")
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.label = "folio-source"
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw DatabaseAccessError(.connection, "cannot open SQLite database '\(path)': \(message(of: error))")
    }
    do {
      return try queue.read { db in try body(try prepare(db, sql: sql, bindings: bindings)) }
    } catch let e as DatabaseAccessError {
      throw e
    } catch let e as GRDB.DatabaseError where e.resultCode == .SQLITE_NOTADB {
      throw DatabaseAccessError(.connection, "cannot open SQLite database '\(path)': \(message(of: e))")
    } catch {
      throw DatabaseAccessError(.sql, "SQL error: \(message(of: error))")
    }
  }

  private static func prepare(_ db: Database, sql: String, bindings: [String]) throws -> Statement {
    let statement = try db.makeStatement(sql: sql)
    guard statement.isReadonly else {
      throw DatabaseAccessError(.sql, "SQL error: a data source query must only read (SELECT or WITH … SELECT)")
    }
    do {
      try statement.setArguments(StatementArguments(bindings))
    } catch {
      throw DatabaseAccessError(
        .sql, "SQL error: the query's parameters do not match the \(bindings.count) binding\(bindings.count == 1 ? "" : "s") given (\(message(of: error)))")
    }
    return statement
  }

  private static func cell(_ value: DatabaseValue, column: String, row: Int) throws -> QueryCell {
    switch value.storage {
    case .null: return .null
    case .int64(let v): return .integer(Int(v))
    case .double(let v): return .real(v)
    case .string(let s): return .text(s)
    case .blob:
      throw DatabaseAccessError(
        .conversion, "column '\(column)', result row \(row): a BLOB value cannot be read; cast it in the query (CAST(\(column) AS TEXT))")
    }
  }

  /// SQLite's own message, without GRDB's "SQLite error N:" prefix and SQL echo.
  static func message(of error: any Error) -> String {
    if let e = error as? GRDB.DatabaseError { return e.message ?? "\(e.resultCode)" }
    return String(describing: error)
  }
}
