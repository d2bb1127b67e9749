import FolioNotebook

/// A `TableSpec` as a numbered `<figure class="table">`.
enum TableHTML {
  static func figure(_ t: TableSpec, number: Int, caption: String?, exportHref: String?) -> String {
    var h = "<figure class=\"table\" id=\"tbl-\(number)\">\n"
    h += "<figcaption><span class=\"tbl-num\">Table \(number).</span>\(caption.map { " " + $0 } ?? "")</figcaption>\n"
    h += "<div class=\"table-scroll\"><table class=\"data\">\n<thead><tr>"
    for c in t.columns {
      h += "<th\(c.isNumeric ? " class=\"num\"" : "") scope=\"col\">\(HTMLEscape.escape(c.header))</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for row in t.rows {
      h += "<tr>"
      for (c, text) in zip(t.columns, row) {
        h += "<td\(c.isNumeric ? " class=\"num\"" : "")>\(HTMLEscape.escape(text))</td>"
      }
      h += "</tr>\n"
    }
    if t.rows.isEmpty {
      h += "<tr><td class=\"empty\" colspan=\"\(max(1, t.columns.count))\">No rows</td></tr>\n"
    }
    h += "</tbody>\n</table></div>\n"
    var notes: [String] = []
    let more = t.totalRows - t.rows.count
    if more > 0 { notes.append("\(NumberFormat(.thousands, digits: 0).format(Double(more))) more row\(more == 1 ? "" : "s") not shown") }
    if let exportHref { notes.append("<a href=\"\(HTMLEscape.escape(exportHref))\">Download CSV</a>") }
    if !notes.isEmpty { h += "<p class=\"table-note\">\(notes.joined(separator: " · "))</p>\n" }
    return h + "</figure>\n"
  }
}

/// The executive-summary panel from every `{summary}` block.
enum SummaryPanel {
  static func html(_ summaries: [SummarySpec]) -> String {
    var h = "<section class=\"summary\" aria-label=\"Executive summary\">\n<h2 class=\"summary-title\">Executive summary</h2>\n<div class=\"headlines\">\n"
    for s in summaries {
      for line in s.headlines { h += MarkdownRenderer.render(line).html }
    }
    h += "</div>\n"
    let cards = summaries.flatMap(\.cards)
    if !cards.isEmpty {
      h += "<div class=\"cards\">\n"
      for c in cards {
        h += "<div class=\"card\"><div class=\"card-value\">\(HTMLEscape.escape(c.value))</div><div class=\"card-label\">\(MarkdownRenderer.renderInline(c.label))</div>"
        if let n = c.note { h += "<div class=\"card-note\">\(MarkdownRenderer.renderInline(n))</div>" }
        h += "</div>\n"
      }
      h += "</div>\n"
    }
    return h + "</section>\n"
  }
}
