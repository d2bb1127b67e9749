/// A position in a user's file, 1-based, for compiler-style diagnostics
/// (`sales.csv:12:7`).
///
/// `line` and `column` count from 1; `column` counts Unicode scalars on the
/// line (for a CSV, `line` is the physical line and `column` the field
/// number is carried by the error itself).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`, the prefix of every diagnostic.
  public var description: String { "\(file):\(line):\(column)" }

  /// The location `n` columns to the right on the same line.
  public func advanced(byColumns n: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + n)
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// An error that knows where in the user's input it happened.
///
/// Every layer's error enum conforms, so the notebook layer can print
/// `file:line:col: error: message` without knowing the layer's cases.
public protocol LocatedError: Error, CustomStringConvertible, Sendable {
  /// Where the problem is, when it can be known; `nil` for whole-file problems
  /// that the caller locates (e.g. the block that read the file).
  var location: SourceLocation? { get }
  /// What went wrong and what was expected, without the location prefix.
  var message: String { get }
}

extension LocatedError {
  public var description: String {
    if let location { return "\(location): error: \(message)" }
    return "error: \(message)"
  }
}
