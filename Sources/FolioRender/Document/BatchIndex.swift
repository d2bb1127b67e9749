import FolioNotebook
import FolioStore

/// The index page of a batch run (`folio render --params-file`): one row per
/// run with its parameters, status and headline figures, linking to its report.
public struct BatchIndex {
  /// One rendered run.
  public struct Run {
    /// Link to the run's report, relative to the index page.
    public var href: String
    public var params: [(name: String, value: String)]
    /// Its status and key figures (kept beside sharded runs' reports).
    public var summary: BatchRunSummary
    public init(href: String, params: [(name: String, value: String)], summary: BatchRunSummary) {
      self.href = href
      self.params = params
      self.summary = summary
    }
  }

  public var title: String
  public var runs: [Run]

  public init(title: String, runs: [Run]) {
    self.title = title
    self.runs = runs
  }

  /// The index as a report page for the standard template.
  public func page(generatedBy: String) -> ReportPage {
    let paramNames = runs.first?.params.map(\.name) ?? []
    let cardLabels = runs.first.map { $0.summary.cards.map(\.label) } ?? []
    var h: HTML = "<figure class=\"table\" id=\"tbl-1\"><figcaption><span class=\"tbl-num\">Table 1.</span> \(runs.count) runs, one per row of the parameters file.</figcaption>\n"
    h += "<div class=\"table-scroll\"><table class=\"data\">\n<thead><tr><th scope=\"col\">Report</th>"
    for n in paramNames { h += "<th scope=\"col\" dir=\"auto\">\(n)</th>" }
    h += "<th scope=\"col\">Status</th>"
    for l in cardLabels { h += "<th class=\"num\" scope=\"col\" dir=\"auto\">\(MarkdownRenderer.renderInline(l))</th>" }
    h += "</tr></thead>\n<tbody>\n"
    for run in runs {
      let failed = run.summary.failedCount
      let status: HTML = run.summary.hasErrors ? "\(failed) block\(failed == 1 ? "" : "s") failed" : "ok"
      h += "<tr><td dir=\"auto\"><a href=\"\(run.href)\">\(run.href)</a></td>"
      // A parameter may be a connection string: shown without its password.
      for p in run.params { h += "<td dir=\"auto\">\(ConnectionString.redacted(p.value))</td>" }
      h += "<td>\(status)</td>"
      let cards = run.summary.cards
      for l in cardLabels {
        h += "<td class=\"num\" dir=\"auto\">\(cards.first(where: { $0.label == l })?.value ?? "–")</td>"
      }
      h += "</tr>\n"
    }
    h += "</tbody>\n</table></div>\n</figure>\n"
    let first = runs.first?.summary
    return ReportPage(
      title: title, subtitle: "Batch of \(runs.count) runs", bodyHTML: h,
      provenance: ReportPage.Provenance(
        folioVersion: folioVersion, notebookName: first?.notebookPath ?? "",
        notebookSHA256: first?.notebookSHA256 ?? "", generatedBy: ConnectionString.redacted(generatedBy)),
      status: ReportPage.Status(blocksRun: runs.reduce(0) { $0 + $1.summary.directiveCount },
                                blocksFailed: runs.reduce(0) { $0 + $1.summary.failedCount }))
  }
}
