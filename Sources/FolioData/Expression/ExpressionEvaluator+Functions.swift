import Foundation

extension ExpressionEvaluator {
  func call(
    _ f: ExpressionFunction, _ node: ExpressionNode, _ args: [ExpressionNode], active: [Bool]?
  ) throws(ExpressionError) -> ExpressionVector {
    let n = rowCount
    switch f {
    case .if:
      guard let cond = try evaluate(args[0], active: active).truth else { throw internalError(node) }
      var thenVector = try evaluate(args[1], active: Self.narrow(active, cond.map { $0 == 1 }))
      var elseVector = try evaluate(args[2], active: Self.narrow(active, cond.map { $0 == 0 }))
      (thenVector, elseVector) = Self.widenedPair(thenVector, elseVector)
      let missing = Self.missingLike(elseVector, count: n)
      return elseVector.merging(thenVector, where: cond.map { $0 == 1 })
        .merging(missing, where: cond.map { $0 == ExpressionVector.missingTruth })
    case .coalesce:
      var result = try evaluate(args[0], active: active)
      for a in args.dropFirst() {
        let holes = (0..<n).map { result.isMissing($0) }
        var next = try evaluate(a, active: Self.narrow(active, holes))
        (result, next) = Self.widenedPair(result, next)
        result = result.merging(next, where: holes)
      }
      return result
    case .min, .max:
      var result = try evaluate(args[0], active: active)
      for a in args.dropFirst() {
        result = try extreme(node, result, try evaluate(a, active: active), takeLarger: f == .max)
      }
      return result
    case .is_missing:
      let v = try evaluate(args[0], active: active)
      return .bool((0..<n).map { v.isMissing($0) ? 1 : 0 })
    case .date:
      guard case .string(let s) = args[0].kind, let d = ExpressionFunction.parseISODate(s) else {
        throw internalError(node)
      }
      return .constant(.date(d), count: n)
    case .year, .month, .day, .quarter, .weekday, .week, .dayofyear:
      guard case .date(let d, let m) = try evaluate(args[0], active: active) else { throw internalError(node) }
      var out = [Int](repeating: 0, count: n)
      for i in 0..<n where !m[i] { out[i] = Self.datePart(f, days: Int(d[i])) }
      return .integer(out, missing: m)
    case .round:
      let x = try evaluate(args[0], active: active)
      var digits = [Int](repeating: 0, count: n)
      var digitsMissing = [Bool](repeating: false, count: n)
      if args.count == 2, case .integer(let v, let m) = try evaluate(args[1], active: active) {
        (digits, digitsMissing) = (v, m)
      }
      return try round(node, x, digits, digitsMissing)
    case .abs, .floor, .ceil:
      if case .integer(let v, let m) = try evaluate(args[0], active: active) {
        guard f == .abs else { return .integer(v, missing: m) }
        var out = v
        for i in 0..<n where !m[i] {
          guard v[i] != Int.min else { throw domainError(node, row: i, "integer overflow in abs(\(v[i]))") }
          out[i] = Swift.abs(v[i])
        }
        return .integer(out, missing: m)
      }
      fallthrough
    case .log, .exp, .sqrt:
      guard let x = try evaluate(args[0], active: active).doubles else { throw internalError(node) }
      return .number(try unaryMath(f, node, x, active: active))
    }
  }

