import Foundation
import _FolioCMark

/// CommonMark → HTML with libcmark, plus the three things a report needs on top:
/// GitHub-style pipe tables, heading ids for a table of contents, and syntax
/// highlighting of fenced code.
///
/// - Raw HTML written by the author passes through unchanged (`CMARK_OPT_UNSAFE`);
///   smart punctuation is off (see ``CMark/options``). Link and image targets
///   with a scheme that runs code or reads local files (`javascript:`,
///   `vbscript:`, `file:`, `data:` other than images) are emptied, as libcmark's
///   safe mode does: a value from data used as a link target
///   (`[x]({{ d.URL | first }})`) cannot become a working `javascript:` link.
/// - Pipe tables follow the GFM spec (see ``PipeTable``) and render like
///   cmark-gfm (`<th align="center">`); cells are inline markdown. Tables are
///   found in paragraphs (and setext headings: a table followed by `---`) of
///   the parsed tree, so text inside fenced or indented code is never a table;
///   they end where GFM ends a table, not where CommonMark ends a paragraph.
/// - An unclosed `<!--` is closed at the end of the output, so it cannot hide
///   the rest of the page. Line ends may be LF, CRLF or CR.
/// - h1–h4 get `id`s from a ``HeadingSlugger`` (`## Lift by region` →
///   `<h2 id="lift-by-region">`); h5/h6 render without ids.
/// - Fenced code whose info string names a known language (``CodeHighlighter``)
///   becomes `<pre><code class="language-python">` with token spans; other code
///   renders as cmark does (escaped, same `class`).
///
/// Rendering never fails: any string is valid CommonMark.
public enum MarkdownRenderer {
  /// Renders a markdown document with a fresh slugger.
  public static func render(_ markdown: String) -> RenderedMarkdown {
    var slugger = HeadingSlugger()
    return render(markdown, slugger: &slugger)
  }

  /// Renders a markdown document, taking heading ids from `slugger` so ids stay
  /// unique across several documents rendered into one page.
  public static func render(_ markdown: String, slugger: inout HeadingSlugger) -> RenderedMarkdown {
    renderTree(markdown, firstHeading: 0).finish(slugger: &slugger)
  }

  /// Renders the prose pieces of one notebook as ONE CommonMark document and
  /// returns each piece's part, in order.
  ///
  /// The pieces are the prose between directive blocks; reading them as one
  /// document is what makes a reference link resolve when its definition sits
  /// after a directive block. Between pieces goes a private HTML comment at
  /// the top level (the notebook parser guarantees each directive fence ended
  /// every open block, and so does the comment); the HTML is cut there. Heading
  /// ids are assigned later, by ``PendingMarkdown/finish(slugger:)``, so they
  /// are taken in page order together with everything else on the page. If a
  /// piece's text holds the boundary comment itself, each piece is rendered on
  /// its own.
  public static func renderDocument(_ pieces: [String]) -> [PendingMarkdown] {
    if pieces.count <= 1 || pieces.contains(where: { $0.contains(pieceBoundary) }) {
      return separately(pieces)
    }
    let whole = renderTree(pieces.joined(separator: "\n\n\(pieceBoundary)\n\n"), firstHeading: 0)
    let parts = whole.html.components(separatedBy: "\(pieceBoundary)\n")
    guard parts.count == pieces.count else { return separately(pieces) }
    var result: [PendingMarkdown] = []
    var heading = 0
    for part in parts {
      let count = part.components(separatedBy: String(PendingMarkdown.idOpen)).count - 1
      let headings = Array(whole.headings[heading..<min(heading + count, whole.headings.count)])
      result.append(PendingMarkdown(html: closingComments(part), headings: headings, firstHeading: heading))
      heading += count
    }
    return result
  }

  /// The HTML comment placed between prose pieces (a private-use character
  /// keeps it from ever matching what an author wrote).
  static let pieceBoundary = "<!--\u{E014}-->"

  private static func separately(_ pieces: [String]) -> [PendingMarkdown] {
    pieces.map { renderTree($0, firstHeading: 0) }
  }

  /// HTML with an unclosed `<!--` closed at its end: a comment that never
  /// ends is an HTML block running to the end of the document in CommonMark,
  /// and left open in the page it would hide everything after it, footer included.
  static func closingComments(_ html: String) -> String {
    guard let open = html.range(of: "<!--", options: .backwards),
      html[open.upperBound...].range(of: "-->") == nil
    else { return html }
    return html + (html.hasSuffix("\n") ? "" : "\n") + "-->\n"
  }

  /// Parses and rewrites one document; heading ids are left as tokens numbered from `firstHeading`.
  private static func renderTree(_ markdown: String, firstHeading: Int) -> PendingMarkdown {
    guard let document = CMark.parse(markdown) else {
      return PendingMarkdown(html: "", headings: [], firstHeading: firstHeading)
    }
    defer { cmark_node_free(document) }
    CMark.dropDangerousURLs(under: document)
    let source = MarkdownSource(markdown)
    let references = source.referenceDefinitions(document: document)

    // Collect first, then rewrite: a rewrite frees the node and its inline
    // children, and these three block kinds never contain one another.
    let rewritable = CMark.nodes(under: document).filter {
      [CMARK_NODE_HEADING, CMARK_NODE_PARAGRAPH, CMARK_NODE_CODE_BLOCK].contains(CMark.type($0))
    }
    var headings: [(level: Int, text: String)] = []
    for node in rewritable {
      switch CMark.type(node) {
      case CMARK_NODE_HEADING:
        if convertSetextTable(heading: node, source: source, references: references) { continue }
        if let heading = identify(heading: node, token: firstHeading + headings.count) { headings.append(heading) }
      case CMARK_NODE_PARAGRAPH:
        if let lines = source.paragraphLines(node) {
          _ = convertTable(node, lines: lines, underline: nil, references: references)
        }
      case CMARK_NODE_CODE_BLOCK:
        highlight(codeBlock: node)
      default:
        break
      }
    }
    return PendingMarkdown(html: closingComments(CMark.html(document)), headings: headings, firstHeading: firstHeading)
  }

