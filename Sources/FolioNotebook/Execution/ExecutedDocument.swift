import Foundation
import FolioData
import FolioStore

/// Stage two's output: every block run, with its outputs or its error, plus
/// what the report's footer and results.json need. No HTML here.
public struct ExecutedDocument: Sendable {
  public var notebook: Notebook
  /// Parameters in declaration order, after `--param` overrides.
  public var params: [(name: String, value: Value)]
  public var seed: UInt64
  public var blocks: [ExecutedBlock]
  /// Results of labeled blocks, in document order.
  public var results: [(label: String, value: Value)]
  /// Files the blocks read, with SHA-256, in first-read order.
  public var inputs: [(path: String, sha256: String)]
  public var notebookSHA256: String
  /// Every error, in document order.
  public var diagnostics: [Diagnostic]
  /// The identity of `results` for the block cache (`Executor.resultsKey`):
  /// equal keys give an equal "results" member in results.json.
  public var resultsKey: String?
  /// The "results" member of results.json from an earlier render with the
  /// same `resultsKey`, when this one left replayed values undecoded.
  public var assembledResults: [UInt8]?

  /// Number of directive blocks that ran.
  public var directiveCount: Int {
    blocks.filter { if case .directive = $0 { return true } else { return false } }.count
  }
  /// Number of directive blocks that failed.
  public var failedCount: Int {
    blocks.filter { if case .directive(let d) = $0 { return d.error != nil } else { return false } }.count
  }
  /// Every block's result tables, in document order.
  public var resultTables: [ResultTable] {
    blocks.flatMap { block -> [ResultTable] in
      if case .directive(let d) = block { return d.tables }
      return []
    }
  }

  /// Whether anything went wrong, including inline errors in prose.
  public var hasErrors: Bool { !diagnostics.isEmpty }

  /// results.json: labeled results plus provenance, deterministic.
  public func resultsJSON(folioVersion: String) -> String {
    String(decoding: resultsJSONBytes(folioVersion: folioVersion), as: UTF8.self)
  }

  /// results.json as UTF-8 bytes, the form the CLI writes.
  public func resultsJSONBytes(folioVersion: String) -> [UInt8] {
    resultsFiles(folioVersion: folioVersion).json
  }

