import FolioData
import Foundation
import PropertyBased
import XCTest

@testable import FolioNotebook

/// Fuzzing the YAML of options and front matter: any text loads or fails
/// with an error located in the block, fast, whatever its nesting, anchors,
/// aliases or size.
final class YAMLFuzzTests: XCTestCase {
  static let fragments = FuzzCorpus.common + [
    "a: ", "b:", "- ", "[", "]", "{", "}", ", ", ": ", "&x ", "*x", "!!str ", "!!map ", "? ", "|\n", ">-\n", "'",
    "\"", "#", "---\n", "...\n", "  ", "%YAML 1.2\n", "<<: *x\n", "1.5", "~", "null", "yes",
    String(repeating: "[", count: 5_000), String(repeating: "{a: ", count: 200), String(repeating: "- ", count: 300),
    String(repeating: "  ", count: 500) + "k: v\n",
  ]

  func testArbitraryYAMLLoadsOrFailsLocatedInsideItsBlock() {
    FuzzCorpus.run(suite: 4, generator: FuzzCorpus.text(Self.fragments, pieces: 0...25)) { text, label in
      do throws(NotebookError) {
        _ = try YAMLLoader.load(text, file: "f.md", firstLine: 5)
      } catch {
        guard let loc = error.location else { return XCTFail("\(label): unlocated \(error.message)") }
        let lines = NotebookParser.splitLines(text).count
        XCTAssertTrue((5...(5 + lines)).contains(loc.line), "\(label): \(error)")
        XCTAssertGreaterThanOrEqual(loc.column, 1, label)
      }
    }
  }
}
