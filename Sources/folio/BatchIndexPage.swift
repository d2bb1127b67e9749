import FolioData
import FolioRender
import Foundation

/// Writes a batch's index page, DIR/<base>-index.html, from its run records:
/// one row per run with its params, status and key figures, linking to its
/// report.
///
/// `folio render --params-file` calls it with the records it has just
/// written; `folio index` with the records it reads back from an output
/// folder that shards (`--shard I/N`) filled. Both see the same records, so
/// both write the same bytes.
enum BatchIndexPage {
  /// Renders and writes the page; returns its path.
  /// - Parameters:
  ///   - records: every run of one batch, in any order (sorted by row here).
  ///   - template: a template overriding the one the records name.
  /// - Throws: `UsageError` when the template is missing or unreadable,
  ///   `OutputError` when the page cannot be written.
  static func write(_ records: [BatchRunRecord], outputDirectory: String, template override: String?) throws -> String {
    let records = records.sorted { $0.place.row < $1.place.row }
    guard let first = records.first else { throw UsageError(description: "a batch index needs at least one run") }
    let runs = records.map { r in
      BatchIndex.Run(href: r.place.href, params: r.place.params.map { ($0.name, $0.value) }, summary: r.summary)
    }
    let index = BatchIndex(title: first.summary.title + " — all runs", runs: runs)
    let templatePath: String
    if let chosen = override ?? first.template {
      guard FileManager.default.fileExists(atPath: chosen) else {
        throw UsageError(description: "template \(chosen): no such file\(override == nil ? " (the batch's template; pass --template)" : "")")
      }
      templatePath = chosen
    } else {
      templatePath = try TemplateLocator.locateDefault()
    }
    let html: String
    do {
      html = try ReportRenderer(templatePath: templatePath).template.render(index.page(generatedBy: first.place.generatedBy))
    } catch {
      throw UsageError(description: "template \(templatePath): \(error)")
    }
    let indexPath = (outputDirectory as NSString).appendingPathComponent("\(first.place.base)-index.html")
    do { try FileBytes.writeReplacing(html, at: indexPath) } catch {
      throw OutputError.cannotWrite(path: indexPath, reason: error.reason)
    }
    return indexPath
  }
}
