import FolioData
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioStore

/// A server that goes away, comes back or stops answering is an error the
/// caller can report, never a crash. Each test runs its own throwaway server
/// (`ThrowawayPostgresServer`) so it can stop it mid-query.
final class PostgresServerFailureTests: XCTestCase {
  var server: ThrowawayPostgresServer!

  override func setUpWithError() throws { server = try ThrowawayPostgresServer() }
  override func tearDown() { server?.remove() }

  /// 6,000 rows, produced one per millisecond, so the server is still
  /// sending rows for about six seconds.
  static let slowQuery = "SELECT g, length(pg_sleep(0.001)::text) AS s FROM generate_series(1, 6000) AS g"

  /// Waits until the server runs a statement starting with `prefix` (at most 20 s).
  func waitUntilRunning(_ prefix: String) throws {
    let watcher = try PostgresAddress(server.url, environment: [:])
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      let f = try PostgresSource.query(
        address: watcher, sql: "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND starts_with(query, $1)",
        bindings: [prefix])
      if f["n"]?[0] != .integer(0) { return }
      Thread.sleep(forTimeInterval: 0.02)
    }
    XCTFail("the statement never started")
  }

  /// Runs `slowQuery` on a thread, stops the server `after` seconds, and returns what the query threw.
  func queryStoppedMidway(after seconds: Double) throws -> DatabaseAccessError? {
    let address = try PostgresAddress(server.url, environment: [:])
    let done = DispatchSemaphore(value: 0)
    let box = ErrorBox()
    Thread.detachNewThread {
      do { _ = try PostgresSource.query(address: address, sql: Self.slowQuery, timeout: 60) } catch { box.error = error }
      done.signal()
    }
    try waitUntilRunning("SELECT g,")
    Thread.sleep(forTimeInterval: seconds)
    try server.stopImmediately()
    XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "the query returned after the server stopped")
    if let e = box.error, !(e is DatabaseAccessError) { XCTFail("not a DatabaseAccessError: \(e)") }
    return box.error as? DatabaseAccessError
  }

  func testServerStoppedMidQueryIsAConnectionErrorAtEveryPoint() throws {
    for delay in [0.0, 0.7, 2.5] {
      let error = try queryStoppedMidway(after: delay)
      XCTAssertEqual(error?.kind, .connection, "stopped after \(delay) s: \(String(describing: error))")
      XCTAssertEqual(
        error?.message,
        "PostgreSQL at postgres://postgres@127.0.0.1:\(server.port)/postgres: the server closed the connection during the query",
        "stopped after \(delay) s")
      try server.start()
    }
  }

  func testAfterARestartTheNextQueryRunsAndAStoppedServerIsConnectionRefused() throws {
    let address = try PostgresAddress(server.url, environment: [:])
    try server.stopImmediately()
    XCTAssertThrowsError(try PostgresSource.query(address: address, sql: "SELECT 1 AS x")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "cannot connect to PostgreSQL at \(address.redacted): connection refused at 127.0.0.1:\(server.port); is the server running and accepting TCP connections there?")
    }
    try server.start()
    XCTAssertEqual(try PostgresSource.query(address: address, sql: "SELECT 6000 AS x")["x"]?[0], .integer(6000))
  }

  func testResultStoreWriteInterruptedByAStopIsAnErrorAndWritesNothing() throws {
    let address = try PostgresAddress(server.url, environment: [:])
    let n = 300_000
    let frame = try Frame([("X", .integer(IntegerColumn(values: Array(0..<n))))])
    let done = DispatchSemaphore(value: 0)
    let box = ErrorBox()
    Thread.detachNewThread {
      do { try PostgresResultStore.write([("BIG", frame)], run: nil, to: address) } catch { box.error = error }
      done.signal()
    }
    try waitUntilRunning("INSERT INTO \"BIG\"")
    try server.stopImmediately()
    XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
    try server.start()
    // Either the write finished before the stop (all rows) or it failed and the transaction left nothing.
    let count = try? PostgresSource.query(address: address, sql: "SELECT count(*)::int AS n FROM \"BIG\"")["n"]?[0]
    if let error = box.error as? DatabaseAccessError {
      XCTAssertEqual(error.kind, .connection, error.message)
      XCTAssertTrue(error.message.hasPrefix("cannot write result tables to \(address.redacted): "), error.message)
      XCTAssertNil(count, "a failed write leaves no table")
    } else {
      XCTAssertEqual(count, .integer(n))
    }
  }

  func testAServerThatNeverAnswersTimesOut() throws {
    // A listening socket that accepts and never replies: the startup handshake stalls.
    let listener = try SilentListener()
    defer { listener.close() }
    let address = try PostgresAddress("postgres://ana@127.0.0.1:\(listener.port)/db?sslmode=disable&connect_timeout=1", environment: [:])
    let start = Date()
    XCTAssertThrowsError(try PostgresSource.query(address: address, sql: "SELECT 1", timeout: 1)) {
      XCTAssertEqual(
        $0 as? DatabaseAccessError,
        DatabaseAccessError(
          .connection,
          "cannot connect to PostgreSQL at \(address.redacted): timed out after 1 s connecting to 127.0.0.1:\(listener.port) (raise connect_timeout in the address if the server is slow to answer)"))
    }
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
  }
}

/// The error a background query threw.
private final class ErrorBox: @unchecked Sendable {
  var error: (any Error)?
}

/// A TCP socket on 127.0.0.1 that accepts connections (the kernel's backlog)
/// and never reads or writes.
private final class SilentListener {
  let fd: Int32
  let port: Int

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var size = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
    guard bound == 0, listen(fd, 8) == 0 else { throw XCTSkip("cannot listen on 127.0.0.1") }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
    self.fd = fd
    port = Int(UInt16(bigEndian: addr.sin_port))
  }

  func close() { _ = Glibc.close(fd) }
}
