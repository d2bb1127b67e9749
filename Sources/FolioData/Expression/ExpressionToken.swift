/// One lexical token of an expression, with its range in Unicode-scalar
/// offsets into the expression text.
struct ExpressionToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A literal without `.` or exponent that fits in `Int`.
    case integer(Int)
    case number(Double)
    case string(String)
    /// A bare name (`SALES`, `log`, `and`) or a backtick-quoted one.
    case identifier(String, quoted: Bool)
    case plus, minus, star, slash, percent, caret
    case leftParen, rightParen, comma
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case andAnd, orOr, bang
    case end
  }

  var kind: Kind
  var range: Range<Int>

  /// How the token reads in a message: `')'`, `number 3`, `name 'SALES'`, `end of expression`.
  var quoted: String {
    switch kind {
    case .integer(let v): return "number \(v)"
    case .number(let v): return "number \(v)"
    case .string(let s): return "string '\(s)'"
    case .identifier(let n, _): return "name '\(n)'"
    case .end: return "end of expression"
    default: return "'\(spelling)'"
    }
  }

  /// The source spelling of an operator or punctuation token.
  var spelling: String {
    switch kind {
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .percent: return "%"
    case .caret: return "^"
    case .leftParen: return "("
    case .rightParen: return ")"
    case .comma: return ","
    case .equal: return "=="
    case .notEqual: return "!="
    case .less: return "<"
    case .lessEqual: return "<="
    case .greater: return ">"
    case .greaterEqual: return ">="
    case .andAnd: return "&&"
    case .orOr: return "||"
    case .bang: return "!"
    case .integer, .number, .string, .identifier, .end: return ""
    }
  }
}
