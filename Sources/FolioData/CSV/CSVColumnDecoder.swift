#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one column's fields, across all scanned chunks, into a typed
/// `Column`.
///
/// Inference looks at every value: the first non-missing cell picks the
/// narrowest candidate (integer, number, date, or string) and a cell that
/// does not fit widens it (integer → number → string, date → string) by
/// decoding the column again in the wider type. Integer text that
/// overflows Int64 is a number. A column with only missing cells is a
/// number column of NaN. With a declared type there is no widening: the
/// first non-conforming cell is an error.
struct CSVColumnDecoder {
  let bytes: UnsafePointer<UInt8>
  let chunks: [CSVScannedChunk]
  let columnCount: Int
  /// 0-based field index.
  let column: Int
  let name: String
  let missingTokens: CSVMissingTokens
  let rowCount: Int

  func decode(declared: ColumnType?) throws(CSVPendingError) -> Column {
    if let declared {
      switch declared {
      case .integer: return try integers()
      case .number: return try numbers()
      case .date: return try dates()
      case .week: return try weeks()
      case .string: return try strings()
      }
    }
    var firstValue: (UnsafePointer<UInt8>, Int)?
    forEachField { _, p, n, _, _ in
      if isMissing(p, n) { return true }
      firstValue = (p, n)
      return false
    }
    guard let (p, n) = firstValue else { return .number([Double](repeating: .nan, count: rowCount)) }
    if CSVScalarParser.integer(p, n) != nil {
      if let c = try? integers() { return c }
      if let c = try? numbers() { return c }
    } else if CSVScalarParser.number(p, n) != nil {
      if let c = try? numbers() { return c }
    } else if CSVScalarParser.date(p, n) != nil {
      if let c = try? dates() { return c }
    }
    return try strings()
  }

  // MARK: - One pass per type

  /// Integers (missing masked).
  /// - Throws: the first cell that is not an Int64 integer.
  private func integers() throws(CSVPendingError) -> Column {
    var bad: CSVPendingError?
    var missing: [Bool] = []
    let values = [Int](unsafeUninitializedCapacity: rowCount) { v, valuesCount in
      missing = [Bool](unsafeUninitializedCapacity: rowCount) { m, missingCount in
        forEachField { row, p, n, _, offset in
          if isMissing(p, n) {
            (v[row], m[row]) = (0, true)
            return true
          }
          if let x = CSVScalarParser.integer(p, n) {
            (v[row], m[row]) = (x, false)
            return true
          }
          bad = unexpected(.integer, p, n, offset)
          return false
        }
        missingCount = bad == nil ? rowCount : 0
      }
      valuesCount = bad == nil ? rowCount : 0
    }
    if let bad { throw bad }
    return .integer(IntegerColumn(values: values, missing: missing))
  }

  /// Numbers (missing = NaN).
  /// - Throws: the first cell that is not a number.
  private func numbers() throws(CSVPendingError) -> Column {
    var bad: CSVPendingError?
    let values = [Double](unsafeUninitializedCapacity: rowCount) { v, valuesCount in
      forEachField { row, p, n, _, offset in
        if isMissing(p, n) {
          v[row] = .nan
          return true
        }
        if let x = CSVScalarParser.number(p, n) {
          v[row] = x
          return true
        }
        bad = unexpected(.number, p, n, offset)
        return false
      }
      valuesCount = bad == nil ? rowCount : 0
    }
    if let bad { throw bad }
    return .number(values)
  }

  /// Dates (missing masked).
  /// - Throws: the first cell that is not a valid `YYYY-MM-DD` date.
  private func dates() throws(CSVPendingError) -> Column {
    var bad: CSVPendingError?
    var missing: [Bool] = []
    var lastKey: (UInt64, UInt16) = (0, 0)  // no date starts with 8 NUL bytes
    var lastDays: Int32 = 0
    let days = [Int32](unsafeUninitializedCapacity: rowCount) { v, daysCount in
      missing = [Bool](unsafeUninitializedCapacity: rowCount) { m, missingCount in
        forEachField { row, p, n, _, offset in
          if isMissing(p, n) {
            (v[row], m[row]) = (0, true)
            return true
          }
          // Dates repeat (one per week in a panel): reuse the last parse
          // when the 10 bytes are the same.
          if n == 10 {
            let raw = UnsafeRawPointer(p)
            let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
            if key == lastKey {
              (v[row], m[row]) = (lastDays, false)
              return true
            }
            if let d = CSVScalarParser.date(p, n) {
              (lastKey, lastDays) = (key, d)
              (v[row], m[row]) = (d, false)
              return true
            }
          }
          bad = unexpected(.date, p, n, offset)
          return false
        }
        missingCount = bad == nil ? rowCount : 0
      }
      daysCount = bad == nil ? rowCount : 0
    }
    if let bad { throw bad }
    return .date(DateColumn(days: days, missing: missing))
  }

