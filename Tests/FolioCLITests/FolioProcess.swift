import Foundation
import FolioTestSupport
import XCTest

/// Runs the built `folio` executable as a user would, capturing its output.
struct FolioProcess {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The package root (this file is Tests/FolioCLITests/FolioProcess.swift).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `folio` binary built beside the test bundle.
  static func executable() throws -> URL {
    let bundleDir = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
    for dir in [bundleDir, packageRoot.appendingPathComponent(".build/debug")] {
      let url = dir.appendingPathComponent("folio")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw TestSkip.unavailable("folio executable not built beside the tests (run `swift build` first)")
  }

  /// Runs `folio args…` in `directory` (default: the package root).
  static func run(_ args: [String], in directory: URL = packageRoot) throws -> Result {
    try runProcess(executable(), args, in: directory)
  }

  static func runProcess(_ exe: URL, _ args: [String], in directory: URL) throws -> Result {
    let p = Process()
    p.executableURL = exe
    p.arguments = args
    p.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    // The group's wait orders the reader thread's write before the read below.
    final class Box: @unchecked Sendable { var data = Data() }
    let outData = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private final class Marker {}
}
