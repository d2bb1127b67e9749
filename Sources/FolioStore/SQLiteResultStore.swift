import FolioData
import Foundation
import GRDB

/// Writes named result tables into a SQLite file, one SQL table per result
/// table, replaced atomically (one transaction) on every run.
///
/// Column types map to SQLite affinities: number → REAL, integer → INTEGER,
/// date → TEXT (ISO 8601), string → TEXT; missing → NULL. Table and column
/// names are quoted, so any name a CSV header allows is safe.
public enum SQLiteResultStore {
  /// Replaces the tables `tables` in the SQLite file at `path` (created if absent).
  public static func write(_ tables: [(name: String, frame: Frame)], to path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      for (name, frame) in tables {
        try db.execute(sql: "DROP TABLE IF EXISTS \(quote(name))")
        let columns = zip(frame.columnNames, frame.columns).map { "\(quote($0.0)) \(affinity($0.1.type))" }
        try db.execute(sql: "CREATE TABLE \(quote(name)) (\(columns.joined(separator: ", ")))")
        guard frame.columnNames.count > 0 else { continue }
        let placeholders = Array(repeating: "?", count: frame.columnNames.count).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \(quote(name)) VALUES (\(placeholders))")
        for r in 0..<frame.rowCount {
          try statement.execute(arguments: StatementArguments(frame.columns.map { databaseValue($0[r]) }))
        }
      }
    }
  }

  static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  static func affinity(_ type: ColumnType) -> String {
    switch type {
    case .number: return "REAL"
    case .integer: return "INTEGER"
    case .string, .date: return "TEXT"
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
