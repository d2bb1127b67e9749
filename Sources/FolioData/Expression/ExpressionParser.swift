/// A Pratt parser from tokens to an `ExpressionNode`.
///
/// Precedence, loosest first: `or ||`, `and &&`, prefix `not !`, comparisons
/// (`== != < <= > >=`, not chainable), `+ -`, `* / %`, unary `-`, `^`
/// (right-associative, so `-2^2` is −4 and `2^3^2` is 512).
struct ExpressionParser {
  private let text: String
  private let tokens: [ExpressionToken]
  private var index = 0
  private var depth = 0
  /// Deeper nesting is rejected instead of exhausting the stack.
  static let maximumDepth = 200
  /// Longer expressions are rejected so that tree walks stay shallow.
  static let maximumTokens = 1000

  init(text: String, tokens: [ExpressionToken]) {
    self.text = text
    self.tokens = tokens
  }

  /// Parses the whole text; trailing tokens are an error.
  static func parse(_ text: String) throws(ExpressionError) -> ExpressionNode {
    var p = ExpressionParser(text: text, tokens: try ExpressionLexer.tokens(text))
    if p.tokens.count > maximumTokens {
      throw p.error(p.tokens[maximumTokens].range, "expression is longer than \(maximumTokens) tokens; split it into several derive steps")
    }
    if p.current.kind == .end {
      throw p.error(p.current.range, "empty expression; expected a value, a column or a function call")
    }
    let node = try p.expression(minBindingPower: 0)
    if p.current.kind != .end {
      throw p.error(p.current.range, "unexpected \(p.current.quoted) after expression; expected an operator")
    }
    return node
  }

  private var current: ExpressionToken { tokens[min(index, tokens.count - 1)] }
  private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

  private func error(_ range: Range<Int>, _ message: String) -> ExpressionError {
    ExpressionError(expression: text, range: range, message: message)
  }

  /// The infix operator of a token with its left and right binding powers.
  private func infix(_ t: ExpressionToken) -> (ExpressionNode.BinaryOperator, Int, Int)? {
    switch t.kind {
    case .identifier("or", quoted: false), .orOr: return (.or, 1, 2)
    case .identifier("and", quoted: false), .andAnd: return (.and, 3, 4)
    case .equal: return (.equal, 7, 8)
    case .notEqual: return (.notEqual, 7, 8)
    case .less: return (.less, 7, 8)
    case .lessEqual: return (.lessEqual, 7, 8)
    case .greater: return (.greater, 7, 8)
    case .greaterEqual: return (.greaterEqual, 7, 8)
    case .plus: return (.add, 9, 10)
    case .minus: return (.subtract, 9, 10)
    case .star: return (.multiply, 11, 12)
    case .slash: return (.divide, 11, 12)
    case .percent: return (.remainder, 11, 12)
    case .caret: return (.power, 15, 14)
    default: return nil
    }
  }

  private mutating func expression(minBindingPower: Int) throws(ExpressionError) -> ExpressionNode {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      throw error(current.range, "expression is nested more than \(Self.maximumDepth) levels deep")
    }
    var left = try prefix()
    while let (op, lbp, rbp) = infix(current), lbp >= minBindingPower {
      advance()
      let right = try expression(minBindingPower: rbp)
      left = ExpressionNode(
        kind: .binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
      if op.isComparison, let (next, _, _) = infix(current), next.isComparison {
        throw error(
          current.range,
          "comparisons cannot be chained ('\(op.rawValue)' then '\(next.rawValue)'); combine them with 'and'")
      }
    }
    return left
  }

  private mutating func prefix() throws(ExpressionError) -> ExpressionNode {
    let t = current
    switch t.kind {
    case .integer(let v):
      advance()
      return ExpressionNode(kind: .integer(v), range: t.range)
    case .number(let v):
      advance()
      return ExpressionNode(kind: .number(v), range: t.range)
    case .string(let s):
      advance()
      return ExpressionNode(kind: .string(s), range: t.range)
    case .minus:
      advance()
      let operand = try expression(minBindingPower: 13)
      return ExpressionNode(kind: .unary(.negate, operand), range: t.range.lowerBound..<operand.range.upperBound)
    case .bang, .identifier("not", quoted: false):
      advance()
      let operand = try expression(minBindingPower: 5)
      return ExpressionNode(kind: .unary(.not, operand), range: t.range.lowerBound..<operand.range.upperBound)
    case .leftParen:
      advance()
      let inner = try expression(minBindingPower: 0)
      guard current.kind == .rightParen else {
        throw error(current.range, "expected ')' to close '(', found \(current.quoted)")
      }
      let end = current.range.upperBound
      advance()
      return ExpressionNode(kind: inner.kind, range: t.range.lowerBound..<end)
    case .identifier("true", quoted: false):
      advance()
      return ExpressionNode(kind: .bool(true), range: t.range)
    case .identifier("false", quoted: false):
      advance()
      return ExpressionNode(kind: .bool(false), range: t.range)
    case .identifier(let name, let quoted):
      if !quoted, name == "and" || name == "or" {
        throw error(t.range, "expected a value before '\(name)'")
      }
      advance()
      if !quoted, current.kind == .leftParen { return try call(name, nameRange: t.range) }
      return ExpressionNode(kind: .column(name), range: t.range)
    case .end:
      throw error(t.range, "unexpected end of expression; expected a value, a column or a function call")
    default:
      throw error(t.range, "unexpected \(t.quoted); expected a value, a column or a function call")
    }
  }

  /// `name(arg, …)` after the name; the current token is `(`.
  private mutating func call(_ name: String, nameRange: Range<Int>) throws(ExpressionError) -> ExpressionNode {
    advance()
    var args: [ExpressionNode] = []
    if current.kind != .rightParen {
      while true {
        args.append(try expression(minBindingPower: 0))
        if current.kind == .comma {
          advance()
          continue
        }
        break
      }
    }
    guard current.kind == .rightParen else {
      throw error(current.range, "expected ')' after arguments of \(name), found \(current.quoted)")
    }
    let end = current.range.upperBound
    advance()
    return ExpressionNode(kind: .call(name, args, nameRange: nameRange), range: nameRange.lowerBound..<end)
  }
}
