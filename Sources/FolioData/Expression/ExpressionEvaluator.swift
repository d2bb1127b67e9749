/// Evaluates a type-checked expression over a whole frame, one vector per
/// node (vectorized: no per-row tree walk).
///
/// `active` masks rows whose value matters: `if`, `and`, `or` and `coalesce`
/// evaluate each operand only where its value is used, so a domain error
/// (log of 0, division by zero) is raised only for rows that really compute
/// it; elsewhere the result is missing and never seen.
struct ExpressionEvaluator {
  let text: String
  let frame: Frame

  var rowCount: Int { frame.rowCount }

  /// A domain error on 0-based row `i` (reported 1-based).
  func domainError(_ node: ExpressionNode, row i: Int, _ message: String) -> ExpressionError {
    ExpressionError(expression: text, range: node.range, row: i + 1, message: message)
  }

  func internalError(_ node: ExpressionNode) -> ExpressionError {
    ExpressionError(expression: text, range: node.range, message: "internal error: expression was not type-checked")
  }

  /// Whether row `i` counts under `active` (`nil` = every row).
  @inline(__always) static func isActive(_ active: [Bool]?, _ i: Int) -> Bool { active?[i] ?? true }

  /// `active ∧ extra`.
  static func narrow(_ active: [Bool]?, _ extra: [Bool]) -> [Bool] {
    guard let active else { return extra }
    var out = extra
    for i in 0..<out.count where !active[i] { out[i] = false }
    return out
  }

  func evaluate(_ node: ExpressionNode, active: [Bool]?) throws(ExpressionError) -> ExpressionVector {
    let n = rowCount
    switch node.kind {
    case .integer(let v): return .constant(.integer(v), count: n)
    case .number(let v): return .constant(.number(v), count: n)
    case .string(let s): return .constant(.string(s), count: n)
    case .bool(let b): return .bool([UInt8](repeating: b ? 1 : 0, count: n))
    case .column(let name):
      guard let c = frame[name] else { throw internalError(node) }
      return ExpressionVector(c)
    case .unary(.negate, let a):
      return try negate(node, try evaluate(a, active: active))
    case .unary(.not, let a):
      guard let t = try evaluate(a, active: active).truth else { throw internalError(node) }
      return .bool(t.map { $0 == ExpressionVector.missingTruth ? $0 : 1 - $0 })
    case .binary(.and, let a, let b), .binary(.or, let a, let b):
      return try logical(node, a, b, active: active)
    case .binary(let op, let a, let b):
      let va = try evaluate(a, active: active)
      let vb = try evaluate(b, active: active)
      if op.isComparison { return try compare(node, op, va, vb) }
      return try arithmetic(node, op, va, vb, active: active)
    case .call(let name, let args, _):
      guard let f = ExpressionFunction(rawValue: name) else { throw internalError(node) }
      return try call(f, node, args, active: active)
    }
  }

  /// Kleene `and` / `or`: `false and missing` is false, `true or missing` is
  /// true, otherwise missing wins. The right side runs only where the left
  /// side does not already decide the result.
  private func logical(
    _ node: ExpressionNode, _ a: ExpressionNode, _ b: ExpressionNode, active: [Bool]?
  ) throws(ExpressionError) -> ExpressionVector {
    guard case .binary(let op, _, _) = node.kind, let ta = try evaluate(a, active: active).truth
    else { throw internalError(node) }
    let decided: UInt8 = op == .and ? 0 : 1
    let needRight = Self.narrow(active, ta.map { $0 != decided })
    guard let tb = try evaluate(b, active: needRight).truth else { throw internalError(node) }
    let m = ExpressionVector.missingTruth
    var out = ta
    for i in 0..<out.count where ta[i] != decided {
      let r = tb[i]
      if r == decided { out[i] = decided } else if ta[i] == m || r == m { out[i] = m } else { out[i] = r }
    }
    return .bool(out)
  }

  private func negate(_ node: ExpressionNode, _ v: ExpressionVector) throws(ExpressionError) -> ExpressionVector {
    switch v {
    case .number(let x): return .number(x.map { -$0 })
    case .integer(let x, let m):
      var out = [Int](repeating: 0, count: x.count)
      for i in 0..<x.count where !m[i] {
        guard x[i] != Int.min else { throw domainError(node, row: i, "integer overflow negating \(x[i])") }
        out[i] = -x[i]
      }
      return .integer(out, missing: m)
    default: throw internalError(node)
    }
  }

  /// Formats a number for a message: integral values without `.0`.
  static func show(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int(v)) }
    return v.description
  }
}
