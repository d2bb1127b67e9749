import FolioData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether two columns hold the same data, fast enough to ask of
/// million-row datasets while results.json is written: columns sharing
/// storage (a dataset handed on unchanged) answer at once, others compare
/// their storage bytes (`memcmp`), never cell by cell.
///
/// Stricter than `Column ==`: string columns must have the same codes and
/// levels, numbers the same bits (so 0.0 and −0.0 differ), integers and
/// dates the same values under missing entries. A false "different" only
/// costs results.json a repeated dataset; a false "same" cannot happen.
enum DatasetIdentity {
  static func same(_ a: Column, _ b: Column) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return sameBytes(x, y)
    case (.integer(let x), .integer(let y)): return sameBytes(x.values, y.values) && sameBytes(x.missing, y.missing)
    case (.date(let x), .date(let y)): return sameBytes(x.days, y.days) && sameBytes(x.missing, y.missing)
    case (.string(let x), .string(let y)): return sameBytes(x.codes, y.codes) && x.levels == y.levels
    default: return false
    }
  }

  /// Whether every column of `b` is the same as the column of that name in
  /// `a` (so `b` is `a`, or `a` with columns selected or reordered).
  static func isProjection(_ b: Frame, of a: Frame) -> Bool {
    guard a.rowCount == b.rowCount, !b.columnNames.isEmpty else { return false }
    for (name, column) in zip(b.columnNames, b.columns) {
      guard let i = a.index(of: name), same(a.columns[i], column) else { return false }
    }
    return true
  }

  private static func sameBytes<T: BitwiseCopyable>(_ x: [T], _ y: [T]) -> Bool {
    guard x.count == y.count else { return false }
    return x.withUnsafeBytes { p in
      y.withUnsafeBytes { q in
        guard let a = p.baseAddress, let b = q.baseAddress, a != b else { return true }
        return memcmp(a, b, p.count) == 0
      }
    }
  }
}
