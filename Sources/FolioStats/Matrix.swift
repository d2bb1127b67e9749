/// A dense, column-major matrix of Doubles: the storage LAPACK and BLAS use,
/// so factorizations run on `storage` without copying or transposing.
///
/// Element (i, j) lives at `storage[i + j * rows]`. A value type: copies are
/// cheap until written (copy-on-write array storage).
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Column-major elements, `rows * columns` of them.
  public var storage: [Double]

  /// A `rows × columns` matrix filled with `value` (zero by default).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.rows = rows
    self.columns = columns
    storage = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix over existing column-major storage; `storage.count` must be
  /// `rows * columns` (checked with a precondition: a programming error).
  public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
    precondition(storage.count == rows * columns, "Matrix storage has the wrong size")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A matrix from equally long columns.
  public init(columns cols: [[Double]]) {
    let r = cols.first?.count ?? 0
    var s: [Double] = []
    s.reserveCapacity(r * cols.count)
    for c in cols {
      precondition(c.count == r, "Matrix columns must be equally long")
      s.append(contentsOf: c)
    }
    self.init(rows: r, columns: cols.count, columnMajor: s)
  }

  /// A matrix from rows given as nested arrays (convenient in tests).
  public init(rowMajor rowsData: [[Double]]) {
    let r = rowsData.count, c = rowsData.first?.count ?? 0
    var m = Matrix(rows: r, columns: c)
    for i in 0..<r {
      precondition(rowsData[i].count == c, "Matrix rows must be equally long")
      for j in 0..<c { m[i, j] = rowsData[i][j] }
    }
    self = m
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Element (i, j), zero-based.
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { storage[i + j * rows] }
    set { storage[i + j * rows] = newValue }
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] {
    Array(storage[(j * rows)..<((j + 1) * rows)])
  }

  /// The diagonal, `min(rows, columns)` elements.
  public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
    return t
  }

  /// Copies the upper triangle onto the lower one (after `dsyrk`/`dpotri`,
  /// which fill one triangle only). Square matrices only.
  public mutating func symmetrizeFromUpper() {
    for j in 0..<columns where j + 1 < rows {
      for i in (j + 1)..<rows { self[i, j] = self[j, i] }
    }
  }
}
