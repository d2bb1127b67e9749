import Foundation
import XCTest

/// Reading an output folder the way a user or a script would: which
/// entries are there, what the manifest lists, what results.json says.
struct OutputFolder {
  let url: URL
  let stem: String

  var htmlURL: URL { url.appendingPathComponent("\(stem).html") }
  var folderURL: URL { url.appendingPathComponent(stem) }

  func file(_ name: String) -> URL { folderURL.appendingPathComponent(name) }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }

  /// Entry names of the output folder itself, the block cache left out.
  func topLevel() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0 != ".folio-cache" }.sorted()
  }

  /// Entry names of DIR/<stem>/.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folderURL.path).sorted()
  }

  /// The `files` and `run_id` of DIR/<stem>/.folio-manifest.
  func manifest() throws -> (files: [String], runID: String, html: String) {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file(".folio-manifest"))) as? [String: Any]
    return (object?["files"] as? [String] ?? [], object?["run_id"] as? String ?? "", object?["html"] as? String ?? "")
  }

  /// results.json parsed (which also proves it is complete, valid JSON).
  func resultsJSON() throws -> [String: Any] {
    try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file("results.json"))) as? [String: Any])
  }

  /// The value results.json records for the param `name`, as text.
  func param(_ name: String) throws -> String {
    let params = try XCTUnwrap(try resultsJSON()["params"] as? [String: Any])
    return "\(try XCTUnwrap(params[name]))"
  }

  func html() throws -> String { try String(contentsOf: htmlURL, encoding: .utf8) }

  /// Asserts the folder holds exactly this notebook's set (plus `extraTopLevel`
  /// and, in DIR/<stem>/, `userFiles`): no staging folder, no lock file, no
  /// half-written file, and DIR/<stem>/ is what the manifest lists.
  func assertHoldsOnlyTheSet(
    extraTopLevel: [String] = [], userFiles: [String] = [], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    XCTAssertEqual(try topLevel(), (["\(stem).html", stem] + extraTopLevel).sorted(), "output folder", file: file, line: line)
    let manifest = try manifest()
    XCTAssertEqual(manifest.html, "\(stem).html", file: file, line: line)
    XCTAssertEqual(try entries(), (manifest.files + [".folio-manifest"] + userFiles).sorted(), "DIR/\(stem)/", file: file, line: line)
  }
}
