import FolioData

/// Substitutes `{{ … }}` in prose text, never in code, raw HTML or link
/// destinations, as CommonMark reads the prose.
///
/// Which `{{` are text is decided by libcmark, not by hand: each candidate
/// `{{` is marked with a private-use token, the prose is parsed
/// (``MarkdownOutline``), and a placeholder is filled only when its token
/// lands in a text node. So code spans (also when they wrap lines), fenced and
/// indented code (also inside block quotes and list items) and HTML keep
/// `{{ … }}` literally.
///
/// Escape: `\{{` is written as `{{` and never filled (it is CommonMark's
/// backslash escape of `{`, so the backslash does not show). `\\{{ x }}` is
/// an escaped backslash followed by a placeholder.
///
/// Values are inserted as markdown-escaped text; a failing placeholder
/// becomes an `InlineErrorMarker` and a located error, and the rest of the
/// prose still renders.
enum ProseInterpolation {
  static func run(_ prose: Prose, path: String, scope: TemplateScope) -> ExecutedProse {
    var errors: [NotebookError] = []
    let scan = Scan(prose, path: path)
    guard !scan.candidates.isEmpty else { return ExecutedProse(markdown: prose.text, errors: []) }
    var out = String.UnicodeScalarView()
    var copied = 0
    for candidate in scan.candidates where candidate.isText {
      out.append(contentsOf: scan.scalars[copied..<candidate.start])
      copied = candidate.end
      switch scan.parse(candidate) {
      case .failure(let error):
        errors.append(error)
        out.append(contentsOf: scan.scalars[candidate.start..<candidate.end])
        out.append(contentsOf: InlineErrorMarker.token(errors.count - 1).unicodeScalars)
      case .success(let (expression, location)):
        do throws(InlineTemplateError) {
          let value = try expression.evaluate(in: scope)
          out.append(contentsOf: escapeMarkdown(BidiIsolation.isolated(TemplateFilters.displayText(value))).unicodeScalars)
        } catch {
          errors.append(NotebookError(location.advanced(byColumns: error.offset - expression.offset), error.message))
          out.append(contentsOf: InlineErrorMarker.token(errors.count - 1).unicodeScalars)
        }
      }
    }
    out.append(contentsOf: scan.scalars[copied...])
    return ExecutedProse(markdown: String(out), errors: errors)
  }

  /// Every placeholder in prose text with the location of its expression
  /// (just inside `{{`), and the syntax errors of the others.
  static func placeholders(_ prose: Prose, path: String) -> (found: [(InlineExpression, SourceLocation)], errors: [NotebookError]) {
    var found: [(InlineExpression, SourceLocation)] = []
    var errors: [NotebookError] = []
    let scan = Scan(prose, path: path)
    for candidate in scan.candidates where candidate.isText {
      switch scan.parse(candidate) {
      case .success(let p): found.append(p)
      case .failure(let e): errors.append(e)
      }
    }
    return (found, errors)
  }

  /// One unescaped `{{` in the prose: scalar offsets of `{{` and just past
  /// its `}}` (the end of the `{{` when there is no `}}` on its line).
  struct Candidate {
    var start: Int
    var end: Int
    var closed: Bool
    /// Whether libcmark reads the `{{` as text (not code, HTML or a link destination).
    var isText = false
  }

  /// The prose's scalars, its `{{` candidates and where each is.
  struct Scan {
    let scalars: [Unicode.Scalar]
    var candidates: [Candidate] = []
    private let lineStarts: [Int]
    private let firstLine: Int
    private let path: String

    static let tokenOpen: Unicode.Scalar = "\u{E010}"
    static let tokenClose: Unicode.Scalar = "\u{E011}"
    /// Private-use digits 0–9 of a candidate's number inside its token.
    static let digitZero: UInt32 = 0xE020

