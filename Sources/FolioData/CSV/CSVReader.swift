#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RFC 4180 CSV into a `Frame`.
///
/// - A header row is required; names must be non-empty and distinct.
/// - Fields are separated by `CSVOptions.delimiter`; a field may be quoted
///   with `"` (inner quotes doubled) to hold delimiters, quotes and line
///   ends. Records end with LF, CRLF or a lone CR; the last one may lack
///   it. A leading UTF-8 byte-order mark is skipped; a UTF-16/32 one is an
///   error (only UTF-8 is read), as is any field that is not valid UTF-8.
/// - An empty cell (quoted or not) or one equal to a missing token is
///   missing. Types are inferred from all values or declared; see
///   `CSVColumnDecoder`. Numbers are correctly rounded (as `strtod`).
/// - Errors name the physical line (header = line 1), the field number and
///   the column. Structural errors (quoting, ragged rows) are reported
///   before value errors, each the first of its kind in file order.
///
/// How: the file is memory-mapped, never copied, and read in one
/// streaming pass (`CSVStreamingReader`): record-aligned segments (found by
/// counting quotes, so quoted newlines are safe) are counted, then scanned
/// and decoded in blocks of a few thousand records, several segments at
/// once, each value written straight to its final row; the pages behind
/// the pass are released. Column types are fixed first (declared, or the
/// type of the column's first non-missing cell). A column with a cell that
/// does not fit its type (or a declared week column) is then read column-at-
/// a-time (`CSVColumnDecoder`, which widens), and an input with any error is
/// read by that exact path from the start, which finds and reports the
/// first error as described above; so results and errors never depend on
/// the thread count or segment size.
/// - Complexity: O(bytes). Memory: the columns (8 bytes a number, 9 an
///   integer, 5 a date, 4 a string cell plus its distinct levels), one extra
///   column while they are moved into arrays, and a few MB per thread; the
///   exact path also holds the mapped file and 4 bytes per field.
public enum CSVReader {
  /// Reads the CSV file at `path`; errors name it `displayName ?? path`.
  ///
  /// The file is memory-mapped while it is read; it must not be truncated
  /// by another process meanwhile.
  public static func read(
    path: String, displayName: String? = nil, options: CSVOptions = .init()
  ) throws(CSVError) -> Frame {
    let file = displayName ?? path
    return try CSVFileIO.withMappedFile(path: path, displayName: file) { buffer throws(CSVError) in
      try read(buffer: buffer, file: file, options: options, layout: nil, releasePages: true)
    }
  }

  /// Reads CSV from memory; errors name the input `displayName`.
  public static func read(
    bytes: [UInt8], displayName: String, options: CSVOptions = .init()
  ) throws(CSVError) -> Frame {
    try read(bytes: bytes, displayName: displayName, options: options, layout: nil)
  }

  /// `read(bytes:)` with the number of parallel chunks fixed (tests use it
  /// to exercise chunk boundaries on small inputs): that many segments for
  /// the streaming pass and chunks for the exact path; `nil` = automatic.
  static func read(
    bytes: [UInt8], displayName: String, options: CSVOptions, chunkCount: Int?
  ) throws(CSVError) -> Frame {
    guard let chunkCount else { return try read(bytes: bytes, displayName: displayName, options: options, layout: nil) }
    let segmentBytes = max(1, bytes.count / max(chunkCount, 1))
    let layout = CSVReadLayout(threads: chunkCount, segmentBytes: segmentBytes, blockFields: 1 << 14)
    return try read(bytes: bytes, displayName: displayName, options: options, layout: layout, exactChunks: chunkCount)
  }

