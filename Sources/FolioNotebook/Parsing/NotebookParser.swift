import FolioData

/// Reads notebook text into front matter, prose and directive blocks.
///
/// Stage one of three (parse → execute → render, as in knitr): nothing runs
/// here. The notebook is one CommonMark document, parsed by libcmark
/// (``MarkdownOutline``): the directive blocks are exactly its top-level fenced
/// code blocks whose info string is `{name} label`; everything between them
/// is prose, kept verbatim. So a fence inside an HTML block or comment is
/// part of that block, a directive shown inside a longer fence is
/// documentation, and a fence that CommonMark does not close runs to the end
/// of the document.
///
/// A `{name}` fence nested in a block quote or list item does not run (its
/// results would have no place in the report's flow): it is a problem at the
/// fence, "move it to the top level or indent it as code".
///
/// Line ends (LF, CRLF, CR) are normalized first (``NotebookSource``); line
/// and column numbers are the file's.
public enum NotebookParser {
  /// Parses `source` strictly: the first of `Notebook.problems`, if any, is thrown.
  /// `path` is used in every diagnostic.
  public static func parse(_ source: String, path: String) throws(NotebookError) -> Notebook {
    let notebook = parseRecovering(source, path: path)
    if let first = notebook.problems.first { throw first }
    return notebook
  }

  /// Parses `source`, going on past every problem: each is recorded in
  /// `Notebook.problems` (in document order) and parsing continues, so one
  /// run can report them all (`folio check`).
  public static func parseRecovering(_ source: String, path: String) -> Notebook {
    let text = NotebookSource.normalizingLineEndings(source)
    let lines = splitLines(text)
    var problems: [NotebookError] = []
    var frontMatter = FrontMatter(location: SourceLocation(file: path, line: 1, column: 1))
    var bodyStart = 0
    if let first = lines.first, first.trimmingTrailingSpaces == "---" {
      if let end = lines.indices.dropFirst().first(where: {
        let l = lines[$0].trimmingTrailingSpaces
        return l == "---" || l == "..."
      }) {
        let yaml = lines[1..<end].joined(separator: "\n")
        do throws(NotebookError) {
          let node = try YAMLLoader.load(yaml, file: path, firstLine: 2)
          frontMatter = FrontMatter.parse(node, problems: &problems)
        } catch {
          problems.append(error)
          frontMatter.paramsKnown = false
        }
        bodyStart = end + 1
      } else {
        problems.append(NotebookError(
          SourceLocation(file: path, line: 1, column: 1),
          "front matter opened with '---' is never closed; expected a line '---' after it"))
        frontMatter.paramsKnown = false
        bodyStart = lines.count
      }
    }

    // The body as one CommonMark document; front-matter lines are blanked so
    // libcmark's line numbers are the file's.
    let body = Array(repeating: "", count: bodyStart) + lines[bodyStart...]
    let outline = MarkdownOutline(body.joined(separator: "\n"))
    var blocks: [Block] = []
    var proseStart = bodyStart  // 0-based index of the first line not yet in a block
    func appendProse(upTo end: Int) {
      var first = proseStart, last = end - 1
      // Blank lines around prose carry nothing; dropping them keeps line numbers exact.
      while first <= last, lines[first].trimmingTrailingSpaces.isEmpty { first += 1 }
      while last >= first, lines[last].trimmingTrailingSpaces.isEmpty { last -= 1 }
      if first <= last {
        blocks.append(.prose(Prose(text: lines[first...last].joined(separator: "\n"), firstLine: first + 1)))
      }
    }

    for node in outline.nodes where node.isCodeBlock && node.fenceInfo.hasPrefix("{") {
      let index = node.startLine - 1
      guard lines.indices.contains(index) else { continue }
      guard node.isTopLevel else {
        let column = String(decoding: lines[index].utf8.prefix(max(0, node.startColumn - 1)), as: UTF8.self).unicodeScalars.count + 1
        problems.append(NotebookError(
          SourceLocation(file: path, line: node.startLine, column: column),
          "directive block '\(node.fenceInfo)' is inside \(MarkdownOutline.containerName(node)), so it does not run; "
            + "expected directive blocks at the top level of the notebook (or indent the fence to show it as code)"))
        continue
      }
      guard let fence = Fence(lines[index]) else { continue }
      let fenceLoc = SourceLocation(file: path, line: node.startLine, column: fence.indent + 1)
      let call: DirectiveCall
      do throws(NotebookError) {
        guard let header = try directiveHeader(fence, line: node.startLine, path: path) else { continue }
        call = header
      } catch {
        problems.append(error)
        continue
      }
      let endIndex = min(node.endLine, lines.count) - 1
      let closed = endIndex > index && fence.isClosed(by: lines[endIndex])
      appendProse(upTo: index)
      var c = call
      c.body = lines[(index + 1)..<(closed ? endIndex : endIndex + 1)].joined(separator: "\n")
      if !closed {
        let e = NotebookError(fenceLoc, "directive block '\(fence.info)' is never closed; expected a line '\(fence.marker)'")
        problems.append(e)
        c.optionsError = e
      } else {
        do throws(NotebookError) {
          c.options = try options(of: c, firstLine: node.startLine + 1, path: path)
        } catch {
          problems.append(error)
          c.optionsError = error
        }
      }
      blocks.append(.directive(c))
      proseStart = endIndex + 1
    }
    appendProse(upTo: lines.count)
    problems.sort { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
    return Notebook(path: path, source: text, frontMatter: frontMatter, blocks: blocks, problems: problems)
  }

  /// The options mapping of a directive block's YAML body.
  private static func options(of call: DirectiveCall, firstLine: Int, path: String) throws(NotebookError) -> OptionNode {
    let node = try YAMLLoader.load(call.body, file: path, firstLine: firstLine)
    switch node.kind {
    case .mapping: return node
    case .null: return .emptyMapping(at: node.location)
    default:
      throw NotebookError(node.location, "options of {\(call.name)}: expected a mapping of option: value, found \(node.shapeName)")
    }
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

  /// Lines without their terminators (LF, CRLF or CR).
  ///
  /// Splits on UTF-8 bytes: in a Swift `String` a CRLF is one `Character`,
  /// which never equals the `Character` `"\n"`.
  static func splitLines(_ s: String) -> [String] {
    var lines = NotebookSource.normalizingLineEndings(s).utf8
      .split(separator: 0x0A, omittingEmptySubsequences: false)
      .map { String(Substring($0)) }
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
