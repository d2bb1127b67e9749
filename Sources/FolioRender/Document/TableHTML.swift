import FolioNotebook

/// A `TableSpec` as a numbered `<figure class="table">`.
///
/// Headers and text cells come from data: they are escaped and carry
/// `dir="auto"`, so right-to-left text or a bidi control (U+202E) in a value
/// takes its own direction and cannot reorder anything outside its cell (the
/// stylesheet keeps cells left-aligned). Numeric cells are Folio's own
/// formatted numbers.
enum TableHTML {
  static func figure(_ t: TableSpec, number: Int, caption: HTML?, exportHref: String?) -> HTML {
    var h: HTML = "<figure class=\"table\" id=\"tbl-\(number)\">\n"
    h += "<figcaption><span class=\"tbl-num\">Table \(number).</span>\(caption.map(Self.caption))</figcaption>\n"
    h += "<div class=\"table-scroll\"><table class=\"data\">\n<thead><tr>"
    for c in t.columns {
      h += "<th\(c.isNumeric ? " class=\"num\"" as HTML : "") scope=\"col\" dir=\"auto\">\(c.header)</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for row in t.rows {
      h += "<tr>"
      for (c, text) in zip(t.columns, row) {
        h += c.isNumeric ? "<td class=\"num\">\(text)</td>" : "<td dir=\"auto\">\(text)</td>"
      }
      h += "</tr>\n"
    }
    if t.rows.isEmpty {
      h += "<tr><td class=\"empty\" colspan=\"\(max(1, t.columns.count))\">No rows</td></tr>\n"
    }
    h += "</tbody>\n</table></div>\n"
    var notes: [HTML] = []
    let more = t.totalRows - t.rows.count
    if more > 0 {
      notes.append("\(NumberFormat(.thousands, digits: 0).format(Double(more))) more row\(more == 1 ? "" : "s") not shown")
    }
    if let exportHref { notes.append("<a href=\"\(exportHref)\">Download CSV</a>") }
    if !notes.isEmpty { h += "<p class=\"table-note\">\(notes.joined(separator: " · "))</p>\n" }
    return h + "</figure>\n"
  }

  /// A caption after its "Table n." or "Figure n." label: a space, then the
  /// caption isolated in `<bdi>` so its direction cannot reorder the label.
  static func caption(_ html: HTML) -> HTML {
    " <bdi>\(html)</bdi>"
  }
}

/// The executive-summary panel from every `{summary}` block.
///
/// Card values, labels and notes are data: each sits in its own element with
/// `dir="auto"`.
enum SummaryPanel {
  static func html(_ summaries: [SummarySpec]) -> HTML {
    var h: HTML = "<section class=\"summary\" aria-label=\"Executive summary\">\n<h2 class=\"summary-title\">Executive summary</h2>\n<div class=\"headlines\">\n"
    for s in summaries {
      for line in s.headlines { h += MarkdownRenderer.render(line).html }
    }
    h += "</div>\n"
    let cards = summaries.flatMap(\.cards)
    if !cards.isEmpty {
      h += "<div class=\"cards\">\n"
      for c in cards {
        h += "<div class=\"card\"><div class=\"card-value\" dir=\"auto\">\(c.value)</div><div class=\"card-label\" dir=\"auto\">\(MarkdownRenderer.renderInline(c.label))</div>"
        if let n = c.note { h += "<div class=\"card-note\" dir=\"auto\">\(MarkdownRenderer.renderInline(n))</div>" }
        h += "</div>\n"
      }
      h += "</div>\n"
    }
    return h + "</section>\n"
  }
}
