import Foundation
import XCTest

/// A PostgreSQL cluster of the test's own, on a free loopback port, that the
/// test may stop (`pg_ctl -m immediate stop`, as a crash or a killed server
/// would) and start again. Trust authentication, no TLS, data in a fresh
/// temporary folder removed by `remove()`.
///
/// Needs the server binaries of the Debian `postgresql` package
/// (`/usr/lib/postgresql/N/bin`); the initializer throws `XCTSkip`, saying
/// so, when they are absent. Run as root, the server runs as user `postgres`.
public final class ThrowawayPostgresServer: @unchecked Sendable {
  public let port: Int
  public let directory: String
  private let bin: String

  /// `postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable`.
  public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

  /// Creates and starts the cluster (a few seconds).
  public init() throws {
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    guard let version = versions.compactMap(Int.init).max(),
      FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/pg_ctl")
    else {
      let reason = "PostgreSQL server binaries not found under \(root) (Debian package 'postgresql')"
      print("skipping test: \(reason)")
      throw XCTSkip(reason)
    }
    bin = "\(root)/\(version)/bin"
    port = 55_000 + Int(getpid() % 2_000) + Int.random(in: 0..<1_000)
    directory = NSTemporaryDirectory() + "folio-throwaway-pg-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    if getuid() == 0 { try Self.shell(["chown", "postgres:", directory]) }
    try runAsOwner(["\(bin)/initdb", "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
    try start()
  }

  /// Starts (or restarts) the server and waits until it accepts connections.
  public func start() throws {
    try runAsOwner([
      "\(bin)/pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60",
      "-o", "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c fsync=off", "start",
    ])
  }

  /// Stops the server at once, without closing client connections cleanly
  /// (`pg_ctl -m immediate stop`: what a crash or `kill -9` looks like to a client).
  public func stopImmediately() throws {
    try runAsOwner(["\(bin)/pg_ctl", "-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
  }

  /// Stops the server if running and deletes its data.
  public func remove() {
    try? runAsOwner(["\(bin)/pg_ctl", "-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
    try? FileManager.default.removeItem(atPath: directory)
  }

  private func runAsOwner(_ arguments: [String]) throws {
    try Self.shell(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
  }

  /// Runs a command; throws with its output when it fails. Spawned and
  /// awaited with `posix_spawn`/`waitpid`, output to a file: the server that
  /// `pg_ctl start` leaves running keeps inherited descriptors open, which
  /// stalls pipe- and `Process`-based waiting.
  private static func shell(_ arguments: [String]) throws {
    let log = NSTemporaryDirectory() + "folio-throwaway-pg-\(UUID().uuidString.prefix(8)).log"
    defer { try? FileManager.default.removeItem(atPath: log) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
    guard spawned == 0 else { throw NSError(domain: "ThrowawayPostgresServer", code: Int(spawned)) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exited = status & 0x7f == 0 && (status >> 8) & 0xff == 0
    guard exited else {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw NSError(domain: "ThrowawayPostgresServer", code: Int(status), userInfo: [
        NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed: \(text)"
      ])
    }
  }
}
