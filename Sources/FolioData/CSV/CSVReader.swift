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
/// How: the file is memory-mapped and never copied. It is split into
/// record-aligned chunks (one per core; boundaries found by counting quotes,
/// so quoted newlines are safe) whose record structure is scanned in
/// parallel into field end offsets (4 bytes a field). Then the columns are
/// decoded in parallel, one task per column across all chunks, straight
/// from the bytes: numbers and dates are parsed in place, strings interned
/// by their bytes. Decoding a column as a whole makes type inference and
/// string levels global by construction (no per-chunk builders to merge);
/// a column that must widen is decoded again in the wider type. (A fused
/// per-chunk scan-and-decode with merged builders was measured slower here.)
/// - Complexity: O(bytes). Memory: the mapped file, 4 bytes per field while
///   reading, and the columns (8 bytes a number, 9 an integer, 5 a date,
///   4 a string cell plus its distinct levels).
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
      try read(buffer: buffer, file: file, options: options, chunkCount: nil)
    }
  }

  /// Reads CSV from memory; errors name the input `displayName`.
  public static func read(
    bytes: [UInt8], displayName: String, options: CSVOptions = .init()
  ) throws(CSVError) -> Frame {
    try read(bytes: bytes, displayName: displayName, options: options, chunkCount: nil)
  }

  /// `read(bytes:)` with the number of parallel chunks fixed (tests use it
  /// to exercise chunk boundaries on small inputs); `nil` = automatic.
  static func read(
    bytes: [UInt8], displayName: String, options: CSVOptions, chunkCount: Int?
  ) throws(CSVError) -> Frame {
    let result = bytes.withUnsafeBufferPointer { buffer -> Result<Frame, CSVError> in
      do throws(CSVError) {
        return .success(try read(buffer: buffer, file: displayName, options: options, chunkCount: chunkCount))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func read(
    buffer: UnsafeBufferPointer<UInt8>, file: String, options: CSVOptions, chunkCount: Int?
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

    // Structure: record-aligned chunks scanned in parallel.
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
    let decoded = parallelMap(names.count) { j -> Result<Column, CSVPendingError> in
      let decoder = CSVColumnDecoder(
        bytes: base, chunks: scannedChunks, columnCount: names.count, column: j, name: names[j],
        missingTokens: tokens, rowCount: rowCount)
      do throws(CSVPendingError) {
        return .success(try decoder.decode(declared: options.types[names[j]]))
      } catch {
        return .failure(error)
      }
    }
    var columns: [(String, Column)] = []
    var valueError: CSVPendingError?
    for (j, r) in decoded.enumerated() {
      switch r {
      case .success(let c): columns.append((names[j], c))
      case .failure(let e): if valueError.map({ e.offset < $0.offset }) ?? true { valueError = e }
      }
    }
    if let valueError { throw valueError.located(in: buffer, file: file) }
    do {
      return try Frame(columns)
    } catch {
      // Unreachable: names are distinct and every column has rowCount rows.
      throw CSVError(location: nil, reason: .cannotRead("internal: \(error)"))
    }
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