    init(_ prose: Prose, path: String) {
      scalars = Array(prose.text.unicodeScalars)
      firstLine = prose.firstLine
      self.path = path
      var starts = [0]
      for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
      lineStarts = starts
      candidates = Self.findCandidates(scalars)
      if !candidates.isEmpty { classify() }
    }

    /// Unescaped `{{` (an even number of backslashes before it), each with
    /// the `}}` that closes it on the same line.
    private static func findCandidates(_ s: [Unicode.Scalar]) -> [Candidate] {
      var found: [Candidate] = []
      var i = 0
      while i + 1 < s.count {
        guard s[i] == "{", s[i + 1] == "{" else { i += 1; continue }
        var slashes = 0
        while i - slashes - 1 >= 0, s[i - slashes - 1] == "\\" { slashes += 1 }
        if slashes % 2 == 1 { i += 2; continue }
        var j = i + 2
        var end: Int?
        while j + 1 < s.count, s[j] != "\n" {
          if s[j] == "}", s[j + 1] == "}" { end = j + 2; break }
          j += 1
        }
        found.append(Candidate(start: i, end: end ?? i + 2, closed: end != nil))
        i = end ?? i + 2
      }
      return found
    }

    /// Parses the prose with each candidate's second `{` replaced by a
    /// numbered private-use token, and marks the candidates whose token is
    /// in a text node. (Only the second brace is replaced, so the first
    /// keeps its punctuation class for CommonMark's emphasis rules.)
    private mutating func classify() {
      var marked = String.UnicodeScalarView()
      var copied = 0
      for (k, c) in candidates.enumerated() {
        marked.append(contentsOf: scalars[copied...c.start])
        marked.append(Self.tokenOpen)
        for digit in String(k).unicodeScalars {
          marked.append(Unicode.Scalar(Self.digitZero + digit.value - 48) ?? Self.tokenClose)
        }
        marked.append(Self.tokenClose)
        copied = c.start + 2
      }
      marked.append(contentsOf: scalars[copied...])
      for node in MarkdownOutline(String(marked)).nodes where node.isText {
        for k in Self.tokens(in: node.literal) where candidates.indices.contains(k) {
          candidates[k].isText = true
        }
      }
    }

    /// Candidate numbers of the tokens in `text`.
    private static func tokens(in text: String) -> [Int] {
      var result: [Int] = []
      var number: Int?
      for s in text.unicodeScalars {
        if s == tokenOpen {
          number = 0
        } else if s == tokenClose {
          if let n = number { result.append(n) }
          number = nil
        } else if let n = number, s.value >= digitZero, s.value < digitZero + 10 {
          number = n * 10 + Int(s.value - digitZero)
        } else {
          number = nil
        }
      }
      return result
    }

    /// File location of scalar `offset` of the prose.
    func location(of offset: Int) -> SourceLocation {
      var line = 0
      var lo = 0, hi = lineStarts.count - 1
      while lo <= hi {
        let mid = (lo + hi) / 2
        if lineStarts[mid] <= offset { line = mid; lo = mid + 1 } else { hi = mid - 1 }
      }
      return SourceLocation(file: path, line: firstLine + line, column: offset - lineStarts[line] + 1)
    }

    /// The candidate's expression and its location, or its syntax error.
    func parse(_ c: Candidate) -> Result<(InlineExpression, SourceLocation), NotebookError> {
      let at = location(of: c.start)
      guard c.closed else {
        return .failure(NotebookError(at, "'{{' is never closed; expected '}}' on the same line (write '\\{{' for literal braces)"))
      }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars[c.start..<c.end])
      do throws(InlineTemplateError) {
        let template = try InlineTemplate.parse(String(text))
        guard let expression = template.placeholders.first else {
          return .failure(NotebookError(at, "expected a value inside '{{ }}'"))
        }
        return .success((expression, at.advanced(byColumns: expression.offset)))
      } catch {
        return .failure(NotebookError(at.advanced(byColumns: error.offset), error.message))
      }
    }
  }
}
