import FolioData
import FolioNotebook
import FolioRender
import FolioStore
import Foundation

/// One notebook rendered with one set of params: parse, execute, render,
/// and write the report, results.json, attachments and result tables.
///
/// Shared by `folio render`, batch runs (`--params-file`) and `folio preview`.
struct ReportJob {
  var notebookPath: String
  /// `name=value` overrides, typed like each param's default.
  var params: [(name: String, value: String)] = []
  var outputDirectory: String
  /// File stem of the outputs: `<stem>.html`, `<stem>/results.json`.
  var stem: String
  var templatePath: String?
  var useCache = true
  var refresh: Set<String> = []
  var showProgress = false
  /// Where result tables and the run record go; `nil`: DIR/<stem>/results.sqlite.
  var results: ResultStoreTarget?

  /// What a job produced.
  struct Outcome {
    var document: ExecutedDocument
    var html: String
    var htmlPath: String
  }

  init(notebookPath: String, outputDirectory: String) {
    self.notebookPath = notebookPath
    self.outputDirectory = outputDirectory
    stem = ((notebookPath as NSString).lastPathComponent as NSString).deletingPathExtension
  }

  var baseDirectory: String {
    let d = (notebookPath as NSString).deletingLastPathComponent
    return d.isEmpty ? "." : d
  }

  /// Parses and runs the notebook (a notebook that cannot be parsed becomes a
  /// one-error document, so a report still says what went wrong).
  func execute() throws -> ExecutedDocument {
    let bytes = try NotebookFile.read(notebookPath)
    do {
      var notebook = try NotebookParser.parse(try NotebookSource.decode(bytes, path: notebookPath), path: notebookPath)
      for (name, value) in params {
        do { try notebook.frontMatter.override(name, with: value) } catch {
          throw UsageError(description: "--param \(name)=\(value): \(error.message)")
        }
      }
      var executor = Executor()
      if useCache { executor.cache = BlockCache(directory: (outputDirectory as NSString).appendingPathComponent(".folio-cache")) }
      executor.refresh = refresh
      if showProgress {
        let stem = self.stem
        executor.progress = { i, n, name in printError("[\(i)/\(n)] \(stem): \(name)") }
      }
      return executor.run(notebook, baseDirectory: baseDirectory)
    } catch let e as NotebookError {
      return ExecutedDocument.failedToParse(path: notebookPath, source: String(decoding: bytes, as: UTF8.self), error: e)
    }
  }

  /// Runs the job and writes every output file.
  func run() throws -> Outcome {
    let document = try execute()
    let template = try TemplateLocator.locate(explicit: templatePath, notebook: document.notebook, notebookDirectory: baseDirectory)
    let generatedBy = ConnectionString.redacted(
      (["folio", "render", notebookPath] + params.map { "--param \($0.name)=\($0.value)" }).joined(separator: " "))
    let html: String
    do {
      html = try ReportRenderer(templatePath: template).render(document, reportStem: stem, generatedBy: generatedBy)
    } catch {
      throw UsageError(description: "template \(template): \(error)")
    }
    let resultsDir = (outputDirectory as NSString).appendingPathComponent(stem)
    try FileManager.default.createDirectory(atPath: resultsDir, withIntermediateDirectories: true)
    let htmlPath = (outputDirectory as NSString).appendingPathComponent("\(stem).html")
    try write(html, to: htmlPath)
    try write(document.resultsJSONBytes(folioVersion: folioVersion), to: (resultsDir as NSString).appendingPathComponent("results.json"))
    for block in document.blocks {
      guard case .directive(let d) = block else { continue }
      for a in d.attachments { try write(a.contents, to: (resultsDir as NSString).appendingPathComponent(a.fileName)) }
    }
    let tables = document.resultTables
    for t in tables {
      try write(CSVWriter.bytes(t.frame), to: (resultsDir as NSString).appendingPathComponent("\(t.name).csv"))
    }
    try writeResultTables(document, into: resultsDir)
    return Outcome(document: document, html: html, htmlPath: htmlPath)
  }

  /// Writes the result tables and the run record to `results`, or, by
  /// default and only when there are tables, to a fresh DIR/<stem>/results.sqlite.
  private func writeResultTables(_ document: ExecutedDocument, into resultsDir: String) throws {
    let tables = document.resultTables.map { (name: $0.name, frame: $0.frame) }
    let run = RunRecord(
      notebookPath: document.notebook.path, notebookSHA256: document.notebookSHA256,
      paramsJSON: compactParamsJSON(document.params),
      seed: document.seed, folioVersion: folioVersion, tableNames: tables.map(\.name))
    do {
      if let results {
        try results.write(tables, run: run)
      } else if !tables.isEmpty {
        let sqlitePath = (resultsDir as NSString).appendingPathComponent("results.sqlite")
        try SQLiteResultStore.writeFresh(tables, run: run, replacing: sqlitePath)
      }
    } catch {
      throw UsageError(description: "--results: \(error.message)")
    }
  }

  /// `{"name": value, …}` on one line, in declaration order.
  private func compactParamsJSON(_ params: [(name: String, value: Value)]) -> String {
    let one = { (v: Value) in v.jsonString().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
    return "{" + params.map { one(.string($0.name)) + ": " + one($0.value) }.joined(separator: ", ") + "}"
  }

  private func write(_ text: String, to path: String) throws {
    do { try FileBytes.write(text, to: path) } catch {
      throw UsageError(description: "cannot write \(path): \(error.reason)")
    }
  }

  private func write(_ bytes: [UInt8], to path: String) throws {
    do { try FileBytes.write(bytes, to: path) } catch {
      throw UsageError(description: "cannot write \(path): \(error.reason)")
    }
  }
}

extension ExecutedDocument {
  /// Blocks replayed from the cache.
  var cachedCount: Int {
    blocks.filter { if case .directive(let d) = $0 { return d.fromCache } else { return false } }.count
  }

  /// The one-line outcome printed after a render.
  func outcomeLine(htmlPath: String) -> String {
    let failed = failedCount
    let inline = diagnostics.count - failed
    return "\(notebook.path) → \(htmlPath) (\(directiveCount) blocks, \(cachedCount) from cache, \(failed) failed\(inline > 0 ? ", \(inline) inline errors" : ""))"
  }
}
