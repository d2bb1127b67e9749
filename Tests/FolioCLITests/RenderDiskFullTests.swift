import Foundation
import XCTest

/// A render that cannot write its outputs (a full disk, a file-size limit)
/// exits 1 naming the file, leaves the previous report and results.json
/// byte-identical, and leaves no temporary files.
final class RenderDiskFullTests: XCTestCase {
  private let notebook = "notebooks/sales-overview.md"
  private let stem = "sales-overview"

  private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  /// A real full disk: a 4 MiB tmpfs (needs root, as in CI; skipped
  /// otherwise) filled so the new report fits but results.json does not.
  func testFullDiskFailsTheWriteExitsOneAndLeavesThePreviousSetByteIdentical() throws {
    // Sizes of the second run's files, measured on an ordinary disk.
    let probe = try FolioProcess.temporaryDirectory()
    XCTAssertEqual(try FolioProcess.run(["render", notebook, "-o", probe.path, "--param", "min_discount=0.2"]).status, 0)
    let newHTMLSize = try bytes(probe.appendingPathComponent("\(stem).html")).count
    let newJSONSize = try bytes(probe.appendingPathComponent("\(stem)/results.json")).count
    XCTAssertGreaterThan(newJSONSize, 16384, "results.json must be larger than the slack left below")

    let dir = try FolioProcess.temporaryDirectory()
    let mount = try Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.path])
    guard mount.status == 0 else { throw XCTSkip("cannot mount a tmpfs (needs root): \(mount.stderr)") }
    defer { _ = try? Self.run("/usr/bin/umount", [dir.path]) }

    let out = OutputFolder(url: dir, stem: stem)
    let first = try FolioProcess.run(["render", notebook, "-o", dir.path])
    XCTAssertEqual(first.status, 0, first.stderr)
    let oldHTML = try bytes(out.htmlURL), oldJSON = try bytes(out.file("results.json"))
    let oldExport = try bytes(out.file("region-table.csv"))

    // Fill the disk, then free the new report's size plus 16 KiB: the
    // report fits, results.json (larger than the slack) does not.
    let filler = dir.appendingPathComponent("filler")
    _ = try Self.run("/bin/sh", ["-c", "cat /dev/zero > '\(filler.path)'"])
    let full = try FileManager.default.attributesOfItem(atPath: filler.path)[.size] as? Int ?? 0
    _ = try Self.run("/usr/bin/truncate", ["-s", "\(full - newHTMLSize - 16384)", filler.path])

    let failed = try FolioProcess.run(["render", notebook, "-o", dir.path, "--param", "min_discount=0.2", "--no-cache"])
    XCTAssertEqual(failed.status, 1, failed.stderr)
    XCTAssertTrue(
      failed.stderr.contains("error: cannot write \(dir.path)/\(stem)/results.json: No space left on device"), failed.stderr)
    XCTAssertEqual(try bytes(out.htmlURL), oldHTML)
    XCTAssertEqual(try bytes(out.file("results.json")), oldJSON)
    XCTAssertEqual(try bytes(out.file("region-table.csv")), oldExport)
    XCTAssertEqual(try out.param("min_discount"), "0.1", "still the first run's valid JSON")
    try out.assertHoldsOnlyTheSet(extraTopLevel: ["filler"])

    // With room again, the same render succeeds and replaces the set.
    try FileManager.default.removeItem(at: filler)
    let retried = try FolioProcess.run(["render", notebook, "-o", dir.path, "--param", "min_discount=0.2"])
    XCTAssertEqual(retried.status, 0, retried.stderr)
    XCTAssertEqual(try out.param("min_discount"), "0.2")
    XCTAssertEqual(try bytes(out.htmlURL).count, newHTMLSize)
    XCTAssertEqual(try bytes(out.file("results.json")).count, newJSONSize)
    try out.assertHoldsOnlyTheSet()
  }

  /// `ulimit -f` (RLIMIT_FSIZE) makes a large write fail with EFBIG; folio
  /// ignores SIGXFSZ, so this is an error message, not a killed process.
  func testFileSizeLimitFailsTheWriteExitsOneAndLeavesThePreviousSetByteIdentical() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let out = OutputFolder(url: dir, stem: stem)
    XCTAssertEqual(try FolioProcess.run(["render", notebook, "-o", dir.path]).status, 0)
    let oldHTML = try bytes(out.htmlURL), oldJSON = try bytes(out.file("results.json"))
    let limitKiB = min(oldHTML.count, oldJSON.count) / 1024 / 2
    XCTAssertGreaterThan(limitKiB, 4)

    let folio = try FolioProcess.executable().path
    let limited = try FolioProcess.runProcess(
      URL(fileURLWithPath: "/usr/bin/bash"),
      ["-c", "ulimit -f \(limitKiB); exec \"$@\"", "bash", folio, "render", notebook, "-o", dir.path,
       "--param", "min_discount=0.2", "--no-cache"],
      in: FolioProcess.packageRoot)
    XCTAssertEqual(limited.status, 1, limited.stderr)
    XCTAssertTrue(limited.stderr.contains("error: cannot write \(dir.path)/\(stem)"), limited.stderr)
    XCTAssertTrue(limited.stderr.contains("File too large"), limited.stderr)
    XCTAssertEqual(try bytes(out.htmlURL), oldHTML)
    XCTAssertEqual(try bytes(out.file("results.json")), oldJSON)
    XCTAssertEqual(try out.param("min_discount"), "0.1")
    try out.assertHoldsOnlyTheSet()
  }

  private static func run(_ tool: String, _ args: [String]) throws -> FolioProcess.Result {
    try FolioProcess.runProcess(URL(fileURLWithPath: tool), args, in: FolioProcess.packageRoot)
  }
}
