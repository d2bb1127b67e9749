import ArgumentParser
import FolioData
import FolioNotebook
import FolioRender
import FolioStore
import Foundation

/// `folio render`: parse, execute and render notebooks into DIR/<stem>.html
/// plus DIR/<stem>/results.json and any block attachments.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Run notebooks and write self-contained HTML reports and results.json.")

  @Argument(help: "Notebook files (.md).")
  var notebooks: [String]

  @Option(name: .customLong("param"), help: ArgumentHelp("Override a front-matter parameter, typed as its default.", valueName: "name=value"))
  var params: [String] = []

  @Option(name: .shortAndLong, help: "Output folder.")
  var output: String = "output"

  @Option(help: "Report template (.mustache) overriding the notebook's and the default.")
  var template: String?

  @Flag(help: "Render every notebook even after one fails.")
  var keepGoing = false

  @Flag(help: "Run every block; neither read nor write the block cache (DIR/.folio-cache).")
  var noCache = false

  @Option(help: ArgumentHelp("Recompute this block even if its cached result is valid (repeatable).", valueName: "label"))
  var refresh: [String] = []

  func validate() throws {
    for p in params where !p.contains("=") {
      throw ValidationError("--param expects name=value, found '\(p)'")
    }
  }

  func run() throws {
    var anyFailed = false
    for path in notebooks {
      let ok = try renderOne(path)
      if !ok {
        anyFailed = true
        if !keepGoing && path != notebooks.last {
          printError("stopping after a failure in \(path); use --keep-going to render the rest")
          break
        }
      }
    }
    if anyFailed { throw ExitCode(FolioExit.blockFailed) }
  }

  /// Renders one notebook; returns whether every block ran.
  private func renderOne(_ path: String) throws -> Bool {
    let bytes = try NotebookFile.read(path)
    let source = String(decoding: bytes, as: UTF8.self)
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let baseDirectory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
    var document: ExecutedDocument
    do {
      var notebook = try NotebookParser.parse(try NotebookSource.decode(bytes, path: path), path: path)
      for p in params {
        let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
        do { try notebook.frontMatter.override(parts[0], with: parts.count > 1 ? parts[1] : "") } catch {
          throw UsageError(description: "--param \(p): \(error.message)")
        }
      }
      var executor = Executor()
      if !noCache { executor.cache = BlockCache(directory: (output as NSString).appendingPathComponent(".folio-cache")) }
      executor.refresh = Set(refresh)
      if isatty(STDERR_FILENO) != 0 {
        executor.progress = { i, n, name in printError("[\(i)/\(n)] \(stem): \(name)") }
      }
      document = executor.run(notebook, baseDirectory: baseDirectory)
    } catch let e as NotebookError {
      document = ExecutedDocument.failedToParse(path: path, source: source, error: e)
    }
    for d in document.diagnostics { printError(d.description) }

    let templatePath = try TemplateLocator.locate(explicit: template, notebook: document.notebook, notebookDirectory: baseDirectory)
    let html: String
    do {
      html = try ReportRenderer(templatePath: templatePath).render(
        document, reportStem: stem, generatedBy: (["folio", "render", path] + params.map { "--param \($0)" }).joined(separator: " "))
    } catch {
      throw UsageError(description: "template \(templatePath): \(error)")
    }
    let fm = FileManager.default
    let resultsDir = (output as NSString).appendingPathComponent(stem)
    try fm.createDirectory(atPath: resultsDir, withIntermediateDirectories: true)
    try Data(html.utf8).write(to: URL(fileURLWithPath: (output as NSString).appendingPathComponent("\(stem).html")))
    try Data(document.resultsJSON(folioVersion: folioVersion).utf8).write(
      to: URL(fileURLWithPath: (resultsDir as NSString).appendingPathComponent("results.json")))
    for block in document.blocks {
      guard case .directive(let d) = block else { continue }
      for a in d.attachments {
        try Data(a.contents.utf8).write(to: URL(fileURLWithPath: (resultsDir as NSString).appendingPathComponent(a.fileName)))
      }
    }
    let tables = document.resultTables
    if !tables.isEmpty {
      for t in tables {
        try Data(CSVWriter.bytes(t.frame)).write(to: URL(fileURLWithPath: (resultsDir as NSString).appendingPathComponent("\(t.name).csv")))
      }
      let sqlitePath = (resultsDir as NSString).appendingPathComponent("results.sqlite")
      try? FileManager.default.removeItem(atPath: sqlitePath)
      try SQLiteResultStore.write(tables.map { ($0.name, $0.frame) }, to: sqlitePath)
    }
    let failed = document.failedCount
    let cached = document.blocks.filter { if case .directive(let d) = $0 { return d.fromCache } else { return false } }.count
    printError("\(path) → \((output as NSString).appendingPathComponent("\(stem).html")) (\(document.directiveCount) blocks, \(cached) from cache, \(failed) failed\(document.diagnostics.count > failed ? ", \(document.diagnostics.count - failed) inline errors" : ""))")
    return !document.hasErrors
  }
}

let folioVersionString = folioVersion
