import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs a shipped notebook as a new user would: `--param` overrides (data
/// pointing at a test fixture), parse, execute; and reads what its prose,
/// captions and summary say.
enum ShippedNotebookRunner {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Tests/FolioNotebookTests/Fixtures").path

  /// `notebook` (a file in notebooks/) with `params` applied like `--param name=value`,
  /// and `edit` applied to the source first (for test-time budgets only).
  static func run(_ notebook: String, params: [(String, String)], edit: (String) -> String = { $0 }) throws -> ExecutedDocument {
    let path = root.appendingPathComponent("notebooks/\(notebook)").path
    var nb = try NotebookParser.parse(edit(try String(contentsOfFile: path, encoding: .utf8)), path: notebook)
    for (name, value) in params { try nb.frontMatter.override(name, with: value) }
    return Executor().run(nb, baseDirectory: root.appendingPathComponent("notebooks").path)
  }

  /// Everything the report says in words: prose, captions and the summary's headlines and cards.
  static func text(_ doc: ExecutedDocument) -> String {
    var parts: [String] = []
    for block in doc.blocks {
      switch block {
      case .prose(let p): parts.append(p.markdown)
      case .directive(let d):
        if let c = d.caption { parts.append(c) }
        for case .summary(let s) in d.outputs {
          parts += s.headlines
          parts += s.cards.flatMap { [$0.value, $0.label, $0.note ?? ""] }
        }
      }
    }
    return parts.joined(separator: "\n")
  }

  static func value(_ doc: ExecutedDocument, _ path: String...) -> Value? {
    var v = doc.results.first(where: { $0.label == path[0] })?.value
    for p in path.dropFirst() { v = v?[p] }
    return v
  }

  static func number(_ doc: ExecutedDocument, _ path: String...) -> Double? {
    var v = doc.results.first(where: { $0.label == path[0] })?.value
    for p in path.dropFirst() { v = v?[p] }
    return v?.doubleValue
  }

  /// Asserts the run had no error at all (every block ran, every inline value resolved).
  static func assertClean(_ doc: ExecutedDocument, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(doc.diagnostics.map(\.description), [], file: file, line: line)
    XCTAssertEqual(doc.failedCount, 0, file: file, line: line)
    XCTAssertFalse(text(doc).contains(InlineErrorMarker.open), "an inline value failed", file: file, line: line)
  }
}
