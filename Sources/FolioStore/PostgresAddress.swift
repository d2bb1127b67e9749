import Foundation

/// A parsed `postgres://user:password@host:port/database` address.
///
/// Only plain TCP without TLS is supported (loopback or a trusted network):
/// `?sslmode=disable` is accepted, any other query item is an error. The
/// password may also come from the `PGPASSWORD` environment variable.
/// `redacted` is the address without its password: the only form Folio
/// prints or records.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
  public var user: String
  public var password: String?
  public var host: String
  public var port: Int
  public var database: String

  /// Parses `text`, which must start with `postgres://` or `postgresql://`.
  /// - Throws: `DatabaseAccessError(.address)` saying what part is malformed.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseAccessError) {
    guard Self.isPostgres(text) else {
      throw DatabaseAccessError(.address, "expected a PostgreSQL address 'postgres://user@host:port/database', found '\(text)'")
    }
    guard let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty else {
      throw DatabaseAccessError(.address, "malformed PostgreSQL address '\(Self.redact(text))'; expected 'postgres://user@host:port/database'")
    }
    guard let user = parts.user, !user.isEmpty else {
      throw DatabaseAccessError(.address, "PostgreSQL address '\(Self.redact(text))' names no user; expected 'postgres://user@host:port/database'")
    }
    let database = String(parts.path.drop(while: { $0 == "/" }))
    guard !database.isEmpty else {
      throw DatabaseAccessError(.address, "PostgreSQL address '\(Self.redact(text))' names no database; expected 'postgres://user@host:port/database'")
    }
    for item in parts.queryItems ?? [] where !(item.name == "sslmode" && item.value == "disable") {
      throw DatabaseAccessError(.address, "PostgreSQL address option '\(item.name)=\(item.value ?? "")' is not supported; only sslmode=disable (no TLS) is")
    }
    self.user = user
    self.password = parts.password ?? environment["PGPASSWORD"]
    self.host = host
    self.port = parts.port ?? 5432
    self.database = database
  }

  /// Whether `text` is a PostgreSQL address (`postgres://` or `postgresql://`).
  public static func isPostgres(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  /// `postgres://user@host:port/database`, never with the password.
  public var redacted: String { "postgres://\(user)@\(hostForURL):\(port)/\(database)" }
  public var description: String { redacted }

  private var hostForURL: String { host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host }

  /// `text` with any `:password@` removed, for messages about a malformed address.
  static func redact(_ text: String) -> String {
    guard let scheme = text.range(of: "://"), let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex) else { return text }
    let userInfo = text[scheme.upperBound..<at.lowerBound]
    guard let colon = userInfo.firstIndex(of: ":") else { return text }
    return String(text[..<colon]) + String(text[at.lowerBound...])
  }
}
