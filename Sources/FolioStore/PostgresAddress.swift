import Foundation

/// A parsed `postgres://user:password@host:port/database?sslmode=…` address,
/// with libpq's meanings and sources for every part.
///
/// Each setting comes from, in order: the URL itself; the `[service]` section
/// of the connection service file when the URL says `?service=NAME` (or
/// `PGSERVICE` is set), read from `PGSERVICEFILE` or `~/.pg_service.conf`;
/// the environment (`PGPASSWORD`, `PGSSLMODE`, `PGSSLROOTCERT`,
/// `PGCONNECT_TIMEOUT`); and for the password last the password file
/// (`PGPASSFILE` or `~/.pgpass`, `host:port:database:user:password` lines).
/// So a notebook never needs to hold a password.
///
/// Query items: `sslmode` (disable, prefer — the default, require,
/// verify-ca, verify-full; see `PostgresSSLMode`), `sslrootcert` (a PEM file
/// of trusted CA certificates, or `system`), `connect_timeout` (seconds,
/// default 10), `service`, `password`. `redacted` is the address without its
/// password: the only form Folio prints or records.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
  public var user: String
  public var password: String?
  public var host: String
  public var port: Int
  public var database: String
  public var sslMode: PostgresSSLMode
  /// Trusted CA certificates (PEM) for verifying the server, `system` for
  /// the operating system's, or `nil` (then `~/.postgresql/root.crt` when it exists).
  public var sslRootCert: String?
  /// Seconds a TCP connection attempt may take.
  public var connectTimeout: Int
  /// libpq's default root certificate file, `~/.postgresql/root.crt`, used
  /// when `sslRootCert` is `nil` and the file exists.
  public var defaultRootCert: String

  /// Parses `text`, which must start with `postgres://` or `postgresql://`.
  /// - Parameter environment: where `PG…` variables and `HOME` are read.
  /// - Throws: `DatabaseAccessError(.address)` saying what part is malformed.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseAccessError) {
    guard Self.isPostgres(text) else {
      throw DatabaseAccessError(.address, "expected a PostgreSQL address 'postgres://user@host:port/database', found '\(text)'")
    }
    let shown = ConnectionString.redacted(text)
    guard let parts = URLComponents(string: text) else {
      throw DatabaseAccessError(.address, "malformed PostgreSQL address '\(shown)'; expected 'postgres://user@host:port/database'")
    }
    var items: [String: String] = [:]
    for item in parts.queryItems ?? [] {
      guard Self.queryItems.contains(item.name) else {
        throw DatabaseAccessError(
          .address,
          "PostgreSQL address option '\(item.name)' is not supported; expected one of \(Self.queryItems.sorted().joined(separator: ", "))")
      }
      items[item.name] = item.value ?? ""
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    var service: [String: String] = [:]
    if let name = items["service"] ?? environment["PGSERVICE"], !name.isEmpty {
      service = try PostgresServiceFile.settings(service: name, environment: environment, home: home)
    }
    func setting(_ url: String?, _ key: String, _ variable: String?) -> String? {
      for value in [url, service[key], variable.flatMap { environment[$0] }] {
        if let value, !value.isEmpty { return value }
      }
      return nil
    }
    guard let host = setting(parts.host, "host", nil) else {
      throw DatabaseAccessError(.address, "malformed PostgreSQL address '\(shown)': no host; expected 'postgres://user@host:port/database'")
    }
    guard let user = setting(parts.user, "user", nil) else {
      throw DatabaseAccessError(.address, "PostgreSQL address '\(shown)' names no user; expected 'postgres://user@host:port/database'")
    }
    guard let database = setting(String(parts.path.drop(while: { $0 == "/" })), "dbname", nil) else {
      throw DatabaseAccessError(.address, "PostgreSQL address '\(shown)' names no database; expected 'postgres://user@host:port/database'")
    }
    let portText = parts.port.map(String.init) ?? service["port"]
    guard let port = portText.map({ Int($0) }) ?? 5432, (1...65535).contains(port) else {
      throw DatabaseAccessError(.address, "PostgreSQL address '\(shown)': port '\(portText ?? "")' is not a number from 1 to 65535")
    }
    let modeText = setting(items["sslmode"], "sslmode", "PGSSLMODE") ?? PostgresSSLMode.prefer.rawValue
    guard let mode = PostgresSSLMode(rawValue: modeText) else {
      throw DatabaseAccessError(
        .address,
        "sslmode '\(modeText)' is not supported; expected one of \(PostgresSSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let timeoutText = setting(items["connect_timeout"], "connect_timeout", "PGCONNECT_TIMEOUT") ?? "10"
    guard let timeout = Int(timeoutText), timeout > 0 else {
      throw DatabaseAccessError(.address, "connect_timeout '\(timeoutText)' is not a whole number of seconds above 0")
    }
    self.user = user
    self.host = host
    self.port = port
    self.database = database
    self.sslMode = mode
    self.sslRootCert = setting(items["sslrootcert"], "sslrootcert", "PGSSLROOTCERT")
    self.connectTimeout = timeout
    self.defaultRootCert = (home as NSString).appendingPathComponent(".postgresql/root.crt")
    self.password =
      setting(parts.password ?? items["password"], "password", "PGPASSWORD")
      ?? PostgresPasswordFile.password(host: host, port: port, database: database, user: user, environment: environment, home: home)
  }

  /// The query items an address may carry.
  static let queryItems: Set<String> = ["sslmode", "sslrootcert", "connect_timeout", "service", "password"]

  /// Whether `text` is a PostgreSQL address (`postgres://` or `postgresql://`).
  public static func isPostgres(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  /// `postgres://user@host:port/database`, never with the password.
  public var redacted: String { "postgres://\(user)@\(hostForURL):\(port)/\(database)" }
  public var description: String { redacted }

  /// `host:port`, for messages about reaching the server.
  public var endpoint: String { "\(hostForURL):\(port)" }

  private var hostForURL: String { host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host }

  /// `text` with any password removed, for messages about a malformed address.
  static func redact(_ text: String) -> String { ConnectionString.redacted(text) }
}
