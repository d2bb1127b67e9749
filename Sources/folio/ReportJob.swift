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
  /// Write `datasets/<name>.csv` for datasets results.json shows only in part.
  var exportDatasets = false
  /// The block cache folder; `nil`: DIR/.folio-cache.
  var cacheDirectory: String?
  /// Cap on the cache's size, enforced after each render (LRU eviction).
  var cacheCap = CacheStorage.defaultCap
  var refresh: Set<String> = []
  var showProgress = false
  /// Where result tables and the run record go; `nil`: DIR/<stem>/results.sqlite.
  var results: ResultStoreTarget?
  /// For a run of a `--params-file` batch: its place in the batch, written
  /// with the run's summary as DIR/<stem>/batch-run.json (`BatchRunRecord`).
  var batchPlace: BatchRunRecord.Place?

  /// What a job produced.
  struct Outcome {
    var document: ExecutedDocument
    var html: String
    var htmlPath: String
    /// The batch run record written beside the report (batch runs only).
    var batchRecord: BatchRunRecord?
  }

  init(notebookPath: String, outputDirectory: String) {
    self.notebookPath = notebookPath
    self.outputDirectory = outputDirectory
    stem = ((notebookPath as NSString).lastPathComponent as NSString).deletingPathExtension
  }

  var resolvedCacheDirectory: String {
    cacheDirectory ?? (outputDirectory as NSString).appendingPathComponent(".folio-cache")
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
      var notebook = NotebookParser.parseRecovering(try NotebookSource.decode(bytes, path: notebookPath), path: notebookPath)
      // A block whose options cannot be read becomes an error cell and the
      // rest still runs; a problem outside any block (front matter, an
      // unclosed or nested fence) leaves no notebook to trust, so the report
      // says just that.
      let blockErrors = notebook.blocks.compactMap { if case .directive(let c) = $0 { return c.optionsError } else { return nil } }
      if let first = notebook.problems.first(where: { !blockErrors.contains($0) }) { throw first }
      for (name, value) in params {
        do { try notebook.frontMatter.override(name, with: value) } catch {
          throw UsageError(description: "--param \(name)=\(value): \(error.message)")
        }
      }
      var executor = Executor()
      if useCache { executor.cache = BlockCache(directory: resolvedCacheDirectory) }
      // A rerender of unchanged blocks takes results.json's results from the
      // cache, so unread results stay undecoded; dataset CSVs need the data.
      executor.resolvesAllResults = exportDatasets
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

  /// Runs the job and writes every output file as one set that replaces
  /// the previous render's (`ReportOutputSet`).
  /// - Throws: `UsageError` for a bad `--param` or template, `OutputError`
  ///   when an output cannot be written (the previous set is then intact).
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
    let outputs = ReportOutputSet(directory: outputDirectory, stem: stem)
    let run = runRecord(document)
    let batchRecord = batchPlace.map {
      BatchRunRecord(
        place: $0, template: TemplateLocator.custom(explicit: templatePath, notebook: document.notebook, notebookDirectory: baseDirectory),
        summary: BatchRunSummary(document))
    }
    try outputs.replace(
      runID: run.runID,
      waiting: { printError("\(notebookPath): another render is writing \(outputs.htmlPath); waiting for it to finish (lock \(outputs.lockPath))") },
      write: { staging in
        try write(document, html: html, run: run, into: staging, finalSet: outputs)
        if let batchRecord {
          let path = (staging.folderPath as NSString).appendingPathComponent(BatchRunRecord.fileName)
          do throws(FileBytes.Failure) { try FileBytes.write(batchRecord.encoded(), to: path) } catch {
            throw OutputError.cannotWrite(path: (outputs.folderPath as NSString).appendingPathComponent(BatchRunRecord.fileName), reason: error.reason)
          }
        }
      })
    if useCache { CacheStorage(directory: resolvedCacheDirectory).evict(toAtMost: cacheCap) }
    return Outcome(document: document, html: html, htmlPath: outputs.htmlPath, batchRecord: batchRecord)
  }

  /// Writes the report, results.json (and the CSVs of the datasets it
  /// caps, under `datasets/`), attachments and result tables into
  /// the staging folder, and the result tables to `--results` if given.
  /// Errors name the final paths (DIR/<stem>/…), which the user knows.
  private func write(
    _ document: ExecutedDocument, html: String, run: RunRecord, into staging: ReportOutputSet.Staging, finalSet: ReportOutputSet
  ) throws(OutputError) {
    func write(_ bytes: [UInt8], name: String) throws(OutputError) {
      do { try FileBytes.write(bytes, to: (staging.folderPath as NSString).appendingPathComponent(name)) } catch {
        throw .cannotWrite(path: (finalSet.folderPath as NSString).appendingPathComponent(name), reason: error.reason)
      }
    }
    func write(_ text: String, name: String) throws(OutputError) {
      do { try FileBytes.write(text, to: (staging.folderPath as NSString).appendingPathComponent(name)) } catch {
        throw .cannotWrite(path: (finalSet.folderPath as NSString).appendingPathComponent(name), reason: error.reason)
      }
    }
    do { try FileBytes.write(html, to: staging.htmlPath) } catch {
      throw .cannotWrite(path: finalSet.htmlPath, reason: error.reason)
    }
    let resultsFiles = document.resultsFiles(folioVersion: folioVersion, exportDatasets: exportDatasets)
    try write(resultsFiles.json, name: "results.json")
    if useCache, let key = document.resultsKey, document.assembledResults == nil {
      let cache = BlockCache(directory: resolvedCacheDirectory)
      cache.storeAssembledResults(resultsFiles.member, key: key)
      cache.waitForWrites()
    }
    if !resultsFiles.datasets.isEmpty {
      let folder = (staging.folderPath as NSString).appendingPathComponent(DatasetExport.folder)
      do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
        throw .cannotWrite(
          path: (finalSet.folderPath as NSString).appendingPathComponent(DatasetExport.folder),
          reason: ReportOutputSet.reason(error))
      }
    }
    for d in resultsFiles.datasets { try write(CSVWriter.bytes(d.frame), name: d.path) }
    for block in document.blocks {
      guard case .directive(let d) = block else { continue }
      for a in d.attachments { try write(a.contents, name: a.fileName) }
    }
    let tables = document.resultTables.map { (name: $0.name, frame: $0.frame) }
    for t in tables { try write(CSVWriter.bytes(t.frame), name: "\(t.name).csv") }
    if let results {
      do { try results.write(tables, run: run) } catch {
        throw .resultStore(target: results.description, message: error.message)
      }
    } else if !tables.isEmpty {
      let sqlite = (staging.folderPath as NSString).appendingPathComponent("results.sqlite")
      do { try SQLiteResultStore.writeFresh(tables, run: run, replacing: sqlite) } catch {
        let shown = (finalSet.folderPath as NSString).appendingPathComponent("results.sqlite")
        throw .resultStore(
          target: shown, message: error.message.replacingOccurrences(of: staging.folderPath, with: finalSet.folderPath))
      }
    }
  }

  /// The run's provenance: notebook, its hash, params, seed, version and table names.
  private func runRecord(_ document: ExecutedDocument) -> RunRecord {
    RunRecord(
      notebookPath: document.notebook.path, notebookSHA256: document.notebookSHA256,
      paramsJSON: compactParamsJSON(document.params),
      seed: document.seed, folioVersion: folioVersion, tableNames: document.resultTables.map(\.name))
  }

  /// `{"name": value, …}` on one line, in declaration order.
  private func compactParamsJSON(_ params: [(name: String, value: Value)]) -> String {
    let one = { (v: Value) in v.jsonString().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
    return "{" + params.map { one(.string($0.name)) + ": " + one($0.value) }.joined(separator: ", ") + "}"
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
