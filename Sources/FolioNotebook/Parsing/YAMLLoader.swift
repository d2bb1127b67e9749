import FolioData
import Yams

/// Parses YAML text (front matter or a directive body) into an `OptionNode`
/// tree whose locations point into the notebook file.
///
/// ``YAMLLimits`` runs first, on the event stream: anchors, aliases, deep
/// nesting and oversized documents are rejected before Yams builds a tree.
enum YAMLLoader {
  /// - Parameters:
  ///   - text: the YAML source.
  ///   - file: notebook path for diagnostics.
  ///   - firstLine: the notebook line on which `text` starts (1-based).
  /// - Returns: the root node, or an empty mapping when `text` holds no document.
  static func load(_ text: String, file: String, firstLine: Int) throws(NotebookError) -> OptionNode {
    let origin = SourceLocation(file: file, line: firstLine, column: 1)
    if text.allSatisfy({ $0.isWhitespace }) { return .emptyMapping(at: origin) }
    try YAMLLimits.check(text, file: file, firstLine: firstLine)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .basic)  // no implicit typing: OptionNode reads scalars as text
    } catch let error as YamlError {
      throw translate(error, file: file, firstLine: firstLine)
    } catch {
      throw NotebookError(origin, "invalid YAML: \(error)")
    }
    guard let root else { return .emptyMapping(at: origin) }
    return try convert(root, file: file, firstLine: firstLine, fallback: origin)
  }

  private static func location(_ mark: Mark?, file: String, firstLine: Int, fallback: SourceLocation)
    -> SourceLocation
  {
    guard let mark else { return fallback }
    return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
  }

  private static func convert(_ node: Node, file: String, firstLine: Int, fallback: SourceLocation)
    throws(NotebookError) -> OptionNode
  {
    let loc = location(node.mark, file: file, firstLine: firstLine, fallback: fallback)
    switch node {
    case .scalar(let s):
      if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
        return OptionNode(.null, at: loc)
      }
      let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
      return OptionNode(.scalar(s.string, quoted: quoted), at: loc)
    case .sequence(let seq):
      var items: [OptionNode] = []
      for item in seq { items.append(try convert(item, file: file, firstLine: firstLine, fallback: loc)) }
      return OptionNode(.sequence(items), at: loc)
    case .mapping(let map):
      var entries: [OptionNode.Entry] = []
      for (k, v) in map {
        let keyLoc = location(k.mark, file: file, firstLine: firstLine, fallback: loc)
        guard let key = k.scalar?.string else {
          throw NotebookError(keyLoc, "expected a plain name as mapping key")
        }
        if entries.contains(where: { $0.key == key }) {
          throw NotebookError(keyLoc, "duplicate key '\(key)'")
        }
        let value = try convert(v, file: file, firstLine: firstLine, fallback: keyLoc)
        entries.append(.init(key: key, keyLocation: keyLoc, value: value))
      }
      return OptionNode(.mapping(entries), at: loc)
    case .alias:
      throw NotebookError(loc, "YAML aliases (*name) are not supported in notebooks; write the value out")
    }
  }

  private static func translate(_ error: YamlError, file: String, firstLine: Int) -> NotebookError {
    let origin = SourceLocation(file: file, line: firstLine, column: 1)
    func at(_ mark: Mark) -> SourceLocation {
      SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let ctx = context.map { " (\($0.text))" } ?? ""
      return NotebookError(at(mark), "invalid YAML: \(problem)\(ctx)")
    case .reader(let problem, _, _, _):
      return NotebookError(origin, "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return NotebookError(at(context.mark), "duplicate key '\(duplicates.joined(separator: "', '"))'")
    default:
      return NotebookError(origin, "invalid YAML: \(error)")
    }
  }
}
