import FolioData
import Foundation

/// Where `folio render --results` writes result tables: `sqlite:PATH` or
/// `postgres://user@host:port/database`.
public enum ResultStoreTarget: Sendable, Equatable, CustomStringConvertible {
  case sqlite(path: String)
  case postgres(PostgresAddress)

  /// Parses a `--results` value.
  /// - Throws: `DatabaseAccessError(.address)` for anything but `sqlite:PATH`
  ///   (non-empty path) or a valid PostgreSQL address.
  public init(parsing text: String) throws(DatabaseAccessError) {
    if PostgresAddress.isPostgres(text) {
      self = .postgres(try PostgresAddress(text))
    } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
      self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
    } else {
      throw DatabaseAccessError(.address, "expected 'sqlite:PATH' or 'postgres://user@host:port/database', found '\(PostgresAddress.redact(text))'")
    }
  }

  /// Writes `tables` and the run record in one transaction.
  public func write(_ tables: [(name: String, frame: Frame)], run: RunRecord) throws(DatabaseAccessError) {
    switch self {
    case .sqlite(let path): try SQLiteResultStore.write(tables, run: run, to: path)
    case .postgres(let address): try PostgresResultStore.write(tables, run: run, to: address)
    }
  }

  /// The target as shown to the user (PostgreSQL without password).
  public var description: String {
    switch self {
    case .sqlite(let path): return "sqlite:\(path)"
    case .postgres(let address): return address.redacted
    }
  }
}