  /// `read(bytes:)` with the streaming layout fixed (`nil` = automatic),
  /// or (`exactOnly`) by the column-at-a-time path alone: tests compare them.
  static func read(
    bytes: [UInt8], displayName: String, options: CSVOptions, layout: CSVReadLayout?, exactChunks: Int? = nil,
    exactOnly: Bool = false
  ) throws(CSVError) -> Frame {
    let result = bytes.withUnsafeBufferPointer { buffer -> Result<Frame, CSVError> in
      do throws(CSVError) {
        return .success(
          try read(
            buffer: buffer, file: displayName, options: options, layout: layout, releasePages: false,
            exactChunks: exactChunks, exactOnly: exactOnly))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func read(
    buffer: UnsafeBufferPointer<UInt8>, file: String, options: CSVOptions, layout: CSVReadLayout?,
    releasePages: Bool, exactChunks: Int? = nil, exactOnly: Bool = false
  ) throws(CSVError) -> Frame {
    let delimiter = options.delimiter
    if delimiter >= 0x80 || delimiter == CSVRecordScanner.quote || delimiter == CSVRecordScanner.lf
      || delimiter == CSVRecordScanner.cr
    {
      throw CSVError(location: nil, reason: .invalidDelimiter(delimiter))
    }
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      throw CSVError(location: SourceLocation(file: file, line: 1, column: 1), reason: .missingHeader)
    }
    if let name = foreignEncoding(buffer) {
      throw CSVError(location: SourceLocation(file: file, line: 1, column: 1), reason: .unsupportedEncoding(name))
    }
    let scanner = CSVRecordScanner(bytes: base, count: buffer.count, delimiter: delimiter)
    let hasBOM = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
    let start = hasBOM ? 3 : 0
    if start == buffer.count {
      throw CSVError(location: SourceLocation(file: file, line: 1, column: 1), reason: .missingHeader)
    }

    let names: [String]
    let dataStart: Int
    do throws(CSVPendingError) {
      (names, dataStart) = try header(scanner, at: start, options: options, file: file)
    } catch {
      throw error.located(in: buffer, file: file)
    }

    var columns = [Column?](repeating: nil, count: names.count)
    if !exactOnly {
      let layout = layout ?? .automatic(dataLength: buffer.count - dataStart)
      let streamed = CSVStreamingReader.read(
        scanner: scanner, names: names, dataStart: dataStart, options: options, layout: layout,
        releasePages: releasePages)
      if case .columns(let c, _) = streamed { columns = c }
    }
    let needed = columns.indices.filter { columns[$0] == nil }
    if !needed.isEmpty {
      let exact = try exactColumns(
        needed, buffer: buffer, scanner: scanner, names: names, dataStart: dataStart, options: options, file: file,
        chunkCount: exactChunks)
      for (j, c) in zip(needed, exact) { columns[j] = c }
    }
    do {
      return try Frame(zip(names, columns).map { ($0, $1 ?? .number([])) })
    } catch {
      // Unreachable: names are distinct and every column has rowCount rows.
      throw CSVError(location: nil, reason: .cannotRead("internal: \(error)"))
    }
  }

  /// The `needed` columns read column-at-a-time: the data's record structure
  /// is scanned (in record-aligned chunks, in parallel) into field ends,
  /// then each column is decoded from the bytes with widening
  /// (`CSVColumnDecoder`). Throws the first structural error in file order,
  /// else the first value error among the needed columns.
  private static func exactColumns(
    _ needed: [Int], buffer: UnsafeBufferPointer<UInt8>, scanner: CSVRecordScanner, names: [String],
    dataStart: Int, options: CSVOptions, file: String, chunkCount: Int?
  ) throws(CSVError) -> [Column] {
    guard let base = buffer.baseAddress else { return [] }
    let processors = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let dataLength = buffer.count - dataStart
    var chunks = chunkCount ?? (dataLength < 1 << 20 ? 1 : min(processors, 16))
    chunks = max(chunks, dataLength / (1 << 31) + 1)  // chunk offsets are UInt32
    let ranges = scanner.chunkRanges(dataStart: dataStart, chunkCount: chunks)
    let scanned = parallelMap(ranges.count) { i -> Result<CSVScannedChunk, CSVPendingError> in
      do throws(CSVPendingError) {
        return .success(try scanner.scanChunk(ranges[i], columnCount: names.count))
      } catch {
        return .failure(error)
      }
    }
    var scannedChunks: [CSVScannedChunk] = []
    var firstError: CSVPendingError?
    for r in scanned {
      switch r {
      case .success(let c): scannedChunks.append(c)
      case .failure(let e): if firstError == nil { firstError = e }
      }
    }
    defer { for c in scannedChunks { c.deallocate() } }
    if let firstError { throw named(firstError, names).located(in: buffer, file: file) }

    // Values: one task per column.
    let rowCount = scannedChunks.reduce(0) { $0 + $1.rowCount }
    let tokens = CSVMissingTokens(options.missingTokens)
    let decoded = parallelMap(needed.count) { k -> Result<Column, CSVPendingError> in
      let j = needed[k]
      let decoder = CSVColumnDecoder(
        bytes: base, chunks: scannedChunks, columnCount: names.count, column: j, name: names[j],
        missingTokens: tokens, rowCount: rowCount)
      do throws(CSVPendingError) {
        return .success(try decoder.decode(declared: options.types[names[j]]))
      } catch {
        return .failure(error)
      }
    }
    var columns: [Column] = []
    var valueError: CSVPendingError?
    for r in decoded {
      switch r {
      case .success(let c): columns.append(c)
      case .failure(let e): if valueError.map({ e.offset < $0.offset }) ?? true { valueError = e }
      }
    }
    if let valueError { throw valueError.located(in: buffer, file: file) }
    return columns
  }

  /// The header's column names and where data starts; checks names and
  /// declared types.
  private static func header(
    _ scanner: CSVRecordScanner, at start: Int, options: CSVOptions, file: String
  ) throws(CSVPendingError) -> ([String], Int) {
    let (fields, dataStart) = try scanner.scanHeader(at: start)
    var names: [String] = []
    var seen = Set<String>()
    for (i, range) in fields.enumerated() {
      var bytes = Array(UnsafeBufferPointer(start: scanner.bytes + range.lowerBound, count: range.count))
      if bytes.first == CSVRecordScanner.quote {
        var unquoted: [UInt8] = []
        var k = 1
        while k < bytes.count - 1 {
          unquoted.append(bytes[k])
          k += bytes[k] == CSVRecordScanner.quote ? 2 : 1
        }
        bytes = unquoted
      }
      guard let name = bytes.withUnsafeBufferPointer(CSVByteInterner.validatedString) else {
        throw CSVPendingError(offset: range.lowerBound, field: i + 1, reason: .invalidUTF8(column: nil))
      }
      if name.isEmpty { throw CSVPendingError(offset: range.lowerBound, field: i + 1, reason: .emptyColumnName) }
      if !seen.insert(name).inserted {
        throw CSVPendingError(offset: range.lowerBound, field: i + 1, reason: .duplicateColumnName(name))
      }
      names.append(name)
    }
    if let unknown = options.types.keys.filter({ !seen.contains($0) }).min() {
      throw CSVPendingError(offset: start, field: 1, reason: .unknownDeclaredColumn(unknown, available: names))
    }
    return (names, dataStart)
  }

  /// The encoding named by a UTF-16 or UTF-32 byte-order mark at the start, if any.
  private static func foreignEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && zip(b, prefix).allSatisfy { $0 == $1 } }
    if starts([0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
    if starts([0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
    if starts([0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
    if starts([0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
    return nil
  }

  /// Fills in the column name of a structural error found while scanning.
  private static func named(_ e: CSVPendingError, _ names: [String]) -> CSVPendingError {
    let name = e.field <= names.count ? names[e.field - 1] : nil
    var e = e
    switch e.reason {
    case .unterminatedQuote: e.reason = .unterminatedQuote(column: name)
    case .strayQuote: e.reason = .strayQuote(column: name)
    case .textAfterClosingQuote: e.reason = .textAfterClosingQuote(column: name)
    case .invalidUTF8: e.reason = .invalidUTF8(column: name)
    default: break
    }
    return e
  }
}
