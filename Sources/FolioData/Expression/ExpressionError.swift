/// A problem with an expression: a syntax error, a type error, an unknown
/// column or function, or a domain error on one row during evaluation.
///
/// `range` is in Unicode-scalar offsets into `expression`, so the notebook
/// can map it to `file:line:col` with `location(base:)`, passing the location
/// of the expression's first character. Evaluation errors also carry the
/// 1-based data `row`.
///
/// ```
/// error: unknown column 'SALE'; did you mean 'SALES'?
///  --> report.md:12:13
///    |
/// 12 | log(SALE + 1)
///    |     ^^^^
/// ```
public struct ExpressionError: LocatedError, Equatable {
  /// The full text of the expression.
  public var expression: String
  /// The offending characters, in Unicode-scalar offsets into `expression`.
  public var range: Range<Int>
  /// The 1-based data row for evaluation (domain) errors, else `nil`.
  public var row: Int?
  /// What went wrong and what was expected, without location or row.
  public var problem: String
  /// Location of the expression's first character, once the caller knows it.
  public var base: SourceLocation?

  /// An error about `range` of `expression`; `message` becomes `problem`.
  public init(
    expression: String, range: Range<Int>, row: Int? = nil, message: String, base: SourceLocation? = nil
  ) {
    self.expression = expression
    self.range = range
    self.row = row
    self.problem = message
    self.base = base
  }

  /// `row 3: log of 0 is undefined …` for row errors, else the problem alone.
  public var message: String {
    if let row { return "row \(row): \(problem)" }
    return problem
  }

  /// Where the error starts, when `base` is known.
  public var location: SourceLocation? { base.map { location(base: $0) } }

  /// A copy that knows where the expression sits in its file.
  public func located(at base: SourceLocation) -> ExpressionError {
    var e = self
    e.base = base
    return e
  }

  /// The file location of the range's first character, given the location
  /// of the expression's first character. A newline inside the expression
  /// moves to the next line, column 1.
  public func location(base: SourceLocation) -> SourceLocation {
    let (lineIndex, column, _) = lineContaining(offset: range.lowerBound)
    if lineIndex == 0 { return base.advanced(byColumns: column) }
    return SourceLocation(file: base.file, line: base.line + lineIndex, column: column + 1)
  }

  /// A compiler-style diagnostic: the message, the location, the line of the
  /// expression that holds the error and carets under the offending range.
  ///
  /// Only the expression's own text is shown (the caller may not have the
  /// rest of the source line); carets stop at the end of that line and are
  /// at least one wide.
  public func rendered(base: SourceLocation) -> String {
    let loc = location(base: base)
    let (_, column, lineText) = lineContaining(offset: range.lowerBound)
    let lineLength = lineText.unicodeScalars.count
    let width = max(1, min(range.upperBound - range.lowerBound, lineLength - column))
    let gutter = String(repeating: " ", count: String(loc.line).count)
    return """
      error: \(message)
      \(gutter)--> \(loc)
      \(gutter) |
      \(loc.line) | \(lineText)
      \(gutter) | \(String(repeating: " ", count: column))\(String(repeating: "^", count: width))
      """
  }

  /// The 0-based line index of `offset`, its 0-based column on that line and the line's text.
  private func lineContaining(offset: Int) -> (line: Int, column: Int, text: String) {
    var line = 0
    var lineStart = 0
    let scalars = Array(expression.unicodeScalars)
    for (i, c) in scalars.enumerated() where i < offset && c == "\n" {
      line += 1
      lineStart = i + 1
    }
    var lineEnd = lineStart
    while lineEnd < scalars.count, scalars[lineEnd] != "\n", scalars[lineEnd] != "\r" { lineEnd += 1 }
    let text = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
    return (line, offset - lineStart, text)
  }
}
