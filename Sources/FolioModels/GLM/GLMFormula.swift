/// A parsed Wilkinson–Rogers model formula, the subset patsy and statsmodels
/// use for GLMs: `y ~ x1 + x2 + C(sku) + x1:x2 - 1`.
///
/// - An intercept is included unless `- 1` or `+ 0` appears (`+ 1` restores it).
/// - `C(col)` is a categorical factor; a bare name is numeric or, if the
///   column holds strings, categorical (as in patsy).
/// - `a:b` is an interaction, `a*b` expands to `a + b + a:b`, and `- term`
///   removes a term.
///
/// Parsing only reads text; column types are resolved when the design is
/// built from a `Frame`. Offsets in errors are zero-based character indices.
public struct GLMFormula: Sendable, Equatable {
  /// One factor of a term.
  public struct Factor: Sendable, Hashable {
    /// The column name.
    public var column: String
    /// Whether written as `C(column)`.
    public var explicitCategorical: Bool
    /// Character offset of the column name in the formula text.
    public var offset: Int
    public init(column: String, explicitCategorical: Bool, offset: Int) {
      self.column = column
      self.explicitCategorical = explicitCategorical
      self.offset = offset
    }
    /// The factor as written: `x` or `C(x)`.
    public var text: String { explicitCategorical ? "C(\(column))" : column }
    public static func == (a: Factor, b: Factor) -> Bool {
      a.column == b.column && a.explicitCategorical == b.explicitCategorical
    }
    public func hash(into h: inout Hasher) {
      h.combine(column)
      h.combine(explicitCategorical)
    }
  }

  /// The response column.
  public var response: String
  /// Offset of the response name in the text.
  public var responseOffset: Int
  /// Whether the model has an intercept.
  public var hasIntercept: Bool
  /// Terms in formula order (duplicates removed); a term is a product of factors.
  public var terms: [[Factor]]
  /// The original text.
  public var text: String

  public init(response: String, terms: [[Factor]], hasIntercept: Bool, text: String = "", responseOffset: Int = 0) {
    self.response = response
    self.terms = terms
    self.hasIntercept = hasIntercept
    self.text = text
    self.responseOffset = responseOffset
  }

  /// Parses `text`.
  ///
  ///     try GLMFormula.parse("y ~ x + C(g)").terms.count  // 2
  ///
  /// - Throws: `GLMError.formula` with the offset of the offending character.
  public static func parse(_ text: String) throws(GLMError) -> GLMFormula {
    var p = FormulaParser(text: text)
    return try p.parseFormula()
  }
}

/// Recursive-descent parser over the formula's characters.
struct FormulaParser {
  let text: String
  let chars: [Character]
  var pos = 0

  init(text: String) {
    self.text = text
    chars = Array(text)
  }

  func fail(_ message: String, at offset: Int? = nil) -> GLMError {
    .formula(message, formula: text, offset: offset ?? pos)
  }

  mutating func skipSpaces() { while pos < chars.count, chars[pos].isWhitespace { pos += 1 } }

  mutating func identifier() throws(GLMError) -> (String, Int) {
    skipSpaces()
    let start = pos
    if pos < chars.count, chars[pos] == "`" {
      pos += 1
      let s = pos
      while pos < chars.count, chars[pos] != "`" { pos += 1 }
      guard pos < chars.count else { throw fail("unterminated `quoted` column name", at: start) }
      let name = String(chars[s..<pos])
      pos += 1
      return (name, s)
    }
    while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" || chars[pos] == "." {
      pos += 1
    }
    guard pos > start else {
      throw fail(pos < chars.count ? "expected a column name, found '\(chars[pos])'" : "expected a column name")
    }
    return (String(chars[start..<pos]), start)
  }

  mutating func parseFormula() throws(GLMError) -> GLMFormula {
    let (response, rOff) = try identifier()
    skipSpaces()
    guard pos < chars.count, chars[pos] == "~" else { throw fail("expected '~' after the response") }
    pos += 1
    var hasIntercept = true
    var terms: [[GLMFormula.Factor]] = []
    var sign = 1
    var first = true
    while true {
      skipSpaces()
      if !first {
        guard pos < chars.count else { break }
        if chars[pos] == "+" { sign = 1 } else if chars[pos] == "-" { sign = -1 } else {
          throw fail("expected '+', '-', ':' or '*', found '\(chars[pos])'")
        }
        pos += 1
        skipSpaces()
      } else if pos < chars.count, chars[pos] == "-" {
        sign = -1
        pos += 1
        skipSpaces()
      }
      first = false
      guard pos < chars.count else { throw fail("expected a term") }
      if chars[pos] == "0" || chars[pos] == "1" {
        let c = chars[pos]
        pos += 1
        hasIntercept = (c == "1") == (sign == 1)
        continue
      }
      let expanded = try product()
      for t in expanded {
        if sign == 1 {
          if !terms.contains(where: { Set($0) == Set(t) }) { terms.append(t) }
        } else {
          terms.removeAll { Set($0) == Set(t) }
        }
      }
    }
    return GLMFormula(response: response, terms: terms, hasIntercept: hasIntercept, text: text, responseOffset: rOff)
  }

  /// `interaction ('*' interaction)*`, expanded to all sub-products.
  mutating func product() throws(GLMError) -> [[GLMFormula.Factor]] {
    var parts = [try interaction()]
    while true {
      skipSpaces()
      guard pos < chars.count, chars[pos] == "*" else { break }
      pos += 1
      parts.append(try interaction())
    }
    var out: [[GLMFormula.Factor]] = [[]]
    for part in parts {
      out = out + out.map { $0 + part }
    }
    return out.filter { !$0.isEmpty }.sorted { $0.count < $1.count }
  }

  /// `factor (':' factor)*`.
  mutating func interaction() throws(GLMError) -> [GLMFormula.Factor] {
    var fs = [try factor()]
    while true {
      skipSpaces()
      guard pos < chars.count, chars[pos] == ":" else { break }
      pos += 1
      let f = try factor()
      if fs.contains(f) { throw fail("factor '\(f.text)' repeated in an interaction", at: f.offset) }
      fs.append(f)
    }
    return fs
  }

  /// `C(name)` or `name`.
  mutating func factor() throws(GLMError) -> GLMFormula.Factor {
    skipSpaces()
    let start = pos
    let (name, off) = try identifier()
    skipSpaces()
    if pos < chars.count, chars[pos] == "(" {
      guard name == "C" else { throw fail("unknown function '\(name)'; only C(column) is supported", at: start) }
      pos += 1
      let (col, cOff) = try identifier()
      skipSpaces()
      guard pos < chars.count, chars[pos] == ")" else { throw fail("expected ')' to close C(") }
      pos += 1
      return GLMFormula.Factor(column: col, explicitCategorical: true, offset: cOff)
    }
    return GLMFormula.Factor(column: name, explicitCategorical: false, offset: off)
  }
}
