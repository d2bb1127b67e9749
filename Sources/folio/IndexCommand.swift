import ArgumentParser
import Foundation

/// `folio index DIR`: builds the index page of a `--params-file` batch from
/// the reports in an output folder, after its shards (`folio render …
/// --shard I/N`, possibly on other machines) have all written there. The page
/// is byte-identical to the one `folio render --params-file` writes when one
/// process renders the whole batch.
///
/// Exit status: 0 the index was written and every run succeeded; 1 a run had
/// a failed block (the index still lists it), the batch is incomplete or
/// mixed, or the page cannot be written; 2 a usage error (no such folder,
/// no batch run in it, a missing template).
struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Write the index page of a sharded --params-file batch from the reports in an output folder.",
    discussion: """
      Run it once every shard (`folio render NOTEBOOK --params-file FILE --shard I/N -o DIR`) has finished: \
      it reads DIR/<stem>/batch-run.json of every run and writes DIR/<notebook>-index.html, the same page \
      an unsharded render writes. A batch with a run missing, or runs from two different batches of one \
      notebook, is an error (exit 1) naming them.
      """)

  @Argument(help: "The output folder the shards wrote into.")
  var outputDirectory: String

  @Option(help: "Report template (.mustache) for the index page (default: the one the runs used).")
  var template: String?

  func run() throws {
    let batches: [BatchFolder.Batch]
    do { batches = try BatchFolder.read(outputDirectory) } catch let problem as BatchFolder.Problem {
      printError("error: \(problem.description)")
      throw ExitCode(FolioExit.blockFailed)
    }
    var anyFailed = false
    for batch in batches {
      let path = try BatchIndexPage.write(batch.records, outputDirectory: outputDirectory, template: template)
      let failed = batch.records.filter(\.summary.hasErrors).count
      printError("index → \(path) (\(batch.records.count) runs\(failed > 0 ? ", \(failed) with errors" : ""))")
      anyFailed = anyFailed || failed > 0
    }
    if anyFailed { throw ExitCode(FolioExit.blockFailed) }
  }
}
