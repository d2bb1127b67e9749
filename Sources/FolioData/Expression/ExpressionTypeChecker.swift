/// Infers the type of every node against a schema and rejects ill-typed
/// expressions before any row is touched, so type errors point at the text.
struct ExpressionTypeChecker {
  let text: String
  let schema: [String: ColumnType]
  /// Column names in frame order, for "did you mean" hints.
  let columnOrder: [String]

  private func error(_ node: ExpressionNode, _ message: String) -> ExpressionError {
    ExpressionError(expression: text, range: node.range, message: message)
  }

  func type(of node: ExpressionNode) throws(ExpressionError) -> ExpressionType {
    switch node.kind {
    case .integer: return .integer
    case .number: return .number
    case .string: return .string
    case .bool: return .bool
    case .column(let name):
      guard let t = schema[name] else {
        throw error(node, "unknown column '\(name)'" + NearMatches.hint(for: name, in: columnOrder, noun: "column"))
      }
      return ExpressionType(t)
    case .unary(.negate, let a):
      let t = try type(of: a)
      guard t.isNumeric else { throw error(node, "cannot negate \(describe(a, t)); '-' needs a number") }
      return t
    case .unary(.not, let a):
      try condition(a, context: "'not'")
      return .bool
    case .binary(let op, let a, let b):
      return try binary(op, node, a, b)
    case .call(let name, let args, let nameRange):
      return try call(name, args, node: node, nameRange: nameRange)
    }
  }

  /// Checks that `node` is usable as a condition (bool, or integer 0/1).
  func condition(_ node: ExpressionNode, context: String) throws(ExpressionError) {
    let t = try type(of: node)
    guard t == .bool || t == .integer else {
      throw error(node, "\(context) needs a true/false condition, got \(describe(node, t))")
    }
  }

  /// `string column 'REGION'`, `integer 3`, `string 'REG'`, or just the type.
  func describe(_ node: ExpressionNode, _ t: ExpressionType) -> String {
    switch node.kind {
    case .column(let n): return "\(t) column '\(n)'"
    case .integer(let v): return "integer \(v)"
    case .number(let v): return "number \(v)"
    case .string(let s): return "string '\(s)'"
    case .bool(let v): return "bool \(v)"
    default: return "a \(t) value"
    }
  }

  private func binary(
    _ op: ExpressionNode.BinaryOperator, _ node: ExpressionNode, _ a: ExpressionNode, _ b: ExpressionNode
  ) throws(ExpressionError) -> ExpressionType {
    if op == .and || op == .or {
      try condition(a, context: "'\(op.rawValue)'")
      try condition(b, context: "'\(op.rawValue)'")
      return .bool
    }
    let ta = try type(of: a)
    let tb = try type(of: b)
    if op.isComparison {
      let ok =
        (ta.isNumeric && tb.isNumeric) || (ta == tb && ta != .bool)
        || (ta == .bool && tb == .bool && (op == .equal || op == .notEqual))
      if ok { return .bool }
      var message = "cannot compare \(describe(a, ta)) with \(describe(b, tb))"
      if (ta == .date && tb == .string) || (ta == .string && tb == .date) {
        message += "; write a date as date('YYYY-MM-DD')"
      }
      throw error(node, message)
    }
    if let t = Self.arithmeticResult(op, ta, tb) { return t }
    let verb: String
    switch op {
    case .add: verb = "add"
    case .subtract: verb = "subtract"
    case .multiply: verb = "multiply"
    case .divide: verb = "divide"
    case .remainder: verb = "take the remainder of"
    default: verb = "raise"
    }
    let joiner = op == .subtract ? "from" : op == .power ? "to the power" : op == .divide ? "by" : "and"
    let (first, second) = op == .subtract ? (describe(b, tb), describe(a, ta)) : (describe(a, ta), describe(b, tb))
    throw error(node, "cannot \(verb) \(first) \(joiner) \(second)")
  }