  /// Renders one line or a few lines of markdown as inline HTML, without the
  /// `<p>` wrapper: for table cells, captions and card labels.
  ///
  /// Text that would start a block (`# `, `- `, `1. `, `> `, a fence or a
  /// thematic break) is kept as text, so `1. Lift` stays `1. Lift`.
  public static func renderInline(_ markdown: String) -> HTML {
    HTML(uncheckedMarkup: renderInline(markdown, references: ""))
  }

  /// ``renderInline(_:)`` with link reference definitions (`[name]: url` lines)
  /// available to the text.
  static func renderInline(_ markdown: String, references: String) -> String {
    let lines = MarkdownSource(markdown).lines
    var text = lines.enumerated().map { InlineEscaper.escapeBlockStart($1, isFirstLine: $0 == 0) }
      .joined(separator: "\n")
    if !references.isEmpty { text += "\n\n" + references }
    guard let document = CMark.parse(text) else { return "" }
    defer { cmark_node_free(document) }
    CMark.dropDangerousURLs(under: document)
    let blocks = CMark.children(document)
    if blocks.count == 1, let only = blocks.first, CMark.type(only) == CMARK_NODE_PARAGRAPH {
      return stripWrapper(CMark.html(only), open: "<p>", close: "</p>\n")
    }
    var html = CMark.html(document)
    while html.hasSuffix("\n") { html.removeLast() }
    return html
  }

  // MARK: - Tree rewrites

  /// Gives an h1–h4 an id token by replacing it with an equivalent raw HTML heading.
  private static func identify(heading node: OpaquePointer, token: Int) -> (level: Int, text: String)? {
    let level = Int(cmark_node_get_heading_level(node))
    guard (1...4).contains(level) else { return nil }
    let text = CMark.plainText(node)
    let content = stripWrapper(CMark.html(node), open: "<h\(level)>", close: "</h\(level)>\n")
    CMark.replace(node, withHTMLBlock: "<h\(level) id=\"\(PendingMarkdown.idToken(token))\">\(content)</h\(level)>\n")
    return (level, text)
  }

  /// A setext heading whose text is a pipe table: in GFM the table ends at
  /// the underline, so `---` is a thematic break after it and `===` one more row.
  private static func convertSetextTable(heading node: OpaquePointer, source: MarkdownSource, references: String) -> Bool {
    let first = Int(cmark_node_get_start_line(node))
    let last = Int(cmark_node_get_end_line(node))
    guard last > first, last <= source.lines.count,
      let lines = source.paragraphLines(node, lastLine: last - 1)
    else { return false }
    let underline = source.lines[last - 1].trimmingCharacters(in: .whitespaces)
    return convertTable(node, lines: lines, underline: underline, references: references)
  }

  /// Replaces a paragraph (or setext heading) holding a pipe table by the
  /// table's HTML; the lines after the table are rendered as markdown after
  /// it, or after the enclosing top-level block when they are lazy lines.
  private static func convertTable(
    _ node: OpaquePointer, lines: [PipeTable.Line], underline: String?, references: String
  ) -> Bool {
    guard var table = PipeTable.detect(in: lines) else { return false }
    var after = table.trailing.map { String(repeating: " ", count: $0.indent) + $0.text }
    if let underline {
      if after.isEmpty, underline.hasPrefix("=") {
        var row = PipeTable.cells(of: underline)
        if row.count > table.header.count { row.removeLast(row.count - table.header.count) }
        while row.count < table.header.count { row.append("") }
        table.rows.append(row)
      } else {
        after.append(underline)
      }
    }
    var html = ""
    if !table.leadingLines.isEmpty {
      let leading = table.leadingLines.joined(separator: "\n")
      html += "<p>\(renderInline(leading, references: references))</p>\n"
    }
    html += table.html { renderInline($0, references: references) }
    let rest = after.isEmpty ? "" : render(after.joined(separator: "\n") + "\n\n" + references).html.markup
    if table.trailing.first?.isLazy == true, let top = CMark.topLevelAncestor(node), top != node {
      // Lazy lines are not in the container in GFM: they follow it.
      if !rest.isEmpty, let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) {
        cmark_node_set_literal(block, rest)
        if cmark_node_insert_after(top, block) != 1 { cmark_node_free(block) }
      }
      CMark.replace(node, withHTMLBlock: html)
    } else {
      CMark.replace(node, withHTMLBlock: html + rest)
    }
    return true
  }

  /// Replaces a fenced code block in a known language by highlighted HTML.
  private static func highlight(codeBlock node: OpaquePointer) {
    let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    guard let body = CodeHighlighter.highlight(CMark.literal(node), infoString: info) else { return }
    let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    CMark.replace(
      node,
      withHTMLBlock: "<pre><code class=\"language-\(HTMLEscape.escape(language))\">\(body)</code></pre>\n")
  }

  private static func stripWrapper(_ html: String, open: String, close: String) -> String {
    guard html.hasPrefix(open), html.hasSuffix(close), html.count >= open.count + close.count else {
      return html
    }
    return String(html.dropFirst(open.count).dropLast(close.count))
  }
}
