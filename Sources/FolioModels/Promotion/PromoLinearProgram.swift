import _FolioCLP

/// A small dense linear program `max cᵀx s.t. rowLower ≤ A x ≤ rowUpper,
/// colLower ≤ x ≤ colUpper`, solved exactly (to simplex tolerance 1e-10) by
/// COIN-OR CLP's dual simplex. Infinite bounds are `±.infinity`.
struct PromoLinearProgram {
  var objective: [Double]
  var colLower: [Double]
  var colUpper: [Double]
  /// Dense rows of A, each `objective.count` long.
  var rows: [[Double]] = []
  var rowLower: [Double] = []
  var rowUpper: [Double] = []

  init(columns n: Int) {
    objective = [Double](repeating: 0, count: n)
    colLower = [Double](repeating: 0, count: n)
    colUpper = [Double](repeating: .infinity, count: n)
  }

  mutating func addRow(_ coefficients: [Double], lower: Double, upper: Double) {
    rows.append(coefficients)
    rowLower.append(lower)
    rowUpper.append(upper)
  }

  enum Outcome: Equatable {
    case optimal(x: [Double], value: Double)
    case infeasible
    case unbounded
    case failed(status: Int32)
  }

  /// Solves the program (maximizing when `maximize`, else minimizing).
  func solve(maximize: Bool = true) -> Outcome {
    let n = objective.count, m = rows.count
    var starts: [CoinBigIndex] = [0], index: [Int32] = [], values: [Double] = []
    for j in 0..<n {
      for i in 0..<m where rows[i][j] != 0 {
        index.append(Int32(i))
        values.append(rows[i][j])
      }
      starts.append(CoinBigIndex(index.count))
    }
    guard let model = Clp_newModel() else { return .failed(status: -1) }
    defer { Clp_deleteModel(model) }
    Clp_setLogLevel(model, 0)
    let big = 1e30
    let cl = colLower.map { $0.isInfinite ? -big : $0 }, cu = colUpper.map { $0.isInfinite ? big : $0 }
    let rl = rowLower.map { $0.isInfinite ? -big : $0 }, ru = rowUpper.map { $0.isInfinite ? big : $0 }
    Clp_loadProblem(model, Int32(n), Int32(m), starts, index, values, cl, cu, objective, rl, ru)
    Clp_setObjSense(model, maximize ? -1 : 1)
    Clp_setPrimalTolerance(model, 1e-10)
    Clp_setDualTolerance(model, 1e-10)
    Clp_dual(model, 0)
    let status = Clp_status(model)
    switch status {
    case 0:
      guard let sol = Clp_getColSolution(model) else { return .failed(status: status) }
      let x = Array(UnsafeBufferPointer(start: sol, count: n))
      return .optimal(x: x, value: Clp_getObjValue(model))
    case 1: return .infeasible
    case 2: return .unbounded
    default: return .failed(status: status)
    }
  }
}
