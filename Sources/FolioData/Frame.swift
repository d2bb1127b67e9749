/// A table of named, equally long, typed columns: the dataset every
/// directive reads and writes.
///
/// A value type: transforms return new frames and share unchanged column
/// storage copy-on-write.
public struct Frame: Sendable, Equatable {
  public private(set) var columnNames: [String]
  public private(set) var columns: [Column]
  public private(set) var rowCount: Int

  /// An empty frame with no columns and no rows.
  public init() {
    columnNames = []
    columns = []
    rowCount = 0
  }

  /// A frame from named columns. Names must be distinct and columns equally long.
  public init(_ named: [(String, Column)]) throws(FrameError) {
    self.init()
    for (n, c) in named { try append(n, c) }
  }

  /// Index of a column by exact name.
  public func index(of name: String) -> Int? { columnNames.firstIndex(of: name) }

  /// A column by exact name.
  public subscript(name: String) -> Column? {
    index(of: name).map { columns[$0] }
  }

  /// Appends a column; throws on a duplicate name or a length mismatch.
  public mutating func append(_ name: String, _ column: Column) throws(FrameError) {
    if columnNames.contains(name) { throw .duplicateColumn(name) }
    if !columns.isEmpty, column.count != rowCount {
      throw .lengthMismatch(name, expected: rowCount, got: column.count)
    }
    if columns.isEmpty { rowCount = column.count }
    columnNames.append(name)
    columns.append(column)
  }

  /// Replaces the column called `name`, or appends it when absent.
  public mutating func set(_ name: String, _ column: Column) throws(FrameError) {
    if let i = index(of: name) {
      if columns.count > 1, column.count != rowCount {
        throw .lengthMismatch(name, expected: rowCount, got: column.count)
      }
      columns[i] = column
      rowCount = column.count
    } else {
      try append(name, column)
    }
  }

  /// Removes the column called `name` if present.
  public mutating func remove(_ name: String) {
    guard let i = index(of: name) else { return }
    columnNames.remove(at: i)
    columns.remove(at: i)
    if columns.isEmpty { rowCount = 0 }
  }

  /// Renames a column in place, keeping its position.
  public mutating func rename(_ old: String, to new: String) throws(FrameError) {
    guard let i = index(of: old) else { throw .unknownColumn(old, available: columnNames) }
    if old != new, columnNames.contains(new) { throw .duplicateColumn(new) }
    columnNames[i] = new
  }

  /// The rows at `indices`, in that order. Columns are gathered in
  /// parallel on large frames (each column independently, so the result is
  /// the same as gathering them one by one).
  public func gather(_ indices: [Int]) -> Frame {
    var f = self
    let columns = columns
    f.columns = indices.count < 100_000 ? columns.map { $0.gather(indices) } : parallelMap(columns.count) { columns[$0].gather(indices) }
    f.rowCount = indices.count
    return f
  }
}

/// Structural errors when assembling a frame; the caller adds the location.
public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
  case duplicateColumn(String)
  case lengthMismatch(String, expected: Int, got: Int)
  case unknownColumn(String, available: [String])

  public var description: String {
    switch self {
    case .duplicateColumn(let n): return "duplicate column '\(n)'"
    case .lengthMismatch(let n, let e, let g):
      return "column '\(n)' has \(g) rows, expected \(e)"
    case .unknownColumn(let n, let avail):
      return "unknown column '\(n)'; columns are: \(avail.joined(separator: ", "))"
    }
  }
}
