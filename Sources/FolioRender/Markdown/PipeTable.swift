/// A GitHub-flavoured pipe table found in the lines of a markdown paragraph.
///
/// libcmark implements only CommonMark, which has no tables: a pipe table reaches
/// us as an ordinary paragraph (or, followed by `---`/`===`, a setext heading).
/// ``detect(in:)`` recognises one the way the GFM spec (0.29-gfm, section
/// "Tables (extension)") does:
/// - a header row, then a delimiter row with the same number of cells, each cell
///   `-`s with an optional leading and/or trailing `:` (`:--` left, `:-:` center,
///   `--:` right);
/// - leading and trailing pipes are optional, but the header or delimiter row must
///   contain a pipe; spaces around cells are trimmed;
/// - `\|` puts a literal pipe in a cell, also inside code spans;
/// - the table ends at a blank line or at the start of another block. A table
///   is not a paragraph, so the blocks that cannot interrupt a paragraph (and
///   so reach us inside one) do end a table: an indented code block, any list
///   item (`2. item`, an empty `-`), an HTML block, and a lazy line (one
///   missing its block quote `>` or list indentation). Those lines and the rest
///   of the paragraph are ``trailing``, rendered as markdown after the table;
/// - short rows are padded with empty cells, long rows truncated to the header's width.
/// Lines of the paragraph before the header row stay a paragraph.
struct PipeTable: Equatable {
  enum Alignment: Equatable {
    case none, left, center, right

    /// The attribute cmark-gfm writes on `<th>`/`<td>`, with its leading space.
    var attribute: String {
      switch self {
      case .none: return ""
      case .left: return " align=\"left\""
      case .center: return " align=\"center\""
      case .right: return " align=\"right\""
      }
    }
  }

  /// One source line of a paragraph, its container prefixes removed.
  struct Line: Equatable {
    /// The text, without container prefixes and leading spaces.
    var text: String
    /// Columns of indentation beyond the container's content column (4 or
    /// more starts an indented code block where a paragraph is not open).
    var indent: Int = 0
    /// Whether the line lacks a prefix of its containers (a `>` or the list
    /// item's indentation), so it belongs to the paragraph only by laziness.
    var isLazy = false
  }

  /// Paragraph lines before the header row (often empty).
  var leadingLines: [String]
  var alignments: [Alignment]
  /// Header cells as markdown source, `\|` already turned into `|`.
  var header: [String]
  /// Body rows, each exactly `header.count` cells of markdown source.
  var rows: [[String]]
  /// The paragraph's lines after the table (from the first that starts another block).
  var trailing: [Line] = []

  /// The table in a paragraph's plain lines (tests and simple callers).
  static func detect(in lines: [String]) -> PipeTable? {
    detect(in: lines.map { Line(text: $0) })
  }

  /// The table in `lines` (a paragraph's source lines, container prefixes
  /// removed), or `nil` when they hold no header + delimiter row pair.
  static func detect(in lines: [Line]) -> PipeTable? {
    guard lines.count >= 2 else { return nil }
    for d in 1..<lines.count {
      // A lazy line is paragraph continuation only; it cannot be part of a table's head.
      guard !lines[d].isLazy, !lines[d - 1].isLazy, let alignments = delimiterRow(lines[d].text) else { continue }
      let headerLine = lines[d - 1].text
      guard headerLine.contains("|") || lines[d].text.contains("|") else { continue }
      let header = cells(of: headerLine)
      guard header.count == alignments.count else { continue }
      let body = lines[(d + 1)...]
      let end = body.firstIndex(where: endsTable) ?? lines.count
      let rows = lines[(d + 1)..<end].map { line -> [String] in
        var row = cells(of: line.text)
        if row.count > header.count { row.removeLast(row.count - header.count) }
        while row.count < header.count { row.append("") }
        return row
      }
      return PipeTable(
        leadingLines: lines[..<(d - 1)].map(\.text), alignments: alignments,
        header: header, rows: rows, trailing: Array(lines[end...]))
    }
    return nil
  }

  /// Whether `line` starts a block that ends a table (see the type's comment).
  static func endsTable(_ line: Line) -> Bool {
    line.isLazy || line.indent >= 4 || startsListItem(line.text) || startsHTMLBlock(line.text)
  }

  /// A bullet (`-`, `+`, `*`) or ordered (`1.`–`999999999)`) list marker followed by a space or the line end.
  static func startsListItem(_ text: String) -> Bool {
    var rest = Substring(text)
    if let f = rest.first, f == "-" || f == "+" || f == "*" {
      rest = rest.dropFirst()
    } else {
      let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
      guard (1...9).contains(digits.count) else { return false }
      rest = rest.dropFirst(digits.count)
      guard let m = rest.first, m == "." || m == ")" else { return false }
      rest = rest.dropFirst()
    }
    return rest.first.map { $0 == " " || $0 == "\t" } ?? true
  }