  /// The result type of an arithmetic operator, or `nil` when not defined.
  static func arithmeticResult(
    _ op: ExpressionNode.BinaryOperator, _ a: ExpressionType, _ b: ExpressionType
  ) -> ExpressionType? {
    let bothInteger = a == .integer && b == .integer
    let numeric = a.isNumeric && b.isNumeric
    switch op {
    case .add:
      if numeric { return bothInteger ? .integer : .number }
      if (a == .date && b == .integer) || (a == .integer && b == .date) { return .date }
    case .subtract:
      if numeric { return bothInteger ? .integer : .number }
      if a == .date && b == .date { return .integer }
      if a == .date && b == .integer { return .date }
    case .multiply, .remainder:
      if numeric { return bothInteger ? .integer : .number }
    case .divide, .power:
      if numeric { return .number }
    default: break
    }
    return nil
  }

  /// The common type of branches or arguments: equal types, or number for a number/integer mix.
  static func unify(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType? {
    if a == b { return a }
    if a.isNumeric && b.isNumeric { return .number }
    return nil
  }

  private func call(
    _ name: String, _ args: [ExpressionNode], node: ExpressionNode, nameRange: Range<Int>
  ) throws(ExpressionError) -> ExpressionType {
    guard let f = ExpressionFunction(rawValue: name) else {
      throw ExpressionError(
        expression: text, range: nameRange,
        message: "unknown function '\(name)'"
          + NearMatches.hint(for: name, in: ExpressionFunction.allCases.map(\.rawValue), noun: "function"))
    }
    guard f.arity.contains(args.count) else {
      let expected: String
      if f.arity.lowerBound == f.arity.upperBound {
        expected = "\(f.arity.lowerBound) argument\(f.arity.lowerBound == 1 ? "" : "s")"
      } else if f.arity.upperBound == Int.max {
        expected = "at least \(f.arity.lowerBound) arguments"
      } else {
        expected = "\(f.arity.lowerBound) to \(f.arity.upperBound) arguments"
      }
      throw error(node, "\(name) takes \(expected), got \(args.count): \(f.signature)")
    }
    switch f {
    case .if:
      try condition(args[0], context: "if")
      let t1 = try type(of: args[1])
      let t2 = try type(of: args[2])
      guard let t = Self.unify(t1, t2) else {
        throw error(node, "if branches must have the same type, got \(describe(args[1], t1)) and \(describe(args[2], t2))")
      }
      return t
    case .log, .exp, .sqrt:
      try numeric(args[0], f)
      return .number
    case .abs, .floor, .ceil:
      return try numeric(args[0], f)
    case .round:
      let t = try numeric(args[0], f)
      if args.count == 2 {
        let d = try type(of: args[1])
        guard d == .integer else {
          throw error(args[1], "round needs a whole number of digits, got \(describe(args[1], d))")
        }
      }
      return t
    case .min, .max, .coalesce:
      var t = try type(of: args[0])
      for a in args.dropFirst() {
        let ta = try type(of: a)
        guard let u = Self.unify(t, ta) else {
          throw error(a, "\(name) arguments must have the same type; expected \(t), got \(describe(a, ta))")
        }
        t = u
      }
      if f != .coalesce, !(t.isNumeric || t == .date) {
        throw error(node, "\(name) needs numbers or dates, got \(t) values")
      }
      return t
    case .year, .month, .day, .quarter, .weekday, .week, .dayofyear:
      let t = try type(of: args[0])
      guard t == .date else { throw error(args[0], "\(name) needs a date, got \(describe(args[0], t))") }
      return .integer
    case .date:
      guard case .string(let s) = args[0].kind else {
        throw error(args[0], "date needs a quoted 'YYYY-MM-DD' literal")
      }
      guard ExpressionFunction.parseISODate(s) != nil else {
        throw error(args[0], "'\(s)' is not a valid date; expected 'YYYY-MM-DD'")
      }
      return .date
    case .is_missing:
      _ = try type(of: args[0])
      return .bool
    }
  }

  @discardableResult
  private func numeric(_ a: ExpressionNode, _ f: ExpressionFunction) throws(ExpressionError) -> ExpressionType {
    let t = try type(of: a)
    guard t.isNumeric else { throw error(a, "\(f.rawValue) needs a number, got \(describe(a, t))") }
    return t
  }
}

extension ExpressionFunction {
  /// Days since 1970-01-01 of a strict `YYYY-MM-DD` string, or `nil`.
  static func parseISODate(_ s: String) -> Int? {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      CivilDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return CivilDate.days(year: y, month: m, day: d)
  }
}
