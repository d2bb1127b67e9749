/// How `CSVReader` splits and types a CSV file.
///
/// The defaults read an RFC 4180 file: comma-separated, every column's type
/// inferred from all of its values, only empty cells missing.
public struct CSVOptions: Sendable {
  /// The field separator byte (ASCII). Must not be `"`, CR or LF.
  public var delimiter: UInt8
  /// Declared column types by header name; a declared type wins over
  /// inference and a cell that does not conform to it is an error.
  /// Naming a column the file does not have is an error too.
  public var types: [String: ColumnType]
  /// Cell texts that mean "missing" in addition to the empty cell (e.g.
  /// `"NA"`), compared byte for byte with the unquoted cell text.
  public var missingTokens: Set<String>

  public init(
    delimiter: UInt8 = UInt8(ascii: ","), types: [String: ColumnType] = [:],
    missingTokens: Set<String> = []
  ) {
    self.delimiter = delimiter
    self.types = types
    self.missingTokens = missingTokens
  }
}
