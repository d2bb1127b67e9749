import _FolioCMark

/// The source lines of a markdown document, for reading back what cmark parsed
/// as a paragraph (cmark keeps line/column positions, not the raw text).
struct MarkdownSource {
  /// Lines without their terminators, index 0 is line 1: split at LF, CRLF
  /// and CR exactly as libcmark counts lines.
  ///
  /// Split on UTF-8 bytes, not `Character`s: in Swift `"\r\n"` is a single
  /// `Character`, so splitting CRLF text on the `Character` `"\n"` found no
  /// line at all, and a block libcmark placed on line 3 of a "1-line" source
  /// made `first...min(last, lines.count)` an invalid range (the SIGILL of a
  /// CRLF notebook, issue 13).
  let lines: [Substring]

  init(_ text: String) {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = start
    while i < utf8.endIndex {
      let byte = utf8[i]
      if byte == 0x0A || byte == 0x0D {
        lines.append(Substring(text[start..<i]))
        var next = utf8.index(after: i)
        if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
        start = next
        i = next
      } else {
        i = utf8.index(after: i)
      }
    }
    lines.append(Substring(text[start...]))
    self.lines = lines
  }

  /// The source lines `first...last` of a paragraph (or setext heading
  /// content) with the prefixes of its containers removed (`>` of enclosing
  /// block quotes, list indentation), so pipe-table rows can be read from
  /// them; `nil` if cmark's positions fall outside the source.
  ///
  /// Each continuation line also says how far it is indented beyond the
  /// paragraph's content column and whether it is lazy (missing a `>` or the
  /// list indentation), which decide where a pipe table ends.
  func paragraphLines(_ paragraph: OpaquePointer, lastLine: Int? = nil) -> [PipeTable.Line]? {
    let first = Int(cmark_node_get_start_line(paragraph))
    let last = lastLine ?? Int(cmark_node_get_end_line(paragraph))
    let column = Int(cmark_node_get_start_column(paragraph))
    guard first >= 1, last >= first, last <= lines.count, column >= 1 else { return nil }
    let quoteDepth = CMark.blockQuoteDepth(paragraph)
    let firstLine = lines[first - 1]
    let utf8 = firstLine.utf8
    guard let start = utf8.index(utf8.startIndex, offsetBy: column - 1, limitedBy: utf8.endIndex) else { return nil }
    // Content column of the paragraph after its block quote prefixes: list indentation.
    let firstPrefix = Self.strippingQuotePrefixes(firstLine, depth: quoteDepth)
    let contentIndent = firstPrefix.rest.startIndex <= start ? Self.width(firstLine[firstPrefix.rest.startIndex..<start]) : 0
    var result = [PipeTable.Line(text: String(firstLine[start...]))]
    if first < last {
      for number in (first + 1)...last {
        let stripped = Self.strippingQuotePrefixes(lines[number - 1], depth: quoteDepth)
        let indent = Self.width(stripped.rest.prefix(while: { $0 == " " || $0 == "\t" }))
        let text = String(stripped.rest.drop(while: { $0 == " " || $0 == "\t" }))
        let lazy = !stripped.complete || indent < contentIndent
        result.append(PipeTable.Line(text: text, indent: lazy ? 0 : indent - contentIndent, isLazy: lazy))
      }
    }
    return result
  }

  /// Lines that look like link reference definitions (`[name]: url`) and lie
  /// outside every top-level block: cmark consumes such definitions, so they are
  /// exactly the lines no block covers. Table cells, parsed separately, get these
  /// appended so `[text][name]` links in cells resolve as in the rest of the document.
  func referenceDefinitions(document: OpaquePointer) -> String {
    var covered = [Bool](repeating: false, count: lines.count + 1)
    for block in CMark.children(document) {
      let first = Int(cmark_node_get_start_line(block))
      let last = Int(cmark_node_get_end_line(block))
      guard first >= 1, last >= first, first <= lines.count else { continue }
      for number in first...min(last, lines.count) { covered[number] = true }
    }
    var definitions: [Substring] = []
    for (index, line) in lines.enumerated() where !covered[index + 1] {
      let trimmed = line.drop(while: { $0 == " " })
      if trimmed.hasPrefix("["), trimmed.contains("]:") { definitions.append(line) }
    }
    return definitions.joined(separator: "\n")
  }

  /// `line` after `depth` block quote markers (each: up to 3 spaces, `>`, one
  /// optional space); `complete` is false when a marker is missing.
  private static func strippingQuotePrefixes(_ line: Substring, depth: Int) -> (rest: Substring, complete: Bool) {
    var rest = line
    for _ in 0..<depth {
      let spaces = rest.prefix(while: { $0 == " " })
      guard spaces.count <= 3, rest.dropFirst(spaces.count).first == ">" else { return (rest, false) }
      rest = rest.dropFirst(spaces.count + 1)
      if rest.first == " " { rest = rest.dropFirst() }
    }
    return (rest, true)
  }

  /// Columns taken by `text` (a tab advances to the next multiple of 4).
  private static func width(_ text: Substring) -> Int {
    var column = 0
    for ch in text { column = ch == "\t" ? (column / 4 + 1) * 4 : column + 1 }
    return column
  }
}
