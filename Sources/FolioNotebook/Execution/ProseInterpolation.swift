import FolioData

/// Substitutes `{{ … }}` in prose, outside code spans and code blocks.
///
/// Values are inserted as markdown-escaped text; a failing placeholder
/// becomes an `InlineErrorMarker` and a located error, and the rest of the
/// prose still renders.
enum ProseInterpolation {
  static func run(_ prose: Prose, path: String, scope: TemplateScope) -> ExecutedProse {
    var errors: [NotebookError] = []
    let markdown = walk(prose, path: path) { text, base in
      do throws(InlineTemplateError) {
        let t = try InlineTemplate.parse(text)
        var result = ""
        for seg in t.segments {
          switch seg {
          case .text(let s): result += s
          case .placeholder(let p):
            do throws(InlineTemplateError) { result += escapeMarkdown(TemplateFilters.displayText(try p.evaluate(in: scope))) } catch {
              errors.append(NotebookError(t.location(of: error.offset, base: base), error.message))
              result += InlineErrorMarker.token(errors.count - 1)
            }
          }
        }
        return result
      } catch {
        errors.append(NotebookError(base.advanced(byColumns: error.offset), error.message))
        return text + InlineErrorMarker.token(errors.count - 1)
      }
    }
    return ExecutedProse(markdown: markdown, errors: errors)
  }

  /// Every placeholder in prose with its location, and template syntax errors.
  static func placeholders(_ prose: Prose, path: String) -> (found: [(InlineExpression, SourceLocation)], errors: [NotebookError]) {
    var found: [(InlineExpression, SourceLocation)] = []
    var errors: [NotebookError] = []
    _ = walk(prose, path: path) { text, base in
      do throws(InlineTemplateError) {
        let t = try InlineTemplate.parse(text)
        found += t.placeholders.map { ($0, t.location(of: $0.offset, base: base)) }
      } catch {
        errors.append(NotebookError(base.advanced(byColumns: error.offset), error.message))
      }
      return text
    }
    return (found, errors)
  }

  /// Calls `transform` on each run of prose text that is not code and holds
  /// `{{`, with the run's location, and reassembles the prose.
  private static func walk(_ prose: Prose, path: String, _ transform: (String, SourceLocation) -> String) -> String {
    var out: [String] = []
    var fence: Fence?
    for (k, line) in NotebookParser.splitLines(prose.text).enumerated() {
      if let f = fence {
        if f.isClosed(by: line) { fence = nil }
        out.append(line)
        continue
      }
      if let f = Fence(line) { fence = f; out.append(line); continue }
      if line.hasPrefix("    ") || line.hasPrefix("\t") || !line.contains("{{") { out.append(line); continue }
      out.append(walkLine(line, line: prose.firstLine + k, path: path, transform))
    }
    return out.joined(separator: "\n")
  }

  /// One line; text inside backtick code spans is left as written.
  private static func walkLine(_ line: String, line lineNo: Int, path: String, _ transform: (String, SourceLocation) -> String) -> String {
    var result = ""
    var pending = ""
    var column = 1
    var pendingColumn = 1
    var chars = Substring(line)
    func flush() {
      guard !pending.isEmpty else { return }
      result += pending.contains("{{") ? transform(pending, SourceLocation(file: path, line: lineNo, column: pendingColumn)) : pending
      pending = ""
    }
    while let c = chars.first {
      if c == "`" {
        let run = chars.prefix(while: { $0 == "`" })
        let rest = chars.dropFirst(run.count)
        if let end = rest.range(of: String(run)) {
          flush()
          let span = chars[chars.startIndex..<end.upperBound]
          result += span
          column += span.unicodeScalars.count
          chars = chars[end.upperBound...]
          continue
        }
      }
      if pending.isEmpty { pendingColumn = column }
      pending.append(c)
      column += c.unicodeScalars.count
      chars = chars.dropFirst()
    }
    flush()
    return result
  }
}
