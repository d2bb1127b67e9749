/// The type the streaming reader decodes a column as, fixed before any
/// segment is decoded (declared, or guessed from the column's first
/// non-missing cell).
enum CSVColumnPlan: Equatable {
  case integer, number, date, string
  /// No value in the type sample: numbers (NaN) if every cell is missing,
  /// as inferred; any value is a mismatch.
  case allMissing
  /// Not decoded by the streaming pass (a declared week column): the
  /// column-at-a-time decoder reads it afterwards.
  case deferred
}

/// One column's cells as the streaming reader writes them: raw buffers of
/// `rowCount` cells, filled by several segments at once (each its own
/// rows), then moved into a `Column`.
///
/// Buffers are allocated uninitialized (pages become resident only when a
/// segment writes them). String cells hold segment-local codes until
/// `CSVStreamingReader` remaps them to the column's merged levels.
final class CSVColumnOutput: @unchecked Sendable {
  enum Storage {
    case integer(UnsafeMutablePointer<Int>, missing: UnsafeMutablePointer<Bool>)
    case number(UnsafeMutablePointer<Double>)
    case date(UnsafeMutablePointer<Int32>, missing: UnsafeMutablePointer<Bool>)
    /// Codes (−1 = missing).
    case string(UnsafeMutablePointer<Int32>)
    case deferred
  }

  let storage: Storage
  let rowCount: Int
  /// Whether the buffers are this object's (else they belong to arrays
  /// being initialized, see `CSVColumnArrays`).
  private let owned: Bool
  private var released = false

  /// Buffers inside arrays that someone else initializes and owns.
  init(borrowing storage: Storage, rowCount: Int) {
    self.storage = storage
    self.rowCount = rowCount
    owned = false
  }

  /// Buffers of its own, freed by `take` or when this is freed.
  init(plan: CSVColumnPlan, rowCount: Int) {
    self.rowCount = rowCount
    owned = true
    let n = max(rowCount, 1)
    switch plan {
    case .integer: storage = .integer(.allocate(capacity: n), missing: .allocate(capacity: n))
    case .number, .allMissing: storage = .number(.allocate(capacity: n))
    case .date: storage = .date(.allocate(capacity: n), missing: .allocate(capacity: n))
    case .string: storage = .string(.allocate(capacity: n))
    case .deferred: storage = .deferred
    }
  }

  deinit { release() }

  /// Frees the buffers (once).
  private func release() {
    if released || !owned { return }
    released = true
    switch storage {
    case .integer(let v, let m): v.deallocate(); m.deallocate()
    case .number(let v): v.deallocate()
    case .date(let v, let m): v.deallocate(); m.deallocate()
    case .string(let v): v.deallocate()
    case .deferred: break
    }
  }

  /// The filled cells as a `Column` (copied into arrays; `levels` for a
  /// string column), or `nil` for a deferred column, and frees the buffers
  /// (so moving columns one by one holds one extra column at a time). Every
  /// row must have been written; call at most once, on owned buffers.
  func take(levels: [String]) -> Column? {
    defer { release() }
    guard owned else { return nil }
    let n = rowCount
    func array<T>(_ p: UnsafeMutablePointer<T>) -> [T] {
      [T](unsafeUninitializedCapacity: n) { b, count in
        if let base = b.baseAddress { base.initialize(from: p, count: n) }
        count = n
      }
    }
    switch storage {
    case .integer(let v, let m): return .integer(IntegerColumn(values: array(v), missing: array(m)))
    case .number(let v): return .number(array(v))
    case .date(let v, let m): return .date(DateColumn(days: array(v), missing: array(m)))
    case .string(let v): return .string(StringColumn(codes: array(v), levels: levels))
    case .deferred: return nil
    }
  }
}
