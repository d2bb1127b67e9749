import FolioData
import Crypto
import Foundation
import GRDB

extension SQLiteSource {
  /// SHA-256 (hex) of what `sql` reads from the SQLite file at `path`
  /// (`SQLiteResultHasher`), streamed row by row: neither the result nor the
  /// file is ever held in memory whole.
  ///
  /// This is the cache key of a SQLite source: it changes exactly when the
  /// query's result does, whether the rows sit in the main file or in
  /// committed `-wal` pages, and not when unrelated tables change.
  /// - Throws: as `query`.
  public static func resultDigest(path: String, sql: String, bindings: [String] = []) throws(DatabaseAccessError) -> String {
    try reading(path: path, sql: sql, bindings: bindings) { statement in
      var hasher = SQLiteResultHasher(columnNames: statement.columnNames)
      let rows = try Row.fetchCursor(statement)
      while let row = try rows.next() { hasher.add(row) }
      return hasher.finalize()
    }
  }

  /// `query`, plus the same SHA-256 `resultDigest` gives, from one pass over the rows.
  public static func queryWithDigest(
    path: String, sql: String, bindings: [String] = [], declared: [String: ColumnType] = [:]
  ) throws(DatabaseAccessError) -> (frame: Frame, sha256: String) {
    let result = try read(path: path, sql: sql, bindings: bindings, declared: declared, hashing: true)
    return (result.frame, result.sha256 ?? "")
  }
}

/// The bytes a query result is hashed as: each column name, then for every
/// row a row mark and each value as storage-class tag, length and bytes
/// (integers and doubles as 8 little-endian bytes, text as UTF-8). Two
/// results hash alike only if they have the same names, values and classes.
struct SQLiteResultHasher {
  private var hash = SHA256()
  private var bytes: [UInt8] = []

  init(columnNames: [String]) {
    for name in columnNames { append(0x6E, Array(name.utf8)) }
  }

  mutating func add(_ row: Row) {
    bytes.append(0x0A)
    for c in 0..<row.count {
      switch (row[c] as DatabaseValue).storage {
      case .null: append(0x00, [])
      case .int64(let v): append(0x01, Self.littleEndian(UInt64(bitPattern: v)))
      case .double(let v): append(0x02, Self.littleEndian(v.bitPattern))
      case .string(let s): append(0x03, Array(s.utf8))
      case .blob(let d): append(0x04, Array(d))
      }
    }
    if bytes.count >= 1 << 16 { flush() }
  }

  mutating func finalize() -> String {
    flush()
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
  }

  private mutating func append(_ tag: UInt8, _ payload: [UInt8]) {
    bytes.append(tag)
    bytes.append(contentsOf: Self.littleEndian(UInt64(payload.count)))
    bytes.append(contentsOf: payload)
  }

  private mutating func flush() {
    hash.update(data: bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  private static func littleEndian(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}
