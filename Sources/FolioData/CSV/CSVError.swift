#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file that could not be read, with the place that is wrong.
///
/// `location.line` is the physical line (the header is line 1, a quoted
/// newline starts a new line) and `location.column` is the 1-based field
/// number. The message names the column and what was expected:
///
///     sales.csv:12:3: error: column 'SPEND': expected a number, found "12,5"
public struct CSVError: LocatedError, Equatable {
  /// What went wrong.
  public enum Reason: Sendable, Equatable {
    /// The file could not be opened or read (the system's explanation).
    case cannotRead(String)
    /// The file could not be written (the system's explanation).
    case cannotWrite(String)
    /// The delimiter option is a quote, CR, LF or not ASCII.
    case invalidDelimiter(UInt8)
    /// The file is empty (or only a byte-order mark).
    case missingHeader
    /// The file starts with a UTF-16 or UTF-32 byte-order mark (named here); only UTF-8 is read.
    case unsupportedEncoding(String)
    /// A header field is empty.
    case emptyColumnName
    /// Two header fields have the same name.
    case duplicateColumnName(String)
    /// `CSVOptions.types` names a column the header does not have.
    case unknownDeclaredColumn(String, available: [String])
    /// A record has `found` fields where the header has `expected`.
    case raggedRow(found: Int, expected: Int)
    /// A quoted field has no closing quote before the end of the file.
    case unterminatedQuote(column: String?)
    /// A `"` inside a field that does not start with a quote.
    case strayQuote(column: String?)
    /// Something other than a delimiter or line end follows a closing quote.
    case textAfterClosingQuote(column: String?)
    /// A field's bytes are not valid UTF-8.
    case invalidUTF8(column: String?)
    /// A cell does not conform to its column's declared type.
    case unexpectedValue(column: String, expected: ColumnType, found: String)
    /// A `week` column mixes plain week numbers with dates or ISO week labels
    /// (a number has no year, so the two cannot be ordered together).
    case mixedWeekForms(column: String, found: String, firstForm: String)
  }

  public var location: SourceLocation?
  public var reason: Reason

  public init(location: SourceLocation?, reason: Reason) {
    self.location = location
    self.reason = reason
  }

  public var message: String {
    func prefix(_ column: String?) -> String { column.map { "column '\($0)': " } ?? "header: " }
    switch reason {
    case .cannotRead(let why): return "cannot read file: \(why)"
    case .cannotWrite(let why): return "cannot write file: \(why)"
    case .invalidDelimiter(let b): return "invalid delimiter byte \(b): expected an ASCII character other than a quote or a line end"
    case .missingHeader: return "expected a header row, found an empty file"
    case .unsupportedEncoding(let name): return "the file is \(name) text; expected UTF-8 (re-save it as UTF-8)"
    case .emptyColumnName: return "header: expected a column name, found an empty field"
    case .duplicateColumnName(let n): return "header: duplicate column name '\(n)'"
    case .unknownDeclaredColumn(let n, let avail):
      return "declared type for unknown column '\(n)'; columns are: \(avail.joined(separator: ", "))"
    case .raggedRow(let found, let expected):
      return "row has \(found) field\(found == 1 ? "" : "s"), expected \(expected)"
    case .unterminatedQuote(let c): return "\(prefix(c))quoted field has no closing quote"
    case .strayQuote(let c):
      return "\(prefix(c))unexpected '\"' inside an unquoted field (quote the whole field and double inner quotes)"
    case .textAfterClosingQuote(let c):
      return "\(prefix(c))expected a delimiter or line end after the closing quote"
    case .invalidUTF8(let c): return "\(prefix(c))text is not valid UTF-8"
    case .unexpectedValue(let c, let type, let found):
      return "column '\(c)': expected \(Self.article(type)), found \"\(found)\""
    case .mixedWeekForms(let c, let found, let first):
      return "column '\(c)': found \"\(found)\" in a column whose first week is \(first); use week numbers throughout or dated weeks (2024-01-01, 2024-W01) throughout"
    }
  }

  private static func article(_ type: ColumnType) -> String {
    switch type {
    case .number: return "a number"
    case .integer: return "an integer"
    case .date: return "a date (YYYY-MM-DD)"
    case .week: return WeekValue.expectedForms
    case .string: return "text"
    }
  }
}

/// An error found while scanning, located by byte offset; turned into a
/// `CSVError` with a line number once the scan is over (counting lines is
/// only paid for on the error path).
struct CSVPendingError: Error {
  /// Offset of the offending byte in the whole file buffer.
  var offset: Int
  /// 1-based field number.
  var field: Int
  var reason: CSVError.Reason

  /// The located error: line = 1 + line ends (LF, CRLF or lone CR) before `offset`.
  func located(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> CSVError {
    var line = 1
    if let base = bytes.baseAddress {
      let end = min(offset, bytes.count)
      for terminator: UInt8 in [0x0A, 0x0D] {
        var p = 0
        while p < end, let q = memchr(base + p, Int32(terminator), end - p) {
          let at = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - base
          // A CR counts only when no LF follows it (a CRLF is counted at its LF).
          if terminator == 0x0A || at + 1 >= bytes.count || base[at + 1] != 0x0A { line += 1 }
          p = at + 1
        }
      }
    }
    return CSVError(location: SourceLocation(file: file, line: line, column: field), reason: reason)
  }

  /// Shown text of a bad cell: lossy UTF-8, shortened past 60 bytes.
  static func shownText(_ p: UnsafePointer<UInt8>, _ count: Int) -> String {
    let n = min(count, 60)
    let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    return count > n ? s + "…" : s
  }
}
