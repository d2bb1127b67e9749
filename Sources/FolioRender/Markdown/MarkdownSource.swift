import _FolioCMark

/// The source lines of a markdown document, for reading back what cmark parsed
/// as a paragraph (cmark keeps line/column positions, not the raw text).
struct MarkdownSource {
  /// Lines without their terminators (`\n` or `\r\n`), index 0 is line 1.
  let lines: [Substring]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasSuffix("\r") ? line.dropLast() : line
    }
  }

  /// The source lines of a paragraph with the prefixes of its containers removed
  /// (list indentation, `>` of enclosing block quotes), so pipe-table rows can
  /// be read from them; `nil` if cmark's positions fall outside the source.
  func paragraphLines(_ paragraph: OpaquePointer) -> [String]? {
    let first = Int(cmark_node_get_start_line(paragraph))
    let last = Int(cmark_node_get_end_line(paragraph))
    let column = Int(cmark_node_get_start_column(paragraph))
    guard first >= 1, last >= first, last <= lines.count, column >= 1 else { return nil }
    let quoteDepth = CMark.blockQuoteDepth(paragraph)
    var result: [String] = []
    for number in first...last {
      let line = lines[number - 1]
      if number == first {
        let utf8 = line.utf8
        guard let start = utf8.index(utf8.startIndex, offsetBy: column - 1, limitedBy: utf8.endIndex)
        else { return nil }
        result.append(String(line[start...]))
      } else {
        result.append(Self.strippingQuotePrefixes(line, depth: quoteDepth))
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
      guard first >= 1, last >= first else { continue }
      for number in first...min(last, lines.count) { covered[number] = true }
    }
    var definitions: [Substring] = []
    for (index, line) in lines.enumerated() where !covered[index + 1] {
      let trimmed = line.drop(while: { $0 == " " })
      if trimmed.hasPrefix("["), trimmed.contains("]:") { definitions.append(line) }
    }
    return definitions.joined(separator: "\n")
  }

  private static func strippingQuotePrefixes(_ line: Substring, depth: Int) -> String {
    var rest = line.drop(while: { $0 == " " || $0 == "\t" })
    for _ in 0..<depth {
      guard rest.hasPrefix(">") else { break }
      rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
    }
    return String(rest)
  }
}
