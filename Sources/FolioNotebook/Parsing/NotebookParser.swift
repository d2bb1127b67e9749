import FolioData

/// Splits notebook text into front matter, prose and directive blocks.
///
/// Stage one of three (parse → execute → render, as in knitr): nothing runs
/// here. Fences follow CommonMark: an opening run of ≥ 3 backticks or tildes
/// (indented ≤ 3 spaces) is closed by a run of the same character at least as
/// long; ordinary code fences stay in the prose, so a directive shown inside a
/// longer fence is documentation, not a call.
public enum NotebookParser {
  /// Parses `source`; `path` is used in every diagnostic.
  public static func parse(_ source: String, path: String) throws(NotebookError) -> Notebook {
    let lines = splitLines(source)
    var index = 0
    var frontMatter = FrontMatter(location: SourceLocation(file: path, line: 1, column: 1))
    if let first = lines.first, first.trimmingTrailingSpaces == "---" {
      guard let end = lines.indices.dropFirst().first(where: {
        let l = lines[$0].trimmingTrailingSpaces
        return l == "---" || l == "..."
      }) else {
        throw NotebookError(SourceLocation(file: path, line: 1, column: 1),
                            "front matter opened with '---' is never closed; expected a line '---' after it")
      }
      let yaml = lines[1..<end].joined(separator: "\n")
      frontMatter = try FrontMatter.parse(YAMLLoader.load(yaml, file: path, firstLine: 2))
      index = end + 1
    }

    var blocks: [Block] = []
    var prose: [String] = []
    var proseStart = index + 1
    func flushProse() {
      // Blank lines around prose carry nothing; dropping them keeps line numbers exact.
      while let first = prose.first, first.trimmingTrailingSpaces.isEmpty { prose.removeFirst(); proseStart += 1 }
      while let last = prose.last, last.trimmingTrailingSpaces.isEmpty { prose.removeLast() }
      if !prose.isEmpty {
        blocks.append(.prose(Prose(text: prose.joined(separator: "\n"), firstLine: proseStart)))
      }
      prose = []
    }

    while index < lines.count {
      let line = lines[index]
      guard let fence = Fence(line) else {
        if prose.isEmpty { proseStart = index + 1 }
        prose.append(line)
        index += 1
        continue
      }
      let closing = lines.indices.dropFirst(index + 1).first { fence.isClosed(by: lines[$0]) }
      let lineNo = index + 1
      let fenceLoc = SourceLocation(file: path, line: lineNo, column: fence.indent + 1)
      if let call = try directiveHeader(fence, line: lineNo, path: path) {
        guard let closing else {
          throw NotebookError(fenceLoc, "directive block '\(fence.info)' is never closed; expected a line '\(fence.marker)'")
        }
        flushProse()
        let body = lines[(index + 1)..<closing].joined(separator: "\n")
        var c = call
        c.body = body
        c.options = try YAMLLoader.load(body, file: path, firstLine: lineNo + 1)
        if case .mapping = c.options.kind {} else if case .null = c.options.kind {
          c.options = .emptyMapping(at: c.options.location)
        } else {
          throw NotebookError(c.options.location, "options of {\(c.name)}: expected a mapping of option: value, found \(c.options.shapeName)")
        }
        blocks.append(.directive(c))
        index = closing + 1
        proseStart = index + 1
      } else {
        // An ordinary code fence: keep it verbatim in the prose, unclosed ones run to the end (CommonMark).
        if prose.isEmpty { proseStart = index + 1 }
        let end = closing ?? (lines.count - 1)
        prose.append(contentsOf: lines[index...end])
        index = end + 1
      }
    }
    flushProse()
    return Notebook(path: path, source: source, frontMatter: frontMatter, blocks: blocks)
  }

  /// The directive named by a fence's info string `{name} label`, or `nil`
  /// for an ordinary code fence.
  static func directiveHeader(_ fence: Fence, line: Int, path: String) throws(NotebookError) -> DirectiveCall? {
    let info = fence.info
    guard info.hasPrefix("{") else { return nil }
    let infoColumn = fence.infoColumn
    let at = { (offset: Int) in SourceLocation(file: path, line: line, column: infoColumn + offset) }
    guard let close = info.firstIndex(of: "}") else {
      throw NotebookError(at(0), "expected '{directive} label' in the fence's info string, found '\(info)'")
    }
    let name = String(info[info.index(after: info.startIndex)..<close]).trimmingCharacters(in: " ")
    guard isIdentifier(name, allowHyphen: false) else {
      throw NotebookError(at(1), "expected a directive name inside '{…}', found '\(name)'")
    }
    let rest = info[info.index(after: close)...]
    let label = rest.trimmingCharacters(in: " \t")
    let restOffset = info.distance(from: info.startIndex, to: close) + 1
    let labelOffset = restOffset + rest.prefix(while: { $0 == " " || $0 == "\t" }).count
    if !label.isEmpty, !isIdentifier(label, allowHyphen: true) {
      throw NotebookError(at(labelOffset),
                          "expected a block label made of letters, digits, '_' or '-', found '\(label)'")
    }
    return DirectiveCall(
      name: name, label: label.isEmpty ? nil : label,
      location: SourceLocation(file: path, line: line, column: fence.indent + 1),
      nameLocation: at(1), labelLocation: at(label.isEmpty ? 0 : labelOffset),
      options: .emptyMapping(at: at(0)), body: "")
  }

  /// Letters, digits and `_` (and `-` in labels), not starting with a digit.
  static func isIdentifier(_ s: String, allowHyphen: Bool) -> Bool {
    guard let f = s.unicodeScalars.first, f.properties.isAlphabetic || f == "_" else { return false }
    return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || (allowHyphen && $0 == "-") }
  }

  /// Lines without their terminators (LF or CRLF).
  static func splitLines(_ s: String) -> [String] {
    var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// An opening code fence: its marker run, indentation and info string.
struct Fence {
  var marker: String
  var indent: Int
  var info: String
  /// 1-based column where the info string starts.
  var infoColumn: Int

  init?(_ line: String) {
    let scalars = Array(line.unicodeScalars)
    var i = 0
    while i < scalars.count, scalars[i] == " " { i += 1 }
    guard i <= 3, i < scalars.count, scalars[i] == "`" || scalars[i] == "~" else { return nil }
    let ch = scalars[i]
    var j = i
    while j < scalars.count, scalars[j] == ch { j += 1 }
    guard j - i >= 3 else { return nil }
    var k = j
    while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
    var infoScalars = String.UnicodeScalarView()
    infoScalars.append(contentsOf: scalars[k...])
    let info = String(infoScalars).trimmingTrailingSpaces
    if ch == "`", info.contains("`") { return nil }
    indent = i
    marker = String(repeating: String(ch), count: j - i)
    self.info = info
    infoColumn = k + 1
  }

  /// Whether `line` closes this fence.
  func isClosed(by line: String) -> Bool {
    let t = line.drop(while: { $0 == " " })
    guard line.count - t.count <= 3, let ch = marker.first else { return false }
    let run = t.prefix(while: { $0 == ch })
    return run.count >= marker.count && t.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
  }
}

extension StringProtocol {
  var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }

  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