  /// Block-level HTML tag names of CommonMark's HTML block kind 6.
  private static let blockTags: Set<String> = [
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "section", "source", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul",
  ]

  /// The start of a CommonMark HTML block (kinds 1–7; kind 7, a lone complete
  /// tag, is approximated by "the line is one tag").
  static func startsHTMLBlock(_ text: String) -> Bool {
    guard text.hasPrefix("<") else { return false }
    let lower = text.lowercased()
    if lower.hasPrefix("<!--") || lower.hasPrefix("<?") || lower.hasPrefix("<![cdata[") { return true }
    if let c = lower.dropFirst(2).first, lower.hasPrefix("<!"), c.isLetter { return true }
    for tag in ["script", "pre", "style", "textarea"] where lower.hasPrefix("<\(tag)") {
      let after = lower.dropFirst(tag.count + 1).first
      if after == nil || after == " " || after == ">" || after == "\t" { return true }
    }
    let name = lower.dropFirst(lower.hasPrefix("</") ? 2 : 1).prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })
    guard let first = name.first, first.isLetter else { return false }
    let after = lower.dropFirst((lower.hasPrefix("</") ? 2 : 1) + name.count).first
    if blockTags.contains(String(name)), after == nil || after == " " || after == ">" || after == "/" || after == "\t" {
      return true
    }
    let trimmed = lower.trimmingSpacesAndTabs()
    return trimmed.hasSuffix(">") && trimmed.dropFirst().firstIndex(of: "<") == nil
  }

  /// The alignments of a delimiter row (`| :-- | --: |`), or `nil` if `line` is not one.
  static func delimiterRow(_ line: String) -> [Alignment]? {
    let parts = cells(of: line)
    guard !parts.isEmpty else { return nil }
    var result: [Alignment] = []
    for part in parts {
      var body = Substring(part)
      let leftColon = body.hasPrefix(":")
      if leftColon { body = body.dropFirst() }
      let rightColon = body.hasSuffix(":")
      if rightColon { body = body.dropLast() }
      guard !body.isEmpty, body.allSatisfy({ $0 == "-" }) else { return nil }
      switch (leftColon, rightColon) {
      case (true, true): result.append(.center)
      case (true, false): result.append(.left)
      case (false, true): result.append(.right)
      case (false, false): result.append(.none)
      }
    }
    return result
  }

  /// Splits a row at unescaped pipes, drops the optional outer pipes, trims each
  /// cell and turns `\|` into `|` (other backslash escapes are left for cmark).
  static func cells(of line: String) -> [String] {
    let trimmed = line.trimmingSpacesAndTabs()
    var cells: [String] = []
    var current = ""
    var endsWithPipe = false
    var iterator = trimmed.makeIterator()
    while let ch = iterator.next() {
      endsWithPipe = false
      if ch == "\\" {
        guard let next = iterator.next() else {
          current.append(ch)
          break
        }
        if next != "|" { current.append(ch) }
        current.append(next)
      } else if ch == "|" {
        cells.append(current)
        current = ""
        endsWithPipe = true
      } else {
        current.append(ch)
      }
    }
    if !endsWithPipe { cells.append(current) }
    if trimmed.hasPrefix("|"), !cells.isEmpty { cells.removeFirst() }
    return cells.map { $0.trimmingSpacesAndTabs() }
  }

  /// The table as HTML in cmark-gfm's layout (`<thead>`, and `<tbody>` only when
  /// there are body rows), each cell rendered by `renderCell` (inline HTML).
  func html(renderCell: (String) -> String) -> String {
    var out = "<table>\n<thead>\n<tr>\n"
    for (cell, alignment) in zip(header, alignments) {
      out += "<th\(alignment.attribute)>\(renderCell(cell))</th>\n"
    }
    out += "</tr>\n</thead>\n"
    if !rows.isEmpty {
      out += "<tbody>\n"
      for row in rows {
        out += "<tr>\n"
        for (cell, alignment) in zip(row, alignments) {
          out += "<td\(alignment.attribute)>\(renderCell(cell))</td>\n"
        }
        out += "</tr>\n"
      }
      out += "</tbody>\n"
    }
    out += "</table>\n"
    return out
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpacesAndTabs() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isBlank($0) }),
      let last = lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(self[first...last])
  }
}
