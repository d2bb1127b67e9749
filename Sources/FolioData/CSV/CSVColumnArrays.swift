/// Builds a frame's column arrays in place: each planned column's arrays are
/// allocated uninitialized, the streaming pass writes every cell straight
/// into them (through `CSVColumnOutput`s that borrow their buffers), and
/// they become the columns with no copy (a copy of 5M rows × 9 columns cost
/// a fifth of the load: 340 MB moved and as much fresh memory faulted in).
///
/// `Array(unsafeUninitializedCapacity:)` lends its buffer only inside its
/// closure, so the arrays are opened one inside the other: the recursion is
/// as deep as the arrays (one or two a column), which bounds the columns
/// this is used for (`maxColumns`); wider files use owned buffers and a copy.
enum CSVColumnArrays {
  static let maxColumns = 256

  /// What `fill` returns: per column, whether every row was written (a
  /// column that was not becomes `nil`), and string levels.
  struct Filled {
    var complete: [Bool]
    var levels: [[String]]
  }

  /// The columns `fill` wrote, or `nil` when `fill` returns `nil`.
  static func build(
    plans: [CSVColumnPlan], rowCount: Int, _ fill: ([CSVColumnOutput]) -> Filled?
  ) -> [Column?]? {
    var kinds: [(column: Int, kind: Kind)] = []
    for (j, plan) in plans.enumerated() {
      switch plan {
      case .integer: kinds += [(j, .int), (j, .bool)]
      case .number, .allMissing: kinds += [(j, .double)]
      case .date: kinds += [(j, .int32), (j, .bool)]
      case .string: kinds += [(j, .int32)]
      case .deferred: break
      }
    }
    var state = State(pieces: Array(repeating: nil, count: kinds.count))
    open(0, kinds.map(\.kind), rowCount, &state) { pointers in
      var next = 0
      func take() -> UnsafeMutableRawPointer {
        defer { next += 1 }
        return pointers[next]
      }
      let outputs = plans.map { plan -> CSVColumnOutput in
        let storage: CSVColumnOutput.Storage
        switch plan {
        case .integer:
          storage = .integer(take().assumingMemoryBound(to: Int.self), missing: take().assumingMemoryBound(to: Bool.self))
        case .number, .allMissing: storage = .number(take().assumingMemoryBound(to: Double.self))
        case .date:
          storage = .date(take().assumingMemoryBound(to: Int32.self), missing: take().assumingMemoryBound(to: Bool.self))
        case .string: storage = .string(take().assumingMemoryBound(to: Int32.self))
        case .deferred: storage = .deferred
        }
        return CSVColumnOutput(borrowing: storage, rowCount: rowCount)
      }
      guard let filled = fill(outputs) else { return nil }
      return (kinds.map { filled.complete[$0.column] }, filled)
    }
    guard let levels = state.levels, let complete = state.complete else { return nil }
    var pieces = state.pieces[...]
    func piece() -> Piece? { pieces.popFirst() ?? nil }
    return plans.enumerated().map { j, plan -> Column? in
      let column: Column?
      switch (plan, plan == .deferred ? nil : piece(), plan == .integer || plan == .date ? piece() : nil) {
      case (.integer, .int(let v)?, .bool(let m)?): column = .integer(IntegerColumn(values: v, missing: m))
      case (.number, .double(let v)?, _), (.allMissing, .double(let v)?, _): column = .number(v)
      case (.date, .int32(let v)?, .bool(let m)?): column = .date(DateColumn(days: v, missing: m))
      case (.string, .int32(let v)?, _): column = .string(StringColumn(codes: v, levels: levels[j]))
      default: column = nil  // deferred
      }
      return complete[j] ? column : nil
    }
  }

  private enum Kind { case int, double, int32, bool }
  private enum Piece {
    case int([Int]), double([Double]), int32([Int32]), bool([Bool])
  }

  private struct State {
    var pieces: [Piece?]
    var pointers: [UnsafeMutableRawPointer] = []
    /// Per array: all rows written.
    var keep: [Bool] = []
    /// Set when `fill` ran and succeeded.
    var levels: [[String]]?
    var complete: [Bool]?
  }

  /// Opens array `k` (and, inside it, the rest), then runs `body` with all
  /// their buffers; an array keeps its rows only when `body` says so.
  private static func open(
    _ k: Int, _ kinds: [Kind], _ n: Int, _ state: inout State,
    _ body: ([UnsafeMutableRawPointer]) -> ([Bool], Filled)?
  ) {
    if k == kinds.count {
      if let (keep, filled) = body(state.pointers) {
        state.keep = keep
        state.levels = filled.levels
        state.complete = filled.complete
      } else {
        state.keep = Array(repeating: false, count: kinds.count)
      }
      return
    }
    func make<T>(_: T.Type) -> [T] {
      [T](unsafeUninitializedCapacity: max(n, 1)) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        state.pointers.append(UnsafeMutableRawPointer(base))
        open(k + 1, kinds, n, &state, body)
        if state.keep.count == kinds.count && state.keep[k] { count = n }
      }
    }
    switch kinds[k] {
    case .int: state.pieces[k] = .int(make(Int.self))
    case .double: state.pieces[k] = .double(make(Double.self))
    case .int32: state.pieces[k] = .int32(make(Int32.self))
    case .bool: state.pieces[k] = .bool(make(Bool.self))
    }
  }
}
