import FolioData
import Foundation
import PostgresNIO

/// Runs a query on a PostgreSQL server and returns the rows as a `Frame`.
///
/// `$1`, `$2`, … take `bindings` in order, sent as bound parameters of
/// unspecified type (the server infers each from its use), never pasted into
/// the SQL. Column types: smallint/integer/bigint → integer; real/double/
/// numeric → number; boolean → integer 1/0; date → date; text, varchar,
/// char, name, uuid, json → string; timestamp → string (ISO 8601, UTC for
/// timestamptz). Any other type is an error asking for a cast. NULL → missing.
public enum PostgresSource {
  /// Runs `sql` with `bindings` on the server at `address`.
  /// - Parameter timeout: seconds for connecting plus running the query.
  /// - Throws: `DatabaseAccessError(.connection)` ("cannot connect to PostgreSQL at
  ///   postgres://…: connection refused"), `.sql` with the server's message,
  ///   `.conversion`, `.timeout`.
  public static func query(
    address: PostgresAddress, sql: String, bindings: [String] = [], declared: [String: ColumnType] = [:],
    timeout: Double = 300
  ) throws(DatabaseAccessError) -> Frame {
    let (names, columns) = try PostgresSession.run(address, timeout: timeout, what: "the query") { connection, logger in
      var binds = PostgresBindings(capacity: bindings.count)
      for b in bindings { binds.append(PostgresTextParameter(text: b)) }
      let query = PostgresQuery(unsafeSQL: sql, binds: binds)
      // Rows are taken on the event loop as they arrive (no back-pressure):
      // PostgresNIO 1.33's back-pressured row sequence traps when the server
      // closes the connection while the consumer is behind (RowStreamStateMachine
      // "How can we receive a body part, after a channelReadComplete…").
      let collector = PostgresRowCollector()
      let metadata: PostgresQueryMetadata
      do {
        metadata = try await connection.query(query, logger: logger) { row in try collector.add(row) }.get()
      } catch {
        throw PostgresSession.failure(error, address: address)
      }
      let collected = collector.result()
      if collected.rowCount > 0 || metadata.command != "SELECT" || metadata.rows != 0 {
        return (collected.names, collected.columns)  // rows, or a statement such as CREATE TABLE … AS
      }
      // A SELECT without rows has no row to name the columns: ask again, reading
      // only the row description (an empty result cannot stall, so back-pressure is moot).
      do {
        let rows = try await connection.query(query, logger: logger)
        let names = rows.columns.map(\.name)
        for try await _ in rows {}
        return (names, [[QueryCell]](repeating: [], count: names.count))
      } catch {
        throw PostgresSession.failure(error, address: address)
      }
    }
    return try QueryFrameBuilder.frame(names: names, columns: columns, declared: declared)
  }
}

/// Collects rows on the connection's event loop, converting each cell as it
/// arrives; lock-protected, so the caller can read the result afterwards.
final class PostgresRowCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var names: [String] = []
  private var columns: [[QueryCell]] = []
  private var rowCount = 0

  func add(_ row: PostgresRow) throws {
    lock.lock()
    defer { lock.unlock() }
    rowCount += 1
    if rowCount == 1 {
      names = row.map(\.columnName)
      columns = [[QueryCell]](repeating: [], count: names.count)
    }
    for (c, cell) in row.enumerated() { columns[c].append(try PostgresCellReader.read(cell, row: rowCount)) }
  }

  func result() -> (names: [String], columns: [[QueryCell]], rowCount: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (names, columns, rowCount)
  }
}

/// Reads one PostgreSQL result cell (binary format) into a `QueryCell`.
enum PostgresCellReader {
  /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
  static let epochOffsetDays = 10_957

  static func read(_ cell: PostgresCell, row: Int) throws -> QueryCell {
    guard var bytes = cell.bytes else { return .null }
    do {
      switch cell.dataType {
      case .int2, .int4, .int8: return .integer(try cell.decode(Int.self))
      case .float4, .float8: return .real(try cell.decode(Double.self))
      case .numeric:
        let d = try cell.decode(Decimal.self)
        return d.isNaN ? .null : .real(Double("\(d)") ?? .nan)
      case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
      case .date:
        guard cell.format == .binary, let days = bytes.readInteger(as: Int32.self) else { break }
        if days == Int32.max || days == Int32.min { return .null }  // ±infinity
        return .date(Int(days) + epochOffsetDays)
      case .timestamp, .timestamptz:
        guard cell.format == .binary, let micros = bytes.readInteger(as: Int64.self) else { break }
        if micros == Int64.max || micros == Int64.min { return .null }
        return .text(isoTimestamp(microsecondsSince2000: micros, utc: cell.dataType == .timestamptz))
      case .text, .varchar, .bpchar, .name, .uuid, .jsonb: return .text(try cell.decode(String.self))
      case .json: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
      default: break
      }
    } catch {
      throw DatabaseAccessError(
        .conversion, "column '\(cell.columnName)', result row \(row): cannot read a PostgreSQL \(cell.dataType) value")
    }
    throw DatabaseAccessError(
      .conversion,
      "column '\(cell.columnName)' has PostgreSQL type \(cell.dataType), which Folio cannot read; cast it in the query (\(cell.columnName)::text or ::double precision)")
  }

  /// `YYYY-MM-DDTHH:MM:SS[.ffffff][Z]`.
  static func isoTimestamp(microsecondsSince2000 micros: Int64, utc: Bool) -> String {
    let perDay: Int64 = 86_400_000_000
    var day = micros / perDay, rest = micros % perDay
    if rest < 0 { day -= 1; rest += perDay }
    let date = CivilDate.isoString(days: Int(day) + epochOffsetDays)
    let seconds = rest / 1_000_000, fraction = rest % 1_000_000
    var text = date + "T" + String(format: "%02d:%02d:%02d", Int(seconds / 3600), Int(seconds / 60 % 60), Int(seconds % 60))
    if fraction != 0 { text += String(format: ".%06d", Int(fraction)) }
    return utc ? text + "Z" : text
  }
}
