import Foundation
import FolioData

/// Block-level conditional sections: prose, tables, charts and directive
/// blocks between
///
///     <!-- if truth_check.rows -->
///     …
///     <!-- else -->            (optional)
///     …
///     <!-- end -->
///
/// are shown (and their directive blocks run) only when the condition holds.
/// The condition is an inline value without the braces (`label.path |
/// filter: arg`, see `InlineExpression`), optionally preceded by `not`; it is
/// true unless it is null, false, 0, empty text, an empty list or a dataset
/// without rows (`TemplateRows.isTruthy`). Sections nest. Each marker is an
/// HTML comment alone on its line, so a notebook still reads cleanly in any
/// markdown viewer; markers inside fenced code are text.
///
/// The mechanism works on the parsed `Notebook.blocks`: `items(of:)` splits
/// prose at marker lines, and the executor asks a `SectionGate` before each
/// block whether it is hidden. Conditions are evaluated when the executor
/// reaches them, so they can read every block above.
public enum ConditionalSections {
  /// A notebook block, or a section marker between blocks.
  public enum Item: Sendable {
    case block(Block)
    case marker(Marker)
  }

  /// `<!-- if … -->`, `<!-- else -->` or `<!-- end -->`.
  public struct Marker: Sendable {
    public enum Kind: Sendable, Equatable {
      case open(InlineExpression, negated: Bool)
      case otherwise
      case close
    }
    public var kind: Kind
    /// Where the marker's `<!--` sits.
    public var location: SourceLocation
  }

  /// The notebook's blocks with prose split at marker lines, plus marker
  /// syntax errors and unbalanced markers (each located).
  public static func items(of notebook: Notebook) -> (items: [Item], errors: [NotebookError]) {
    var items: [Item] = []
    var errors: [NotebookError] = []
    var depth: [SourceLocation] = []
    for block in notebook.blocks {
      guard case .prose(let prose) = block else { items.append(.block(block)); continue }
      var pending: [String] = []
      var pendingFirst = prose.firstLine
      var fence: String?
      let lines = prose.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      func flush(next: Int) {
        if !pending.isEmpty, !(pending.count == 1 && pending[0].isEmpty) {
          items.append(.block(.prose(Prose(text: pending.joined(separator: "\n"), firstLine: pendingFirst))))
        }
        pending = []
        pendingFirst = next
      }
      for (k, line) in lines.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let f = fence {
          if trimmed.hasPrefix(f), trimmed.allSatisfy({ $0 == f.first }) { fence = nil }
          pending.append(line)
          continue
        }
        if let f = fenceOpening(trimmed) { fence = f; pending.append(line); continue }
        let lineNo = prose.firstLine + k
        let column = line.count - line.drop(while: { $0 == " " }).count + 1
        let location = SourceLocation(file: notebook.path, line: lineNo, column: column)
        switch parseMarker(trimmed, at: location) {
        case nil:
          pending.append(line)
        case .failure(let e):
          errors.append(e)
          pending.append(line)
        case .success(let marker):
          flush(next: lineNo + 1)
          switch marker.kind {
          case .open: depth.append(location)
          case .otherwise:
            if depth.isEmpty { errors.append(NotebookError(location, "'<!-- else -->' without an open '<!-- if … -->' section above it")); continue }
          case .close:
            if depth.popLast() == nil { errors.append(NotebookError(location, "'<!-- end -->' without an open '<!-- if … -->' section above it")); continue }
          }
          items.append(.marker(marker))
        }
      }
      flush(next: prose.firstLine + lines.count)
    }
    for open in depth { errors.append(NotebookError(open, "section opened here is never closed; expected '<!-- end -->' further down")) }
    return (items, errors)
  }

  /// Every condition with its location (for `folio check` and the cache's view of references).
  public static func conditions(of notebook: Notebook) -> [(InlineExpression, SourceLocation)] {
    items(of: notebook).items.compactMap { item in
      if case .marker(let m) = item, case .open(let e, _) = m.kind { return (e, m.location) }
      return nil
    }
  }

  /// A marker line, `nil` when the line is not a marker at all.
  static func parseMarker(_ trimmed: String, at location: SourceLocation) -> Result<Marker, NotebookError>? {
    guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"), trimmed.count >= 7 else { return nil }
    let body = trimmed.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
    let word = body.prefix(while: { $0.isLetter })
    let rest = body.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
    switch word {
    case "else" where rest.isEmpty: return .success(Marker(kind: .otherwise, location: location))
    case "end" where rest.isEmpty || rest == "if", "endif" where rest.isEmpty:
      return .success(Marker(kind: .close, location: location))
    case "if":
      var condition = rest
      var negated = false
      if condition.hasPrefix("not ") { negated = true; condition = condition.dropFirst(4).trimmingCharacters(in: .whitespaces) }
      if condition.hasPrefix("{{"), condition.hasSuffix("}}") {
        condition = condition.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
      }
      guard !condition.isEmpty else {
        return .failure(NotebookError(location, "'<!-- if -->' needs a condition, e.g. <!-- if truth.rows -->"))
      }
      // Offset of the condition inside the line, for located errors.
      let offset = trimmed.distance(from: trimmed.startIndex, to: trimmed.range(of: condition)?.lowerBound ?? trimmed.startIndex)
      do {
        let e = try InlineExpression.parse(condition, offset: 0)
        return .success(Marker(kind: .open(e, negated: negated), location: location.advanced(byColumns: offset)))
      } catch {
        return .failure(NotebookError(location.advanced(byColumns: offset + error.offset), error.message))
      }
    default:
      return nil  // an ordinary HTML comment
    }
  }

  private static func fenceOpening(_ trimmed: String) -> String? {
    for mark in ["```", "~~~"] where trimmed.hasPrefix(mark) {
      return String(trimmed.prefix(while: { $0 == mark.first }))
    }
    return nil
  }
}

/// Tracks which sections are open while the executor walks the items, and
/// whether the current block is hidden.
public struct SectionGate: Sendable {
  /// One entry per open section: whether its current branch is shown, and
  /// whether the section was reached while shown at all.
  private var stack: [(showing: Bool, parentShown: Bool)] = []

  public init() {}

  /// Whether blocks here are hidden (some enclosing branch is not shown).
  public var hides: Bool { stack.contains { !$0.showing } }

  /// Enters a marker; a condition that cannot be evaluated hides its section
  /// and is returned as a located error.
  public mutating func enter(_ marker: ConditionalSections.Marker, scope: TemplateScope) -> NotebookError? {
    switch marker.kind {
    case .open(let e, let negated):
      let parentShown = !hides
      guard parentShown else { stack.append((false, false)); return nil }
      do throws(InlineTemplateError) {
        let value = try e.evaluate(in: scope)
        stack.append((TemplateRows.isTruthy(value) != negated, true))
        return nil
      } catch {
        stack.append((false, false))
        return NotebookError(marker.location.advanced(byColumns: error.offset), error.message)
      }
    case .otherwise:
      guard let top = stack.popLast() else { return nil }
      stack.append((top.parentShown && !top.showing, top.parentShown))
      return nil
    case .close:
      _ = stack.popLast()
      return nil
    }
  }
}
