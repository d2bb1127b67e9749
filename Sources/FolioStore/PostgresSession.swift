import Foundation
import PostgresNIO

/// One short-lived PostgreSQL connection, opened for one piece of work and
/// closed after it, driven synchronously through `SyncBridge`.
///
/// Errors become `DatabaseAccessError`s whose text says what happened in
/// words (`PostgresErrorText`) and names the server without its password.
/// The server can disconnect, restart or stall at any point: every failure
/// path ends in a thrown error, never in a trap inside the client library.
enum PostgresSession {
  /// Connects to `address`, runs `body`, closes the connection.
  /// - Parameters:
  ///   - timeout: seconds for the whole piece of work; the server is also
  ///     told to cancel any statement running longer (`statement_timeout`),
  ///     so a slow query ends with the server's own message.
  ///   - what: the work, for the timeout message ("the query").
  static func run<T: Sendable>(
    _ address: PostgresAddress, timeout: Double, what: String,
    _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
  ) throws(DatabaseAccessError) -> T {
    let tls = try PostgresTLS.configuration(for: address)
    // The server-side limit fires first; the bridge's is the backstop for a
    // server that stops answering altogether.
    let backstop = timeout + Double(address.connectTimeout) + 5
    do {
      return try SyncBridge.run(timeout: backstop, what: "\(what) on \(address.redacted)") {
        var logger = Logger(label: "folio.postgres")
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
          var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user,
            password: address.password, database: address.database, tls: tls)
          configuration.options.connectTimeout = .seconds(Int64(address.connectTimeout))
          configuration.options.additionalStartupParameters = [
            ("statement_timeout", String(max(1, Int((timeout * 1000).rounded()))))
          ]
          connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
          throw DatabaseAccessError(
            .connection,
            "cannot connect to PostgreSQL at \(address.redacted): \(PostgresErrorText.describe(error, address: address, phase: .connecting))")
        }
        do {
          let value = try await body(connection, logger)
          try? await connection.close()
          return value
        } catch {
          try? await connection.close()
          throw failure(error, address: address)
        }
      }
    } catch let e as DatabaseAccessError {
      throw e
    } catch {
      throw failure(error, address: address)
    }
  }

  /// A failure after connecting: `.sql` when the server rejected the SQL
  /// (its message), `.timeout` for a statement that ran out of time,
  /// `.connection` when the connection itself broke.
  static func failure(_ error: any Error, address: PostgresAddress) -> DatabaseAccessError {
    if let e = error as? DatabaseAccessError { return e }
    let (kind, text) = classify(error, address: address)
    switch kind {
    case .sql: return DatabaseAccessError(.sql, "SQL error: \(text)")
    case .timeout:
      return DatabaseAccessError(.timeout, "the query ran out of time on \(address.redacted): \(text); give the block a longer 'timeout:' if it needs one")
    default: return DatabaseAccessError(.connection, "PostgreSQL at \(address.redacted): \(text)")
    }
  }

  /// The kind of a failure after connecting and its description without prefix.
  static func classify(_ error: any Error, address: PostgresAddress) -> (kind: DatabaseAccessError.Kind, text: String) {
    if let e = error as? DatabaseAccessError { return (e.kind, e.message) }
    let text = PostgresErrorText.describe(error, address: address, phase: .querying)
    if let e = (error as? PSQLError) ?? ((error as? PostgresTransactionError)?.closureError as? PSQLError),
      e.code == .server, let state = e.serverInfo?[.sqlState]
    {
      if state == "57014" { return (.timeout, text) }
      if !state.hasPrefix("57") && !state.hasPrefix("08") { return (.sql, text) }
    }
    return (.connection, text)
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