  /// log, exp, sqrt, abs, floor, ceil on numbers; out-of-domain rows are errors.
  private func unaryMath(
    _ f: ExpressionFunction, _ node: ExpressionNode, _ x: [Double], active: [Bool]?
  ) throws(ExpressionError) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    for i in 0..<x.count where !x[i].isNaN {
      let v = x[i]
      var problem: String?
      switch f {
      case .log:
        if v <= 0 { problem = "log of \(Self.show(v)) is undefined; log needs a positive number" } else { out[i] = Foundation.log(v) }
      case .sqrt:
        if v < 0 { problem = "sqrt of \(Self.show(v)) is undefined; sqrt needs a number ≥ 0" } else { out[i] = v.squareRoot() }
      case .exp:
        out[i] = Foundation.exp(v)
        if !out[i].isFinite { problem = "exp(\(Self.show(v))) is too large to represent" }
      case .abs: out[i] = Swift.abs(v)
      case .floor: out[i] = v.rounded(.down)
      default: out[i] = v.rounded(.up)
      }
      if let problem {
        out[i] = .nan
        if Self.isActive(active, i) { throw domainError(node, row: i, problem) }
      }
    }
    return out
  }

  /// Rounds half away from zero to `digits` decimals (negative: tens, hundreds, …).
  private func round(
    _ node: ExpressionNode, _ x: ExpressionVector, _ digits: [Int], _ digitsMissing: [Bool]
  ) throws(ExpressionError) -> ExpressionVector {
    switch x {
    case .integer(let v, let m):
      var out = v
      var miss = m
      for i in 0..<v.count where !m[i] {
        miss[i] = digitsMissing[i]
        guard digits[i] < 0, !miss[i] else { continue }
        guard digits[i] > -19 else { out[i] = 0; continue }
        var p = 1
        for _ in 0..<(-digits[i]) { p *= 10 }
        let q = (Double(v[i]) / Double(p)).rounded(.toNearestOrAwayFromZero)
        out[i] = Int(q) * p
      }
      return .integer(out, missing: miss)
    default:
      guard let v = x.doubles else { throw internalError(node) }
      var out = [Double](repeating: .nan, count: v.count)
      for i in 0..<v.count where !v[i].isNaN && !digitsMissing[i] {
        let d = Swift.max(-300, Swift.min(300, digits[i]))
        let scale = Foundation.pow(10.0, Double(d))
        let r = (v[i] * scale).rounded(.toNearestOrAwayFromZero) / scale
        out[i] = r.isFinite ? r : v[i]
      }
      return .number(out)
    }
  }

  /// Row-wise min or max of two vectors of the same kind; missing if either is missing.
  private func extreme(
    _ node: ExpressionNode, _ a: ExpressionVector, _ b: ExpressionVector, takeLarger: Bool
  ) throws(ExpressionError) -> ExpressionVector {
    switch (a, b) {
    case (.integer(let x, let xm), .integer(let y, let ym)):
      var out = x
      var miss = xm
      for i in 0..<x.count {
        miss[i] = xm[i] || ym[i]
        out[i] = takeLarger ? Swift.max(x[i], y[i]) : Swift.min(x[i], y[i])
      }
      return .integer(out, missing: miss)
    case (.date(let x, let xm), .date(let y, let ym)):
      var out = x
      var miss = xm
      for i in 0..<x.count {
        miss[i] = xm[i] || ym[i]
        out[i] = takeLarger ? Swift.max(x[i], y[i]) : Swift.min(x[i], y[i])
      }
      return .date(out, missing: miss)
    default:
      guard let x = a.doubles, let y = b.doubles else { throw internalError(node) }
      var out = [Double](repeating: .nan, count: x.count)
      for i in 0..<x.count where !x[i].isNaN && !y[i].isNaN {
        out[i] = takeLarger ? Swift.max(x[i], y[i]) : Swift.min(x[i], y[i])
      }
      return .number(out)
    }
  }

  /// Year, month, day, quarter, ISO weekday, ISO week or day of year of a day count.
  static func datePart(_ f: ExpressionFunction, days: Int) -> Int {
    switch f {
    case .weekday: return CivilDate.isoWeekday(days: days)
    case .week:
      // The ISO week of a day is the week of its Thursday, counted in the Thursday's year.
      let thursday = days - CivilDate.isoWeekday(days: days) + 4
      let y = CivilDate.components(days: thursday).year
      return (thursday - CivilDate.days(year: y, month: 1, day: 1)) / 7 + 1
    default: break
    }
    let (y, m, d) = CivilDate.components(days: days)
    switch f {
    case .year: return y
    case .month: return m
    case .day: return d
    case .quarter: return (m - 1) / 3 + 1
    default: return days - CivilDate.days(year: y, month: 1, day: 1) + 1
    }
  }

  /// Both vectors as numbers when one is integer and the other number.
  static func widenedPair(_ a: ExpressionVector, _ b: ExpressionVector) -> (ExpressionVector, ExpressionVector) {
    switch (a, b) {
    case (.integer, .number): return (a.widened(to: .number), b)
    case (.number, .integer): return (a, b.widened(to: .number))
    default: return (a, b)
    }
  }

  /// An all-missing vector of the same kind as `v`.
  static func missingLike(_ v: ExpressionVector, count n: Int) -> ExpressionVector {
    let all = [Bool](repeating: true, count: n)
    switch v {
    case .number: return .number([Double](repeating: .nan, count: n))
    case .integer: return .integer([Int](repeating: 0, count: n), missing: all)
    case .string(let c): return .string(StringColumn(codes: [Int32](repeating: -1, count: n), levels: c.levels))
    case .date: return .date([Int32](repeating: 0, count: n), missing: all)
    case .bool: return .bool([UInt8](repeating: ExpressionVector.missingTruth, count: n))
    }
  }
}
