import _FolioCMark

/// CommonMark → HTML with libcmark, plus the three things a report needs on top:
/// GitHub-style pipe tables, heading ids for a table of contents, and syntax
/// highlighting of fenced code.
///
/// - Raw HTML passes through unchanged (`CMARK_OPT_UNSAFE`); smart punctuation is
///   off (see ``CMark/options``).
/// - Pipe tables follow the GFM spec (see ``PipeTable``) and render like
///   cmark-gfm (`<th align="center">`); cells are inline markdown. Tables are
///   found in paragraphs of the parsed tree, so text inside fenced or indented
///   code is never a table.
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
    guard let document = CMark.parse(markdown) else {
      return RenderedMarkdown(html: "", headings: [])
    }
    defer { cmark_node_free(document) }
    let source = MarkdownSource(markdown)
    let references = source.referenceDefinitions(document: document)

    // Collect first, then rewrite: a rewrite frees the node and its inline
    // children, and these three block kinds never contain one another.
    let rewritable = CMark.nodes(under: document).filter {
      [CMARK_NODE_HEADING, CMARK_NODE_PARAGRAPH, CMARK_NODE_CODE_BLOCK].contains(CMark.type($0))
    }
    var headings: [Heading] = []
    for node in rewritable {
      switch CMark.type(node) {
      case CMARK_NODE_HEADING:
        if let heading = identify(heading: node, slugger: &slugger) { headings.append(heading) }
      case CMARK_NODE_PARAGRAPH:
        convertTable(paragraph: node, source: source, references: references)
      case CMARK_NODE_CODE_BLOCK:
        highlight(codeBlock: node)
      default:
        break
      }
    }
    return RenderedMarkdown(html: CMark.html(document), headings: headings)
  }

  /// Renders one line or a few lines of markdown as inline HTML, without the
  /// `<p>` wrapper: for table cells, captions and card labels.
  ///
  /// Text that would start a block (`# `, `- `, `1. `, `> `, a fence or a
  /// thematic break) is kept as text, so `1. Lift` stays `1. Lift`.
  public static func renderInline(_ markdown: String) -> String {
    renderInline(markdown, references: "")
  }

  /// ``renderInline(_:)`` with link reference definitions (`[name]: url` lines)
  /// available to the text.
  static func renderInline(_ markdown: String, references: String) -> String {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    var text = lines.enumerated().map { InlineEscaper.escapeBlockStart($1, isFirstLine: $0 == 0) }
      .joined(separator: "\n")
    if !references.isEmpty { text += "\n\n" + references }
    guard let document = CMark.parse(text) else { return "" }
    defer { cmark_node_free(document) }
    let blocks = CMark.children(document)
    if blocks.count == 1, let only = blocks.first, CMark.type(only) == CMARK_NODE_PARAGRAPH {
      return stripWrapper(CMark.html(only), open: "<p>", close: "</p>\n")
    }
    var html = CMark.html(document)
    while html.hasSuffix("\n") { html.removeLast() }
    return html
  }

  // MARK: - Tree rewrites

  /// Gives an h1–h4 its id by replacing it with an equivalent raw HTML heading.
  private static func identify(heading node: OpaquePointer, slugger: inout HeadingSlugger) -> Heading? {
    let level = Int(cmark_node_get_heading_level(node))
    guard (1...4).contains(level) else { return nil }
    let text = CMark.plainText(node)
    let id = slugger.uniqueID(for: text)
    let content = stripWrapper(CMark.html(node), open: "<h\(level)>", close: "</h\(level)>\n")
    CMark.replace(node, withHTMLBlock: "<h\(level) id=\"\(HTMLEscape.escape(id))\">\(content)</h\(level)>\n")
    return Heading(level: level, text: text, id: id)
  }

  /// Replaces a paragraph holding a pipe table by the table's HTML.
  private static func convertTable(paragraph node: OpaquePointer, source: MarkdownSource, references: String) {
    guard let lines = source.paragraphLines(node), let table = PipeTable.detect(in: lines) else { return }
    var html = ""
    if !table.leadingLines.isEmpty {
      let leading = table.leadingLines.joined(separator: "\n")
      html += "<p>\(renderInline(leading, references: references))</p>\n"
    }
    html += table.html { renderInline($0, references: references) }
    CMark.replace(node, withHTMLBlock: html)
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
