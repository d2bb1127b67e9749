import Foundation
import PostgresNIO

/// One short-lived PostgreSQL connection, opened for one piece of work and
/// closed after it, driven synchronously through `SyncBridge`.
///
/// Errors become `DatabaseAccessError`s whose text carries the server's own
/// message and the address without its password.
enum PostgresSession {
  /// How long a connection attempt may take.
  static let connectTimeout: Int64 = 10

  /// Connects to `address`, runs `body`, closes the connection.
  static func run<T: Sendable>(
    _ address: PostgresAddress, timeout: Double, what: String,
    _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
  ) throws(DatabaseAccessError) -> T {
    do {
      return try SyncBridge.run(timeout: timeout, what: "\(what) on \(address.redacted)") {
        var logger = Logger(label: "folio.postgres")
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
          var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user,
            password: address.password, database: address.database, tls: .disable)
          configuration.options.connectTimeout = .seconds(connectTimeout)
          connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
          throw DatabaseAccessError(.connection, "cannot connect to PostgreSQL at \(address.redacted): \(describe(error))")
        }
        do {
          let value = try await body(connection, logger)
          try? await connection.close()
          return value
        } catch {
          try? await connection.close()
          throw error
        }
      }
    } catch let e as DatabaseAccessError {
      throw e
    } catch {
      throw DatabaseAccessError(.sql, "SQL error: \(describe(error))")
    }
  }

  /// The most useful one-line text of a PostgresNIO or NIO error: the
  /// server's message when there is one, else the operating system's
  /// ("connection refused").
  static func describe(_ error: any Error) -> String {
    if let e = error as? PSQLError {
      if let message = e.serverInfo?[.message] {
        var text = message
        if let detail = e.serverInfo?[.detail] { text += " (\(detail))" }
        return text
      }
      if let underlying = e.underlying { return describe(underlying) }
      return "\(e.code)"
    }
    if let e = error as? PostgresTransactionError {
      if let inner = e.closureError ?? e.beginError ?? e.commitError { return describe(inner) }
    }
    if let e = error as? NIOConnectionError {
      if let first = e.connectionErrors.first { return describe(first.error) }
      if let dns = e.dnsAError ?? e.dnsAAAAError { return "cannot resolve host '\(e.host)' (\(describe(dns)))" }
      return "cannot resolve host '\(e.host)'"
    }
    if let e = error as? IOError { return String(cString: strerror(e.errnoCode)).lowercased() }
    if let e = error as? DatabaseAccessError { return e.message }
    return String(describing: error)
  }
}

/// A bound parameter sent as text with type OID 0 ("unspecified"), so the
/// server infers its type from where `$n` appears, exactly as for a quoted
/// literal: `WHERE region = $1` binds text, `WHERE week >= $1` a date.
/// The value never becomes part of the SQL text.
struct PostgresTextParameter: PostgresDynamicTypeEncodable {
  var text: String
  var psqlType: PostgresDataType { PostgresDataType(0) }
  var psqlFormat: PostgresFormat { .text }
  func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
    byteBuffer.writeString(text)
  }
}

/// A value sent as text with an explicit type (for inserting result tables).
struct PostgresTypedTextParameter: PostgresDynamicTypeEncodable {
  var text: String
  var psqlType: PostgresDataType
  var psqlFormat: PostgresFormat { .text }
  func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
    byteBuffer.writeString(text)
  }
}
