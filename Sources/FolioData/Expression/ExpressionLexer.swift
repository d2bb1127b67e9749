/// Splits expression text into tokens.
///
/// Offsets are Unicode-scalar indices into the text, so a diagnostic can
/// point at the exact character whatever the encoding of the source file.
struct ExpressionLexer {
  private let scalars: [Unicode.Scalar]
  private let text: String
  private var position = 0

  init(_ text: String) {
    self.text = text
    self.scalars = Array(text.unicodeScalars)
  }

  /// All tokens of the text, ending with `.end`.
  static func tokens(_ text: String) throws(ExpressionError) -> [ExpressionToken] {
    var lexer = ExpressionLexer(text)
    var out: [ExpressionToken] = []
    while true {
      let t = try lexer.next()
      out.append(t)
      if t.kind == .end { return out }
    }
  }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    position + ahead < scalars.count ? scalars[position + ahead] : nil
  }

  private func error(_ range: Range<Int>, _ message: String) -> ExpressionError {
    ExpressionError(expression: text, range: range, message: message)
  }

  mutating func next() throws(ExpressionError) -> ExpressionToken {
    while let c = peek(), c.properties.isWhitespace { position += 1 }
    let start = position
    guard let c = peek() else { return ExpressionToken(kind: .end, range: start..<start) }
    func single(_ k: ExpressionToken.Kind) -> ExpressionToken {
      position += 1
      return ExpressionToken(kind: k, range: start..<position)
    }
    func pair(_ second: Unicode.Scalar, _ both: ExpressionToken.Kind, _ one: ExpressionToken.Kind?)
      throws(ExpressionError) -> ExpressionToken
    {
      if peek(1) == second {
        position += 2
        return ExpressionToken(kind: both, range: start..<position)
      }
      guard let one else {
        let what = c == "=" ? "'==' for comparison" : "'\(c)\(second)'"
        throw error(start..<start + 1, "unexpected '\(c)'; expected \(what)")
      }
      return single(one)
    }
    switch c {
    case "+": return single(.plus)
    case "-": return single(.minus)
    case "*": return single(.star)
    case "/": return single(.slash)
    case "%": return single(.percent)
    case "^": return single(.caret)
    case "(": return single(.leftParen)
    case ")": return single(.rightParen)
    case ",": return single(.comma)
    case "=": return try pair("=", .equal, nil)
    case "!": return try pair("=", .notEqual, .bang)
    case "<": return try pair("=", .lessEqual, .less)
    case ">": return try pair("=", .greaterEqual, .greater)
    case "&": return try pair("&", .andAnd, nil)
    case "|": return try pair("|", .orOr, nil)
    case "'", "\"": return try string(quote: c)
    case "`": return try quotedName()
    default: break
    }
    if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) { return try number() }
    if Self.isNameStart(c) {
      while let d = peek(), Self.isNameStart(d) || Self.isDigit(d) { position += 1 }
      let name = String(String.UnicodeScalarView(scalars[start..<position]))
      return ExpressionToken(kind: .identifier(name, quoted: false), range: start..<position)
    }
    throw error(start..<start + 1, "unexpected character '\(c)'")
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
  private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c.properties.isAlphabetic
  }

  private mutating func number() throws(ExpressionError) -> ExpressionToken {
    let start = position
    var isInteger = true
    while let c = peek(), Self.isDigit(c) { position += 1 }
    if peek() == ".", peek(1).map(Self.isDigit) == true || start < position {
      isInteger = false
      position += 1
      while let c = peek(), Self.isDigit(c) { position += 1 }
    }
    if peek() == "e" || peek() == "E" {
      var k = 1
      if peek(k) == "+" || peek(k) == "-" { k += 1 }
      if peek(k).map(Self.isDigit) == true {
        isInteger = false
        position += k
        while let c = peek(), Self.isDigit(c) { position += 1 }
      }
    }
    let spelling = String(String.UnicodeScalarView(scalars[start..<position]))
    if let c = peek(), Self.isNameStart(c) {
      throw error(start..<position + 1, "unexpected '\(c)' after number \(spelling)")
    }
    if isInteger, let v = Int(spelling) {
      return ExpressionToken(kind: .integer(v), range: start..<position)
    }
    guard let v = Double(spelling), v.isFinite else {
      throw error(start..<position, "number \(spelling) is out of range")
    }
    return ExpressionToken(kind: .number(v), range: start..<position)
  }

  /// A `'…'` or `"…"` string; a doubled quote or a backslash escapes the quote.
  private mutating func string(quote: Unicode.Scalar) throws(ExpressionError) -> ExpressionToken {
    let start = position
    position += 1
    var out = String.UnicodeScalarView()
    while let c = peek() {
      if c == "\\", let n = peek(1), n == quote || n == "\\" {
        out.append(n)
        position += 2
      } else if c == quote {
        if peek(1) == quote {
          out.append(quote)
          position += 2
        } else {
          position += 1
          return ExpressionToken(kind: .string(String(out)), range: start..<position)
        }
      } else {
        out.append(c)
        position += 1
      }
    }
    throw error(start..<position, "unterminated string; expected a closing \(quote)")
  }

  /// A backtick-quoted column name such as `` `Unit Price` ``.
  private mutating func quotedName() throws(ExpressionError) -> ExpressionToken {
    let start = position
    position += 1
    var out = String.UnicodeScalarView()
    while let c = peek() {
      position += 1
      if c == "`" {
        if out.isEmpty { throw error(start..<position, "empty column name between backticks") }
        return ExpressionToken(kind: .identifier(String(out), quoted: true), range: start..<position)
      }
      out.append(c)
    }
    throw error(start..<position, "unterminated column name; expected a closing `")
  }
}
