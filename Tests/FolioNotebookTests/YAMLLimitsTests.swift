import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

#if canImport(Glibc)
import Glibc
#endif

/// YAML anchors, aliases, nesting and size are refused on the event stream,
/// before any tree is built: an alias bomb fails in milliseconds without
/// growing memory (issue 13).
final class YAMLLimitsTests: XCTestCase {
  /// Ten levels of nine aliases each: 9^10 ≈ 3.5 billion scalars once expanded.
  static let aliasBomb = """
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    j: &j [*i, *i, *i, *i, *i, *i, *i, *i, *i]
    """

  /// Peak resident memory of this process, in bytes (ru_maxrss is KiB on Linux).
  private func peakRSS() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
  }

  func testIssueReproductionAliasBombInABlockFailsFastAtTheFirstAnchor() {
    let notebook = "# Bomb\n\n```{data} d\n\(Self.aliasBomb)\n```\n"
    let before = peakRSS()
    let start = Date()
    let nb = NotebookParser.parseRecovering(notebook, path: "bomb.md")
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertLessThan(elapsed, 0.5, "alias bomb took \(elapsed) s")
    XCTAssertLessThan(peakRSS() - before, 50 << 20, "peak memory grew")
    XCTAssertEqual(nb.problems.map(\.description), [
      "bomb.md:4:4: error: YAML anchor '&a' is not supported in notebooks; expected the value written out (anchors and aliases are not read)",
    ])
  }

  func testAliasWithoutAnchorIsRejectedAtTheAlias() {
    XCTAssertThrowsError(try YAMLLoader.load("x: 1\ny: [1, *nope]\n", file: "f.md", firstLine: 10)) { error in
      XCTAssertEqual((error as? NotebookError)?.description,
                     "f.md:11:8: error: YAML alias '*nope' is not supported in notebooks; expected the value written out")
    }
  }

  func testMergeKeyAliasIsRejected() {
    XCTAssertThrowsError(try YAMLLoader.load("base: &b {x: 1}\nother:\n  <<: *b\n", file: "f.md", firstLine: 1)) { error in
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "f.md", line: 1, column: 7))
    }
  }

  func testNestingDeeperThanTheLimitIsRejectedAtTheNodeThatCrossesIt() {
    let depth = YAMLLimits.maxDepth + 1
    let flow = "k: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let start = Date()
    XCTAssertThrowsError(try YAMLLoader.load(flow, file: "f.md", firstLine: 3)) { error in
      // The mapping is level 1, so the 64th '[' (column 4 + 63) is level 65.
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "f.md", line: 3, column: 4 + YAMLLimits.maxDepth - 1))
      XCTAssertTrue((error as? NotebookError)?.message.hasPrefix("YAML nested more than 64 levels deep") ?? false)
    }
    let ok = "k: " + String(repeating: "[", count: YAMLLimits.maxDepth - 1) + String(repeating: "]", count: YAMLLimits.maxDepth - 1)
    XCTAssertNoThrow(try YAMLLoader.load(ok, file: "f.md", firstLine: 3), "exactly the limit is accepted")
    let huge = String(repeating: "[", count: 200_000)
    XCTAssertThrowsError(try YAMLLoader.load(huge, file: "f.md", firstLine: 1))
    XCTAssertLessThan(Date().timeIntervalSince(start), 1)
  }

  func testDocumentOverTheSizeLimitIsRejectedUnreadAtItsFirstLine() {
    let big = "k: \"" + String(repeating: "x", count: YAMLLimits.maxBytes) + "\"\n"
    XCTAssertThrowsError(try YAMLLoader.load(big, file: "f.md", firstLine: 7)) { error in
      XCTAssertEqual((error as? NotebookError)?.location, SourceLocation(file: "f.md", line: 7, column: 1))
      XCTAssertTrue((error as? NotebookError)?.message.hasPrefix("YAML of \(YAMLLimits.maxBytes + 6) bytes is too large") ?? false)
    }
  }

  func testSyntaxErrorsStillComeFromTheYAMLParserWithTheirLocation() {
    XCTAssertThrowsError(try YAMLLoader.load("a: [1, 2\nb: 3\n", file: "f.md", firstLine: 4)) { error in
      XCTAssertEqual((error as? NotebookError)?.location?.line, 5)
      XCTAssertTrue((error as? NotebookError)?.message.hasPrefix("invalid YAML") ?? false)
    }
  }
}
