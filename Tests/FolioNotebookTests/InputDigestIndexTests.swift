import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// A rerender with nothing changed keys its blocks without reading its inputs
/// again; any change of size, time or inode hashes the file anew.
final class InputDigestIndexTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-digests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// Writes `text` and backdates the file, as an input untouched for a while.
  func write(_ text: String, to name: String, age: TimeInterval = 60) throws -> String {
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: path)
    return path
  }

  func testUnchangedStatIsServedFromTheIndexAcrossRuns() throws {
    let path = try write("X\n1\n2\n", to: "a.csv")
    let first = InputDigestIndex(directory: dir + "/cache")
    XCTAssertEqual(first.sha256(ofFile: path), SHA256Digest.hex(of: "X\n1\n2\n"))
    XCTAssertEqual(first.hashedCount, 1)
    first.save()
    let second = InputDigestIndex(directory: dir + "/cache")
    XCTAssertEqual(second.sha256(ofFile: path), SHA256Digest.hex(of: "X\n1\n2\n"))
    XCTAssertEqual(second.hashedCount, 0, "nothing changed, so nothing is read")
  }

  func testAChangedFileIsHashedAgain() throws {
    let path = try write("X\n1\n", to: "a.csv")
    let index = InputDigestIndex(directory: dir + "/cache")
    _ = index.sha256(ofFile: path)
    _ = try write("X\n3\n", to: "a.csv", age: 30)  // same size, other bytes and time
    XCTAssertEqual(index.sha256(ofFile: path), SHA256Digest.hex(of: "X\n3\n"))
    XCTAssertEqual(index.hashedCount, 2)
  }

  func testAFileModifiedJustNowIsNotRemembered() throws {
    let path = try write("X\n1\n", to: "a.csv", age: 0)
    let index = InputDigestIndex(directory: dir + "/cache")
    _ = index.sha256(ofFile: path)
    _ = index.sha256(ofFile: path)
    XCTAssertEqual(index.hashedCount, 2, "racily new: a write in the same clock tick could keep the stat")
  }

  func testWarmRerenderKeysItsBlocksWithoutRehashingAndAnEditStillReruns() throws {
    _ = try write("X\n1\n2\n3\n", to: "a.csv")
    let notebook = "```{data} a\ncsv: a.csv\n```\n\n```{data} s\nfrom: a\naggregate: {S: sum(X)}\n```\n"
    func run() throws -> ExecutedDocument {
      var ex = Executor()
      ex.cache = BlockCache(directory: dir + "/cache")
      return ex.run(try NotebookParser.parse(notebook, path: "n.md"), baseDirectory: dir)
    }
    _ = try run()
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/cache/inputs.index"))
    XCTAssertTrue(try run().directives.allSatisfy(\.fromCache))
    _ = try write("X\n1\n2\n4\n", to: "a.csv", age: 30)
    let edited = try run()
    XCTAssertTrue(edited.directives.allSatisfy { !$0.fromCache })
    XCTAssertEqual(edited.results.first { $0.0 == "s" }.map { $0.1.jsonString() }?.contains("7"), true)
  }
}
