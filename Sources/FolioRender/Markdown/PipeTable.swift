/// A GitHub-flavoured pipe table found in the lines of a markdown paragraph.
///
/// libcmark implements only CommonMark, which has no tables: a pipe table reaches
/// us as an ordinary paragraph. ``detect(in:)`` recognises one the way the GFM
/// spec (section "Tables (extension)") does:
/// - a header row, then a delimiter row with the same number of cells, each cell
///   `-`s with an optional leading and/or trailing `:` (`:--` left, `:-:` center,
///   `--:` right);
/// - leading and trailing pipes are optional, but the header or delimiter row must
///   contain a pipe; spaces around cells are trimmed;
/// - `\|` puts a literal pipe in a cell, also inside code spans;
/// - every further line of the paragraph is a body row (so the table ends at a
///   blank line or at the start of another block, as in GFM); short rows are
///   padded with empty cells, long rows truncated to the header's width.
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

  /// Paragraph lines before the header row (often empty).
  var leadingLines: [String]
  var alignments: [Alignment]
  /// Header cells as markdown source, `\|` already turned into `|`.
  var header: [String]
  /// Body rows, each exactly `header.count` cells of markdown source.
  var rows: [[String]]

  /// The table in `lines` (a paragraph's source lines, container prefixes
  /// removed), or `nil` when they hold no header + delimiter row pair.
  static func detect(in lines: [String]) -> PipeTable? {
    guard lines.count >= 2 else { return nil }
    for d in 1..<lines.count {
      guard let alignments = delimiterRow(lines[d]) else { continue }
      let headerLine = lines[d - 1]
      guard headerLine.contains("|") || lines[d].contains("|") else { continue }
      let header = cells(of: headerLine)
      guard header.count == alignments.count else { continue }
      let rows = lines[(d + 1)...].map { line -> [String] in
        var row = cells(of: line)
        if row.count > header.count { row.removeLast(row.count - header.count) }
        while row.count < header.count { row.append("") }
        return row
      }
      return PipeTable(
        leadingLines: Array(lines[..<(d - 1)]), alignments: alignments,
        header: header, rows: rows)
    }
    return nil
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
