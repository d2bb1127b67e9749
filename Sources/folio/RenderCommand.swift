import ArgumentParser
import FolioData
import FolioNotebook
import FolioRender
import FolioStore
import Foundation

/// `folio render`: parse, execute and render notebooks into DIR/<stem>.html
/// plus DIR/<stem>/results.json and any block attachments, each notebook's
/// outputs replacing its previous render's as one set (`ReportOutputSet`).
///
/// Exit status (`FolioExit`): 0 every block ran and every output was
/// written; 1 a block failed or an output could not be written
/// (`OutputError`); 2 a usage error (`UsageError`, bad arguments).
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

  @Option(help: ArgumentHelp("Render one report per row of this CSV (columns are params) and an index page.", valueName: "runs.csv"))
  var paramsFile: String?

  @Option(help: ArgumentHelp(
    "With --params-file: render only the rows r (0-based) with r mod N == I, and no index page (`folio index DIR` writes it once every shard is done).",
    valueName: "I/N"))
  var shard: String?

  @Flag(help: "Render every notebook even after one fails.")
  var keepGoing = false

  @Flag(help: "Run every block; neither read nor write the block cache (DIR/.folio-cache).")
  var noCache = false

  @Flag(help: "Write DIR/<stem>/datasets/<name>.csv for every dataset results.json shows only in part (over 1,000 rows or 100,000 cells), and point to it.")
  var exportDatasets = false

  @OptionGroup var cacheOptions: CacheOptions

  @Option(help: ArgumentHelp("Where to write result tables and the run record: sqlite:PATH or postgres://user@host:port/db (default: DIR/<stem>/results.sqlite).", valueName: "target"))
  var results: String?

  @Option(help: ArgumentHelp("Recompute this block even if its cached result is valid (repeatable).", valueName: "label"))
  var refresh: [String] = []

  func validate() throws {
    if let results {
      do { _ = try ResultStoreTarget(parsing: results) } catch { throw ValidationError("--results: \(error.message)") }
    }
    if let shard {
      do { _ = try ShardSpec(parsing: shard) } catch { throw ValidationError("--shard: \(error.message)") }
      guard paramsFile != nil else { throw ValidationError("--shard splits the rows of a batch; it needs --params-file") }
    }
    for p in params where !p.contains("=") {
      throw ValidationError("--param expects name=value, found '\(p)'")
    }
  }

  func run() throws {
    var anyFailed = false
    for path in notebooks {
      let ok: Bool
      do {
        ok = try paramsFile.map { try renderBatch(path, paramsFile: $0) } ?? renderOne(path)
      } catch let error as OutputError {
        // The previous outputs are intact; like a failed block, exit 1 and
        // (with --keep-going) render the other notebooks.
        printError("error: \(error.description)")
        ok = false
      }
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

  /// `--param` values as (name, value).
  private var paramPairs: [(name: String, value: String)] {
    params.map {
      let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
  }

  /// Renders one notebook; returns whether every block ran.
  private func renderOne(_ path: String) throws -> Bool {
    var job = try makeJob(path)
    job.params = paramPairs
    let outcome = try job.run()
    for d in outcome.document.diagnostics { printError(d.description) }
    printError(outcome.document.outcomeLine(htmlPath: outcome.htmlPath))
    return !outcome.document.hasErrors
  }

  /// Renders one report per row of `paramsFile` (with `--shard I/N`, the
  /// rows r with r mod N == I), each with its `BatchRunRecord`, and, unless
  /// sharded, the index page linking them.
  private func renderBatch(_ path: String, paramsFile: String) throws -> Bool {
    let runs = try BatchParameters.read(paramsFile)
    var shard: ShardSpec?
    if let spec = self.shard {
      do { shard = try ShardSpec(parsing: spec) } catch { throw UsageError(description: "--shard: \(error.message)") }
    }
    let base = try makeJob(path).stem
    let batchID = BatchRunRecord.batchID(
      notebookBytes: (try? FileBytes.read(path)) ?? [], paramsFileBytes: (try? FileBytes.read(paramsFile)) ?? [], shared: paramPairs)
    // Every row's stem, in file order, whichever rows this process renders:
    // a stem can depend on the rows before it (`BatchParameters.stem`).
    var taken: Set<String> = []
    let stems = runs.enumerated().map { i, row in BatchParameters.stem(base: base, row: row, index: i, taken: &taken) }
    var records: [BatchRunRecord] = []
    for (i, row) in runs.enumerated() where shard?.owns(row: i) ?? true {
      var job = try makeJob(path)
      job.params = paramPairs + row
      job.stem = stems[i]
      job.batchPlace = BatchRunRecord.Place(
        batchID: batchID, base: base, row: i, rows: runs.count, href: "\(job.stem).html",
        // The record is a file beside the report: a connection string in a param keeps no password.
        params: row.map { BatchRunRecord.Param(name: $0.name, value: ConnectionString.redacted($0.value)) },
        generatedBy: ConnectionString.redacted("folio render \(path) --params-file \(paramsFile)"))
      let outcome = try job.run()
      for d in outcome.document.diagnostics { printError(d.description) }
      printError(outcome.document.outcomeLine(htmlPath: outcome.htmlPath))
      if let record = outcome.batchRecord { records.append(record) }
    }
    let ok = records.allSatisfy { !$0.summary.hasErrors }
    if let shard {
      printError("shard \(shard.index)/\(shard.count): \(records.count) of \(runs.count) runs; once every shard is done, `folio index \(output)` writes the index page")
      return ok
    }
    let indexPath = try BatchIndexPage.write(records, outputDirectory: output, template: nil)
    printError("index → \(indexPath) (\(records.count) runs)")
    return ok
  }

  private func makeJob(_ path: String) throws -> ReportJob {
    var job = ReportJob(notebookPath: path, outputDirectory: output)
    job.templatePath = template
    job.useCache = !noCache
    job.exportDatasets = exportDatasets
    job.cacheDirectory = cacheOptions.cache
    job.cacheCap = cacheOptions.cap
    job.refresh = Set(refresh)
    job.showProgress = isatty(STDERR_FILENO) != 0
    job.results = try results.map { try ResultStoreTarget(parsing: $0) }
    return job
  }
}

let folioVersionString = folioVersion
