/// A node of the expression syntax tree, with the range of text it spans.
struct ExpressionNode: Sendable {
  indirect enum Kind: Sendable {
    case integer(Int)
    case number(Double)
    case string(String)
    case bool(Bool)
    case column(String)
    case unary(UnaryOperator, ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    /// A function call; `nameRange` covers only the function name.
    case call(String, [ExpressionNode], nameRange: Range<Int>)
  }

  enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
  }

  enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"

    var isComparison: Bool {
      switch self {
      case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
      default: return false
      }
    }
    var isArithmetic: Bool {
      switch self {
      case .add, .subtract, .multiply, .divide, .remainder, .power: return true
      default: return false
      }
    }
  }

  var kind: Kind
  var range: Range<Int>

  /// Column names in order of first reference, each once.
  func collectColumns(into names: inout [String]) {
    switch kind {
    case .column(let n): if !names.contains(n) { names.append(n) }
    case .unary(_, let a): a.collectColumns(into: &names)
    case .binary(_, let a, let b):
      a.collectColumns(into: &names)
      b.collectColumns(into: &names)
    case .call(_, let args, _): for a in args { a.collectColumns(into: &names) }
    case .integer, .number, .string, .bool: break
    }
  }
}