  /// Weeks as people write them (`WeekValue`), stored as dates.
  /// - Throws: the first cell that is no accepted week form, or the first
  ///   cell whose form (plain number vs dated) differs from the first cell's.
  private func weeks() throws(CSVPendingError) -> Column {
    var bad: CSVPendingError?
    var firstForm: (form: WeekValue.Form, text: String)?
    var last: (bytes: [UInt8], days: Int32, form: WeekValue.Form)?
    var missing = [Bool](repeating: true, count: rowCount)
    var days = [Int32](repeating: 0, count: rowCount)
    forEachField { row, p, n, _, offset in
      if isMissing(p, n) { return true }
      let raw = UnsafeBufferPointer(start: p, count: n)
      let parsed: (days: Int32, form: WeekValue.Form)
      if let l = last, l.bytes.elementsEqual(raw) {
        parsed = (l.days, l.form)
      } else {
        guard let w = WeekValue.parse(String(decoding: raw, as: UTF8.self)), let d = Int32(exactly: w.days) else {
          bad = unexpected(.week, p, n, offset)
          return false
        }
        parsed = (d, w.form)
        last = (Array(raw), d, w.form)
      }
      if let first = firstForm {
        if first.form.isCalendar != parsed.form.isCalendar {
          let what = first.form.isCalendar ? "dated (\"\(first.text)\")" : "a week number (\"\(first.text)\")"
          bad = CSVPendingError(
            offset: offset, field: column + 1,
            reason: .mixedWeekForms(column: name, found: CSVPendingError.shownText(p, n), firstForm: what))
          return false
        }
      } else {
        firstForm = (parsed.form, CSVPendingError.shownText(p, n))
      }
      (days[row], missing[row]) = (parsed.days, false)
      return true
    }
    if let bad { throw bad }
    return .date(DateColumn(days: days, missing: missing))
  }

  /// Dictionary-encoded text; quoted cells are unescaped (`""` → `"`).
  /// - Throws: invalid UTF-8 at the first cell that has it.
  private func strings() throws(CSVPendingError) -> Column {
    var interner = CSVByteInterner()
    var codes = [Int32](repeating: -1, count: rowCount)
    var scratch: [UInt8] = []
    var bad: CSVPendingError?
    let field = column + 1
    let name = name
    codes.withUnsafeMutableBufferPointer { v in
      forEachField { row, p, n, quoted, offset in
        if isMissing(p, n) { return true }
        let code = interner.code(forField: p, count: n, quoted: quoted, scratch: &scratch)
        guard let code else {
          bad = CSVPendingError(offset: offset, field: field, reason: .invalidUTF8(column: name))
          return false
        }
        v[row] = code
        return true
      }
    }
    if let bad { throw bad }
    return .string(StringColumn(codes: codes, levels: interner.levels))
  }

  // MARK: - Field access

  /// Calls `body(row, text, count, quoted, offset)` for each of the
  /// column's cells in file order; `text` excludes surrounding quotes (but
  /// keeps `""` escapes) and `offset` is the field's first byte in the
  /// file. Stops when `body` returns false.
  @inline(__always)
  private func forEachField(_ body: (Int, UnsafePointer<UInt8>, Int, Bool, Int) -> Bool) {
    var row = 0
    let column = column
    let stride = columnCount
    for chunk in chunks {
      let ends = chunk.fieldEnds
      let b = bytes + chunk.base
      var k = column
      for _ in 0..<chunk.rowCount {
        var start = 0
        if k > 0 {
          let previousEnd = Int(ends[k - 1])
          // After a CRLF the next record starts 2 bytes on; after a delimiter, LF or lone CR, 1.
          let crlf = column == 0 && b[previousEnd] == CSVRecordScanner.cr && b[previousEnd + 1] == CSVRecordScanner.lf
          start = crlf ? previousEnd + 2 : previousEnd + 1
        }
        var p = b + start
        var n = Int(ends[k]) - start
        let quoted = n >= 2 && p[0] == CSVRecordScanner.quote
        if quoted {
          p += 1
          n -= 2
        }
        if !body(row, p, n, quoted, chunk.base + start) { return }
        row += 1
        k += stride
      }
    }
  }

  @inline(__always)
  private func isMissing(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool { missingTokens.contains(p, n) }

  private func unexpected(_ type: ColumnType, _ p: UnsafePointer<UInt8>, _ n: Int, _ offset: Int) -> CSVPendingError {
    CSVPendingError(
      offset: offset, field: column + 1,
      reason: .unexpectedValue(column: name, expected: type, found: CSVPendingError.shownText(p, n)))
  }
}
