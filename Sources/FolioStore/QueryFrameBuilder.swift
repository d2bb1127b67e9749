import FolioData
import Foundation

/// Turns the cells of a query result into a `Frame` with the same column
/// types a CSV load would give.
///
/// Inference per column, over its non-NULL values: all integers → integer;
/// integers and reals → number; all dates (PostgreSQL `date`, or text that is
/// an ISO `YYYY-MM-DD` date) → date; anything else → string (numbers written
/// in shortest round-trip form). A column with no value at all is a number
/// column of missing values, as in a CSV. A declared type (the `types:`
/// option) wins, and a value that does not fit it is an error naming the
/// row and column.
public enum QueryFrameBuilder {
  /// Builds a frame from `columns[c][r]`; names must be distinct.
  /// - Throws: `DatabaseAccessError(.conversion)` on a duplicate column name or a
  ///   value that does not fit its declared type.
  public static func frame(
    names: [String], columns: [[QueryCell]], declared: [String: ColumnType] = [:]
  ) throws(DatabaseAccessError) -> Frame {
    var frame = Frame()
    for (name, cells) in zip(names, columns) {
      let column = try build(name: name, cells: cells, declared: declared[name])
      do { try frame.append(name, column) } catch {
        throw DatabaseAccessError(.conversion, "the query returns two columns named '\(name)'; give one an alias with AS")
      }
    }
    return frame
  }

  static func build(name: String, cells: [QueryCell], declared: ColumnType?) throws(DatabaseAccessError) -> Column {
    let type = declared ?? inferType(cells)
    var out: [Cell] = []
    out.reserveCapacity(cells.count)
    for (row, cell) in cells.enumerated() {
      guard let converted = convert(cell, to: type) else {
        throw DatabaseAccessError(
          .conversion,
          "column '\(name)', result row \(row + 1): expected \(article(type)) \(type.rawValue), found \(describe(cell))")
      }
      out.append(converted)
    }
    return Column(type: type, cells: out)
  }

  static func inferType(_ cells: [QueryCell]) -> ColumnType {
    var sawInteger = false, sawReal = false, sawDate = false, sawOther = false
    for cell in cells {
      switch cell {
      case .null: continue
      case .integer: sawInteger = true
      case .real: sawReal = true
      case .date: sawDate = true
      case .text(let s): if isoDate(s) != nil { sawDate = true } else { sawOther = true }
      }
    }
    if sawOther || (sawDate && (sawInteger || sawReal)) { return .string }
    if sawDate { return .date }
    if sawReal { return .number }
    if sawInteger { return .integer }
    return .number
  }

  /// The cell as a value of `type`, or `nil` when it does not fit.
  static func convert(_ cell: QueryCell, to type: ColumnType) -> Cell? {
    if case .null = cell { return .missing }
    switch (type, cell) {
    case (.integer, .integer(let v)): return .integer(v)
    case (.integer, .real(let v)):
      guard v.rounded() == v, let i = Int(exactly: v) else { return nil }
      return .integer(i)
    case (.integer, .text(let s)): return Int(s.trimmingSpaces).map(Cell.integer)
    case (.number, .integer(let v)): return .number(Double(v))
    case (.number, .real(let v)): return v.isNaN ? .missing : .number(v)
    case (.number, .text(let s)): return Double(s.trimmingSpaces).map(Cell.number)
    case (.date, .date(let d)): return .date(d)
    case (.date, .text(let s)): return isoDate(s).map(Cell.date)
    case (.string, .text(let s)): return .string(s)
    case (.string, .integer(let v)): return .string(String(v))
    case (.string, .real(let v)): return .string(v.description)
    case (.string, .date(let d)): return .string(CivilDate.isoString(days: d))
    default: return nil
    }
  }

  /// Days since 1970-01-01 of an ISO `YYYY-MM-DD` text, or `nil`.
  public static func isoDate(_ s: String) -> Int? {
    let u = Array(s.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for j in from..<(from + count) {
        let d = Int(u[j]) - 48
        guard d >= 0, d <= 9 else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
      CivilDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return CivilDate.days(year: y, month: m, day: d)
  }

  static func describe(_ cell: QueryCell) -> String {
    switch cell {
    case .null: return "NULL"
    case .integer(let v): return "the integer \(v)"
    case .real(let v): return "the number \(v)"
    case .text(let s): return "'\(s)'"
    case .date(let d): return "the date \(CivilDate.isoString(days: d))"
    }
  }

  static func article(_ type: ColumnType) -> String { type == .integer ? "an" : "a" }
}

extension String {
  fileprivate var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
