import FolioData

/// Text with `{{ label.path | filter: arg }}` placeholders, as written in prose
/// and in option strings.
///
/// Parsing is separate from evaluation so `folio check` can validate names
/// without running anything. Offsets are in Unicode scalars from the start of
/// the text, and turn into file:line:col through `location(of:base:)`.
public struct InlineTemplate: Sendable {
  /// A literal run or a placeholder.
  public enum Segment: Sendable {
    case text(String)
    case placeholder(InlineExpression)
  }

  public var segments: [Segment]
  /// The original text.
  public var source: String

  /// Whether the text has any placeholder (most prose has none).
  public var hasPlaceholders: Bool {
    segments.contains { if case .placeholder = $0 { return true } else { return false } }
  }

  /// The placeholders, in order.
  public var placeholders: [InlineExpression] {
    segments.compactMap { if case .placeholder(let p) = $0 { return p } else { return nil } }
  }

  /// Splits `text` into literal runs and placeholders. A `{{` without a
  /// matching `}}` on the same text is an error at the `{{`.
  public static func parse(_ text: String) throws(InlineTemplateError) -> InlineTemplate {
    let scalars = Array(text.unicodeScalars)
    var segments: [Segment] = []
    var literal = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      if scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
        var j = i + 2
        var found = false
        var quote: Unicode.Scalar?  // `}}` inside a quoted filter argument does not close
        while j + 1 < scalars.count {
          if let q = quote {
            if scalars[j] == q { quote = nil }
          } else if scalars[j] == "'" || scalars[j] == "\"" {
            quote = scalars[j]
          } else if scalars[j] == "}" && scalars[j + 1] == "}" {
            found = true
            break
          }
          if scalars[j] == "\n" { break }
          j += 1
        }
        guard found else { throw InlineTemplateError(offset: i, message: "'{{' is never closed; expected '}}' on the same line") }
        if !literal.isEmpty { segments.append(.text(String(literal))); literal = String.UnicodeScalarView() }
        var inner = String.UnicodeScalarView()
        inner.append(contentsOf: scalars[(i + 2)..<j])
        segments.append(.placeholder(try InlineExpression.parse(String(inner), offset: i + 2)))
        i = j + 2
      } else {
        literal.append(scalars[i])
        i += 1
      }
    }
    if !literal.isEmpty { segments.append(.text(String(literal))) }
    return InlineTemplate(segments: segments, source: text)
  }

  /// File position of scalar `offset` when the text starts at `base`
  /// (lines after the first start at column 1).
  public func location(of offset: Int, base: SourceLocation) -> SourceLocation {
    var line = base.line, column = base.column
    for (k, u) in source.unicodeScalars.enumerated() {
      if k == offset { break }
      if u == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return SourceLocation(file: base.file, line: line, column: column)
  }
}

/// A parse or evaluation error inside a template, at a scalar offset of its text.
public struct InlineTemplateError: Error, Sendable, Equatable {
  public var offset: Int
  public var message: String
}

/// One placeholder: a dotted path and a chain of filters.
public struct InlineExpression: Sendable, Equatable {
  /// A path step: a field name or a list index.
  public enum Step: Sendable, Equatable {
    case field(String)
    case index(Int)
  }

  /// A filter call, e.g. `percent: 1`.
  public struct Filter: Sendable, Equatable {
    public var name: String
    public var arguments: [String]
    public var offset: Int
  }

  /// The first name: `params` or a block label.
  public var root: String
  public var steps: [Step]
  public var filters: [Filter]
  /// Scalar offset of the path in the template text.
  public var offset: Int
  /// The path as written, for messages.
  public var pathText: String

  static func parse(_ text: String, offset base: Int) throws(InlineTemplateError) -> InlineExpression {
    let parts = splitOutsideQuotes(text, on: "|")
    let pathPart = parts[0].text
    let lead = pathPart.prefix(while: { $0 == " " || $0 == "\t" }).count
    let path = pathPart.trimmingCharacters(in: " \t")
    let pathOffset = base + lead
    guard !path.isEmpty else { throw InlineTemplateError(offset: base, message: "expected a name inside '{{ }}', e.g. {{ params.data }}") }
    var steps: [Step] = []
    var names: [String] = []
    var current = ""
    var k = 0
    var chars = Array(path)
    chars.append(".")
    while k < chars.count {
      let c = chars[k]
      if c == "." || c == "[" {
        guard !current.isEmpty else { throw InlineTemplateError(offset: pathOffset + k, message: "expected a name before '\(c)' in '\(path)'") }
        names.append(current); current = ""
        if c == "[" {
          guard let close = chars[k...].firstIndex(of: "]"), let n = Int(String(chars[(k + 1)..<close])) else {
            throw InlineTemplateError(offset: pathOffset + k, message: "expected a whole-number index like [0] in '\(path)'")
          }
          names.append("[\(n)]")
          k = close + 1
          if k < chars.count, chars[k] == "." { k += 1 }
          continue
        }
      } else if c.isLetter || c.isNumber || c == "_" || c == "-" {
        current.append(c)
      } else {
        throw InlineTemplateError(offset: pathOffset + k, message: "unexpected '\(c)' in '\(path)'; expected a name like label.field")
      }
      k += 1
    }
    let root = names[0]
    for n in names.dropFirst() {
      if n.hasPrefix("["), let v = Int(n.dropFirst().dropLast()) { steps.append(.index(v)) }
      else if let v = Int(n) { steps.append(.index(v)) }
      else { steps.append(.field(n)) }
    }
    var filters: [Filter] = []
    for part in parts.dropFirst() {
      let raw = part.text
      let fOffset = base + part.offset + raw.prefix(while: { $0 == " " }).count
      let body = raw.trimmingCharacters(in: " \t")
      let nameAndArgs = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      let name = nameAndArgs[0].trimmingCharacters(in: " ")
      guard !name.isEmpty else { throw InlineTemplateError(offset: fOffset, message: "expected a filter name after '|'") }
      var args: [String] = []
      if nameAndArgs.count > 1 {
        args = splitOutsideQuotes(String(nameAndArgs[1]), on: ",").map {
          var a = $0.text.trimmingCharacters(in: " \t")
          if a.count >= 2, let f = a.first, (f == "'" || f == "\""), a.last == f { a = String(a.dropFirst().dropLast()) }
          return a
        }
      }
      filters.append(Filter(name: name, arguments: args, offset: fOffset))
    }
    return InlineExpression(root: root, steps: steps, filters: filters, offset: pathOffset, pathText: path)
  }

  private static func splitOutsideQuotes(_ s: String, on sep: Character) -> [(text: String, offset: Int)] {
    var out: [(String, Int)] = []
    var cur = ""
    var start = 0
    var quote: Character?
    for (i, c) in s.enumerated() {
      if let q = quote { if c == q { quote = nil }; cur.append(c); continue }
      if c == "'" || c == "\"" { quote = c; cur.append(c); continue }
      if c == sep { out.append((cur, start)); cur = ""; start = i + 1; continue }
      cur.append(c)
    }
    out.append((cur, start))
    return out
  }
}