  /// results.json and the dataset CSVs it points to.
  ///
  /// Each dataset is written once and large ones are capped with a pointer
  /// to a CSV of all their rows (`ResultsDatasets`). A result holding no
  /// dataset is written from its cached JSON fragment when it has one (a
  /// warm rerun does not re-serialize it); the fragments are appended once
  /// into one reserved buffer, never re-validated as text.
  /// `exportDatasets` writes a CSV for each capped dataset that has no
  /// `export:` file of its own (`folio render --export-datasets`).
  /// `member` is the "results" member alone, for the block cache
  /// (`BlockCache.storeAssembledResults`).
  public func resultsFiles(folioVersion: String, exportDatasets: Bool = false) -> (json: [UInt8], datasets: [DatasetExport], member: [UInt8]) {
    let header = Value.object([
      ("notebook", .string(notebook.path)),
      ("notebook_sha256", .string(notebookSHA256)),
      ("folio_version", .string(folioVersion)),
      ("params", .object(params.map { p in
        if case .string(let s) = p.value { return (p.name, .string(ConnectionString.redacted(s))) }
        return (p.name, p.value)
      })),
      ("seed", .integer(Int(truncatingIfNeeded: seed))),
      ("inputs", .array(inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
      ("errors", .array(diagnostics.map { .string($0.description) })),
    ]).jsonFragment(indent: 0)
    var out: [UInt8] = []
    out.append(contentsOf: header.utf8.dropLast(2))  // reopen the object: drop "\n}"
    out.append(contentsOf: ",\n  \"results\": ".utf8)
    let section: (json: [UInt8], datasets: [DatasetExport])
    if !exportDatasets, let assembledResults {
      section = (assembledResults, [])
    } else {
      section = resultsMember(exportDatasets: exportDatasets)
    }
    out.append(contentsOf: section.json)
    out.append(contentsOf: "\n}\n".utf8)
    return (out, section.datasets, section.json)
  }

  /// The "results" member of results.json (`{…}`), and the CSVs it points to.
  public func resultsMember(exportDatasets: Bool) -> (json: [UInt8], datasets: [DatasetExport]) {
    var fragments: [String: [UInt8]] = [:]
    var datasets = ResultsDatasets()
    datasets.exportCapped = exportDatasets
    for case .directive(let d) in blocks {
      guard let l = d.call.label else { continue }
      if let j = d.valueJSON { fragments[l] = j }
      let csvs = d.attachments.filter { $0.fileName.hasSuffix(".csv") }
      if d.call.name == TableDirective.name, csvs.count == 1 { datasets.existingCSV[l] = csvs[0].fileName }
    }
    let values = results.map { r -> [UInt8] in
      if r.value.containsDataset { return Array(r.value.resultFragment(label: r.label, indent: 2, datasets: &datasets).utf8) }
      return fragments[r.label] ?? Array(r.value.jsonFragment(indent: 2).utf8)
    }
    var out: [UInt8] = []
    out.reserveCapacity(values.reduce(64) { $0 + $1.count + 64 })
    if results.isEmpty {
      out.append(contentsOf: "{}".utf8)
    } else {
      out.append(contentsOf: "{\n".utf8)
      for (i, r) in results.enumerated() {
        out.append(contentsOf: "    ".utf8)
        out.append(contentsOf: Value.jsonQuoted(r.label).utf8)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: values[i])
        out.append(contentsOf: (i + 1 < results.count ? ",\n" : "\n").utf8)
      }
      out.append(contentsOf: "  }".utf8)
    }
    return (out, datasets.exports)
  }
}

/// One block after execution.
public enum ExecutedBlock: Sendable {
  case prose(ExecutedProse)
  case directive(ExecutedDirective)
}

/// Prose with inline values substituted.
///
/// A placeholder that failed is replaced by the marker
/// `InlineErrorMarker.token(i)` (private-use characters that survive
/// CommonMark), and the renderer swaps it for an error badge showing `errors[i]`.
public struct ExecutedProse: Sendable {
  public var markdown: String
  public var errors: [NotebookError]
}

/// Private-use markers standing in for failed inline values inside markdown.
public enum InlineErrorMarker {
  public static let open: Character = "\u{E000}"
  public static let close: Character = "\u{E001}"
  public static func token(_ i: Int) -> String { "\(open)\(i)\(close)" }
}

/// A directive block after execution.
public struct ExecutedDirective: Sendable {
  public var call: DirectiveCall
  /// Caption with inline values substituted.
  public var caption: String?
  public var echo: Bool
  public var hidden: Bool
  public var outputs: [BlockOutput]
  public var attachments: [Attachment]
  /// Result tables for CSV and SQLite output.
  public var tables: [ResultTable] = []
  /// The result's JSON fragment at results.json's nesting, as UTF-8 (from the
  /// cache, or computed when the block ran with a cache), `nil` when not precomputed.
  public var valueJSON: [UInt8]?
  /// Whether the result was replayed from the block cache instead of computed.
  public var fromCache = false
  /// Set when the block failed; outputs are then empty.
  public var error: NotebookError?
}

extension ExecutedDocument {
  /// A document for a notebook that could not be parsed: no blocks, one
  /// error, so the report still says what went wrong.
  public static func failedToParse(path: String, source: String, error: NotebookError) -> ExecutedDocument {
    var fm = FrontMatter(location: SourceLocation(file: path, line: 1, column: 1))
    fm.title = (path as NSString).lastPathComponent
    let notebook = Notebook(path: path, source: source, frontMatter: fm, blocks: [])
    return ExecutedDocument(
      notebook: notebook, params: [], seed: 0, blocks: [], results: [], inputs: [],
      notebookSHA256: SHA256Digest.hex(of: source), diagnostics: [Diagnostic(error)])
  }
}
