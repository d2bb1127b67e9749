import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Contracts every directive in the registry keeps, checked over the whole
/// registry so a new directive cannot skip them: each file it declares is in
/// its cache key, its options are well declared, and the README's reference
/// is generated from the declarations.
final class DirectiveContractTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-contract-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  static var repositoryRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  }

  /// For every (directive, input-file option) a notebook that reads the file
  /// through that option, the file's contents, and an edit of one value.
  struct InputFileExample {
    var notebook: String
    var file: String
    var contents: () throws -> String
    var edit: (String) -> String
  }

  static let examples: [String: InputFileExample] = [
    "data.csv": InputFileExample(
      notebook: "```{data} d\ncsv: in.csv\n```\n\n```{data} total\nfrom: d\naggregate: {S: sum(X)}\n```\n",
      file: "in.csv", contents: { "X\n1\n2\n3\n" }, edit: { $0.replacingOccurrences(of: "3", with: "30") }),
    "mmm_data.csv": InputFileExample(
      notebook: "```{mmm_data} mmm\ncsv: in.csv\n```\n\n```{search} fit\ndata: mmm\nbudget: 40\nseed: 3\n```\n",
      file: "in.csv",
      contents: { try String(contentsOfFile: repositoryRoot + "/notebooks/data/marketing-weekly.csv", encoding: .utf8) },
      edit: MarketingEdit.multiplyFirstRevenue),
  ]

  /// The reproduction: one REVENUE cell ×50.
  enum MarketingEdit {
    static func multiplyFirstRevenue(_ csv: String) -> String {
      var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",").map(String.init)
      guard let r = header.firstIndex(of: "REVENUE") else { return csv }
      var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[r] = String((Double(cells[r]) ?? 0) * 50)
      lines[1] = cells.joined(separator: ",")
      return lines.joined(separator: "\n")
    }
  }

  func run(_ text: String, cache: String) throws -> ExecutedDocument {
    let nb = try NotebookParser.parse(text, path: "contract.md")
    var ex = Executor()
    ex.cache = BlockCache(directory: cache)
    return ex.run(nb, baseDirectory: dir)
  }

  func testEveryDeclaredInputFileOfEveryDirectiveIsInItsCacheKey() throws {
    var covered = 0
    for name in DirectiveRegistry.standard.names {
      guard let d = DirectiveRegistry.standard[name] else { continue }
      for option in d.options where option.kind.readsFiles {
        let id = "\(name).\(option.name)"
        guard let example = Self.examples[id] else {
          XCTFail("\(id) reads a file but has no example here; add one so the contract covers it")
          continue
        }
        let path = dir + "/" + example.file
        let original = try example.contents()
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let cache = dir + "/cache-\(name)"
        let cold = try run(example.notebook, cache: cache)
        XCTAssertEqual(cold.diagnostics, [], id)
        let warm = try run(example.notebook, cache: cache)
        XCTAssertTrue(warm.directives.allSatisfy(\.fromCache), "\(id): nothing changed, so every block replays")

        try example.edit(original).write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try run(example.notebook, cache: cache)
        XCTAssertEqual(edited.diagnostics, [], id)
        XCTAssertTrue(edited.directives.allSatisfy { !$0.fromCache }, "\(id): the edited file reruns the block and every block below it")
        XCTAssertNotEqual(edited.resultsJSON(folioVersion: "t"), warm.resultsJSON(folioVersion: "t"), "\(id): results follow the file")
        let uncached = try run(example.notebook, cache: dir + "/fresh-\(name)")
        XCTAssertEqual(edited.resultsJSON(folioVersion: "t"), uncached.resultsJSON(folioVersion: "t"), "\(id): rerun equals a cold run")
        covered += 1
      }
    }
    XCTAssertEqual(covered, Self.examples.count, "every example names an input-file option that exists")
  }

  func testOptionNamesAreUniqueAndNeverShadowTheCommonOptions() {
    let common = Set(OptionDecoder.common.map(\.name))
    for name in DirectiveRegistry.standard.names {
      let names = DirectiveRegistry.standard[name]?.options.map(\.name) ?? []
      XCTAssertEqual(Set(names).count, names.count, "{\(name)} declares an option twice")
      XCTAssertTrue(common.isDisjoint(with: names), "{\(name)} redeclares a common option")
      for o in DirectiveRegistry.standard[name]?.options ?? [] {
        XCTAssertFalse(o.help.isEmpty, "{\(name)}.\(o.name) has no help text")
      }
    }
  }

  func testREADMEDirectiveReferenceIsGeneratedFromTheDeclarations() throws {
    let path = Self.repositoryRoot + "/README.md"
    let readme = try String(contentsOfFile: path, encoding: .utf8)
    guard let current = DirectiveReference.updating(readme) else { return XCTFail("README.md lacks the directive-reference markers") }
    if ProcessInfo.processInfo.environment["FOLIO_UPDATE_README"] == "1" {
      try current.write(toFile: path, atomically: true, encoding: .utf8)
    }
    XCTAssertEqual(readme, current, "README's directive reference is stale: run `folio directives --update README.md` (or FOLIO_UPDATE_README=1 swift test)")
  }
}

extension ExecutedDocument {
  /// The executed directive blocks, in order.
  var directives: [ExecutedDirective] {
    blocks.compactMap { if case .directive(let d) = $0 { return d } else { return nil } }
  }
}
