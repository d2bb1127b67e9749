import FolioData
import FolioNotebook
import FolioStore

/// Stage three: turns an `ExecutedDocument` into the HTML parts of a report
/// page (body, table of contents, executive summary, provenance).
///
/// Tables and figures are numbered in document order; every block's
/// outputs, error cell and Method panel are laid out here, and only here.
public struct DocumentRenderer {
  private var slugger = HeadingSlugger(reserved: ["folio-contents", "folio-provenance", "folio-summary"])
  private var figureCount = 0
  private var tableCount = 0
  private var toc: [Heading] = []
  private var summaries: [SummarySpec] = []
  /// One colour per series name across the whole report (a channel keeps its colour in every chart).
  private var colors = ChartColorAssignment()

  /// Folder of attachments relative to the report (`<stem>`), for export links.
  private let reportStem: String

  public init(reportStem: String) {
    self.reportStem = reportStem
  }

  /// Renders the document into a `ReportPage` ready for the template.
  public mutating func page(for document: ExecutedDocument, generatedBy: String) -> ReportPage {
    // All prose is one CommonMark document (reference links resolve across
    // directive blocks); each piece takes its heading ids when the page reaches it.
    var pieces = MarkdownRenderer.renderDocument(document.blocks.compactMap {
      if case .prose(let p) = $0 { return p.markdown } else { return nil }
    })[...]
    var body = HTML.empty
    for block in document.blocks {
      switch block {
      case .prose(let prose): body += renderProse(prose, pieces.popFirst())
      case .directive(let d): body += renderDirective(d)
      }
    }
    if document.blocks.isEmpty, !document.diagnostics.isEmpty {
      body += document.diagnostics.map { errorCell(title: "The notebook could not be read", $0.error) }.joined()
    }
    let fm = document.notebook.frontMatter
    return ReportPage(
      title: fm.title, subtitle: fm.subtitle, author: fm.author, date: fm.date,
      // Connection strings lose their password wherever they appear: prose,
      // tables, captions, charts, error cells (a value or message may quote one).
      summaryHTML: summaries.isEmpty ? nil : SummaryPanel.html(summaries).redactingConnectionStrings(),
      toc: toc.filter { $0.level <= 3 }.map(ReportPage.TOCEntry.init),
      bodyHTML: body.redactingConnectionStrings(),
      provenance: ReportPage.Provenance(
        folioVersion: folioVersion,
        notebookName: document.notebook.path,
        notebookSHA256: document.notebookSHA256,
        inputs: document.inputs.map { ReportPage.InputFile(path: $0.path, sha256: $0.sha256) },
        params: document.params.map { ReportPage.Parameter(name: $0.name, value: ConnectionString.redacted(TemplateFilters.displayText($0.value))) },
        seed: fm.seedDeclared ? fm.seed : nil,
        generatedBy: generatedBy),
      status: ReportPage.Status(blocksRun: document.directiveCount, blocksFailed: document.failedCount))
  }

  // MARK: - Blocks

  private mutating func renderProse(_ prose: ExecutedProse, _ pending: PendingMarkdown?) -> HTML {
    let rendered = pending?.finish(slugger: &slugger) ?? MarkdownRenderer.render(prose.markdown, slugger: &slugger)
    toc += rendered.headings
    var html = rendered.html
    for (i, e) in prose.errors.enumerated() {
      let badge: HTML = "<span class=\"inline-error\" title=\"\(ConnectionString.redacted(e.description))\">⚠ <bdi>\(ConnectionString.redacted(e.message))</bdi></span>"
      html = html.replacingPlaceholder(InlineErrorMarker.token(i), with: badge)
    }
    return "<div class=\"prose\">\n\(html)</div>\n"
  }

  private mutating func renderDirective(_ d: ExecutedDirective) -> HTML {
    let call = d.call
    let id = call.label.map { "block-\(slugger.uniqueID(for: $0))" } ?? "block-\(call.location.line)"
    var html: HTML = "<section class=\"block block-\(call.name)\" id=\"\(id)\">\n"
    if let e = d.error {
      html += errorCell(title: "Block '\(isolated: call.displayName)' failed", e)
    } else if !d.hidden {
      var captionUsed = false
      for output in d.outputs {
        let caption = captionUsed ? nil : d.caption
        switch output {
        case .table(let t):
          tableCount += 1
          captionUsed = true
          html += TableHTML.figure(
            t, number: tableCount, caption: (caption ?? t.caption).map(MarkdownRenderer.renderInline),
            exportHref: t.exportFile.map { "\(reportStem)/\($0)" })
        case .chart(let c):
          figureCount += 1
          captionUsed = true
          let svg = SVGChartRenderer.render(c, id: "fig-\(figureCount)", colors: &colors)
          let cap = caption.map { TableHTML.caption(MarkdownRenderer.renderInline($0)) }
            ?? (c.title.isEmpty ? HTML.empty : TableHTML.caption(HTML(escaping: c.title)))
          html += "<figure class=\"chart\" id=\"fig-\(figureCount)\">\n\(svg)\n<figcaption><span class=\"fig-num\">Figure \(figureCount).</span>\(cap)</figcaption>\n</figure>\n"
        case .summary(let s):
          summaries.append(s)
        case .note(let text):
          html += "<p class=\"block-note\">\(text)</p>\n"
        case .markdown(let md):
          html += MarkdownRenderer.render(md, slugger: &slugger).html
        }
      }
    }
    if d.echo, !d.hidden || d.error != nil {
      let label: HTML = call.label.map { " \(isolated: $0)" } ?? .empty
      html += "<details class=\"method\"><summary>Method · \(call.name)\(label)</summary><pre class=\"yaml\"><code>\(ConnectionString.redacted(methodText(call)))</code></pre></details>\n"
    }
    return html + "</section>\n"
  }

  /// The block as written, fence and options, for the Method panel.
  private func methodText(_ call: DirectiveCall) -> String {
    "```{\(call.name)}\(call.label.map { " " + $0 } ?? "")\n\(call.body)\n```"
  }

  /// A failed block or notebook: `title` and the error's message, with any
  /// connection string in it redacted (a driver's message may quote one).
  private func errorCell(title: HTML, _ e: NotebookError) -> HTML {
    "<div class=\"error-cell\" role=\"alert\"><div class=\"error-title\">\(title)</div><pre class=\"error-message\">\(ConnectionString.redacted(e.description))</pre></div>\n"
  }
}
