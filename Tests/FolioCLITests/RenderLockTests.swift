import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Two renders of one notebook into one folder never mix: the second waits
/// for the lock on DIR/.<stem>.lock, and each switches in a whole set.
final class RenderLockTests: XCTestCase {
  private let notebook = "notebooks/sales-overview.md"

  /// The lock taken with plain `flock(2)`, as another render holds it.
  func testRenderWaitsWhileAnotherProcessHoldsTheLockThenWritesAndRemovesTheLockFile() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let out = OutputFolder(url: dir, stem: "sales-overview")
    let lockPath = dir.appendingPathComponent(".sales-overview.lock").path
    let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
    XCTAssertGreaterThanOrEqual(fd, 0)
    XCTAssertEqual(flock(fd, LOCK_EX), 0)

    let stderrURL = dir.appendingPathComponent("stderr.txt")
    FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let p = Process()
    p.executableURL = try FolioProcess.executable()
    p.arguments = ["render", notebook, "-o", dir.path]
    p.currentDirectoryURL = FolioProcess.packageRoot
    p.standardError = try FileHandle(forWritingTo: stderrURL)
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    defer { if p.isRunning { p.terminate() } }

    let waiting = "another render is writing \(dir.path)/sales-overview.html; waiting for it to finish"
    let deadline = Date().addingTimeInterval(120)
    var said = ""
    while Date() < deadline, p.isRunning {
      said = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
      if said.contains(waiting) { break }
      usleep(50_000)
    }
    XCTAssertTrue(said.contains(waiting), said)
    usleep(300_000)
    XCTAssertTrue(p.isRunning, "still waiting for the lock")
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.htmlURL.path), "nothing written while the lock is held")

    close(fd)  // release
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    try FileManager.default.removeItem(at: stderrURL)
    XCTAssertTrue(try out.html().contains("a discount of 10% or"))
    try out.assertHoldsOnlyTheSet()  // the lock file is gone too
  }

  /// Four real renders, two params, started together, three times: all exit
  /// 0 and the set left is one run's, whole. (Four, so that waiters often
  /// find the lock file already removed by the holder before them.)
  func testConcurrentRendersOfOneNotebookLeaveOneWholeSet() throws {
    for round in 0..<3 {
      let dir = try FolioProcess.temporaryDirectory()
      let out = OutputFolder(url: dir, stem: "sales-overview")
      let group = DispatchGroup()
      final class Box: @unchecked Sendable { var results: [FolioProcess.Result?] = [nil, nil, nil, nil] }
      let box = Box()
      let lock = NSLock()
      for (i, discount) in ["0.1", "0.2", "0.1", "0.2"].enumerated() {
        group.enter()
        DispatchQueue.global().async {
          let r = try? FolioProcess.run(["render", self.notebook, "-o", dir.path, "--param", "min_discount=\(discount)"])
          lock.lock()
          box.results[i] = r
          lock.unlock()
          group.leave()
        }
      }
      group.wait()
      for r in box.results {
        XCTAssertEqual(r?.status, 0, "round \(round): \(r?.stderr ?? "did not run")")
      }
      // The report and results.json are the same run's.
      let discount = try out.param("min_discount")
      let percent = discount == "0.2" ? "20%" : "10%"
      XCTAssertTrue(try out.html().contains("a discount of \(percent) or"), "round \(round): results.json says \(discount)")
      try out.assertHoldsOnlyTheSet()
    }
  }
}
