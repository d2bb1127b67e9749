import FolioData

/// Everything that can go wrong while parsing, checking or running a notebook,
/// each case with the location it is about.
///
/// Messages say what was expected; `description` (from `LocatedError`) is
/// the compiler-style line `file:line:col: error: message`.
public struct NotebookError: LocatedError, Equatable {
  public var location: SourceLocation?
  public var message: String

  public init(_ location: SourceLocation?, _ message: String) {
    self.location = location
    self.message = message
  }

  /// Wraps any error from a lower layer, keeping its location when it has one
  /// and otherwise placing it at `fallback` (usually the block's fence).
  public static func wrapping(_ error: any Error, at fallback: SourceLocation) -> NotebookError {
    if let e = error as? NotebookError {
      return e.location == nil ? NotebookError(fallback, e.message) : e
    }
    if let e = error as? any LocatedError {
      return NotebookError(e.location ?? fallback, e.message)
    }
    return NotebookError(fallback, String(describing: error))
  }
}

/// A diagnostic for `folio check` and for the report: a located error plus
/// the label of the block it came from, if any.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  public var error: NotebookError
  public var blockLabel: String?
  public init(_ error: NotebookError, blockLabel: String? = nil) {
    self.error = error
    self.blockLabel = blockLabel
  }
  public var description: String { error.description }
}

extension NotebookError {
  /// What a reference to a block that failed says: that it failed, and where
  /// that block is (its error is reported there), never "unknown" or "defined later".
  public static func failedBlockMessage(_ label: String, at location: SourceLocation) -> String {
    "block '\(label)' failed (its error is at \(location)), so its result is not available"
  }
}
