import Foundation

extension ExpressionEvaluator {
  /// `+ - * / % ^` on whole vectors.
  ///
  /// Integer `+ - * %` stay integer (overflow is an error); `/` and `^`
  /// give numbers. `%` is the floor remainder: its sign follows the divisor
  /// (`-7 % 3 == 2`, as in Python). Missing in either operand gives missing.
  /// Division or remainder by zero, an undefined power (`(-8) ^ 0.5`,
  /// `0 ^ -1`) and a non-finite result are errors naming the row.
  func arithmetic(
    _ node: ExpressionNode, _ op: ExpressionNode.BinaryOperator, _ a: ExpressionVector, _ b: ExpressionVector,
    active: [Bool]?
  ) throws(ExpressionError) -> ExpressionVector {
    switch (a, b) {
    case (.integer(let x, let xm), .integer(let y, let ym)) where op != .divide && op != .power:
      return try integerArithmetic(node, op, x, xm, y, ym, active: active)
    case (.date(let x, let xm), .integer(let y, let ym)):
      return try shiftDates(node, x, xm, y, ym, negate: op == .subtract, active: active)
    case (.integer(let y, let ym), .date(let x, let xm)):
      return try shiftDates(node, x, xm, y, ym, negate: false, active: active)
    case (.date(let x, let xm), .date(let y, let ym)):
      var out = [Int](repeating: 0, count: x.count)
      var miss = xm
      for i in 0..<x.count {
        miss[i] = xm[i] || ym[i]
        if !miss[i] { out[i] = Int(x[i]) - Int(y[i]) }
      }
      return .integer(out, missing: miss)
    default:
      guard let x = a.doubles, let y = b.doubles else { throw internalError(node) }
      return .number(try numberArithmetic(node, op, x, y, active: active))
    }
  }

  private func numberArithmetic(
    _ node: ExpressionNode, _ op: ExpressionNode.BinaryOperator, _ x: [Double], _ y: [Double], active: [Bool]?
  ) throws(ExpressionError) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    switch op {
    case .add: for i in 0..<x.count { out[i] = x[i] + y[i] }
    case .subtract: for i in 0..<x.count { out[i] = x[i] - y[i] }
    case .multiply: for i in 0..<x.count { out[i] = x[i] * y[i] }
    case .divide: for i in 0..<x.count { out[i] = x[i] / y[i] }
    case .power: for i in 0..<x.count { out[i] = Foundation.pow(x[i], y[i]) }
    case .remainder:
      for i in 0..<x.count {
        var r = x[i].truncatingRemainder(dividingBy: y[i])
        if r != 0, (r < 0) != (y[i] < 0) { r += y[i] }
        out[i] = r
      }
    default: throw internalError(node)
    }
    for i in 0..<out.count where !out[i].isFinite && !x[i].isNaN && !y[i].isNaN {
      guard Self.isActive(active, i) else {
        out[i] = .nan
        continue
      }
      let (l, r) = (Self.show(x[i]), Self.show(y[i]))
      if (op == .divide || op == .remainder) && y[i] == 0 {
        throw domainError(node, row: i, "division by zero (\(l) \(op.rawValue) \(r))")
      }
      if op == .power && (out[i].isNaN || x[i] == 0) {
        throw domainError(node, row: i, "\(l) ^ \(r) is undefined")
      }
      throw domainError(node, row: i, "\(l) \(op.rawValue) \(r) is not a finite number")
    }
    return out
  }

  private func integerArithmetic(
    _ node: ExpressionNode, _ op: ExpressionNode.BinaryOperator,
    _ x: [Int], _ xm: [Bool], _ y: [Int], _ ym: [Bool], active: [Bool]?
  ) throws(ExpressionError) -> ExpressionVector {
    var out = [Int](repeating: 0, count: x.count)
    var miss = [Bool](repeating: true, count: x.count)
    for i in 0..<x.count where !xm[i] && !ym[i] {
      let r: (partialValue: Int, overflow: Bool)
      switch op {
      case .add: r = x[i].addingReportingOverflow(y[i])
      case .subtract: r = x[i].subtractingReportingOverflow(y[i])
      case .multiply: r = x[i].multipliedReportingOverflow(by: y[i])
      case .remainder:
        if y[i] == 0 {
          guard Self.isActive(active, i) else { continue }
          throw domainError(node, row: i, "division by zero (\(x[i]) % 0)")
        }
        r = x[i].remainderReportingOverflow(dividingBy: y[i])
      default: throw internalError(node)
      }
      if r.overflow {
        guard Self.isActive(active, i) else { continue }
        throw domainError(node, row: i, "integer overflow in \(x[i]) \(op.rawValue) \(y[i])")
      }
      var v = r.partialValue
      if op == .remainder, v != 0, (v < 0) != (y[i] < 0) { v += y[i] }
      out[i] = v
      miss[i] = false
    }
    return .integer(out, missing: miss)
  }

  /// Date ± whole days; a result outside the representable range is an error.
  private func shiftDates(
    _ node: ExpressionNode, _ d: [Int32], _ dm: [Bool], _ k: [Int], _ km: [Bool], negate: Bool, active: [Bool]?
  ) throws(ExpressionError) -> ExpressionVector {
    var out = [Int32](repeating: 0, count: d.count)
    var miss = [Bool](repeating: true, count: d.count)
    for i in 0..<d.count where !dm[i] && !km[i] {
      let shift = negate ? -k[i] : k[i]
      let (sum, overflow) = Int(d[i]).addingReportingOverflow(shift)
      guard !overflow, let v = Int32(exactly: sum) else {
        guard Self.isActive(active, i) else { continue }
        throw domainError(node, row: i, "date \(CivilDate.isoString(days: Int(d[i]))) shifted by \(shift) days is out of range")
      }
      out[i] = v
      miss[i] = false
    }
    return .date(out, missing: miss)
  }
}
