import FolioData

/// Decoding a notebook file's bytes as UTF-8, with the position of the first
/// invalid byte when it is not valid text.
public enum NotebookSource {
  /// The text of `bytes`, or an error at the line and column of the first
  /// byte that is not valid UTF-8. A leading byte-order mark is dropped.
  public static func decode(_ bytes: [UInt8], path: String) throws(NotebookError) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = String(validating: body, as: UTF8.self) { return text }
    // Find the first invalid sequence: decode scalar by scalar.
    var line = 1, column = 1
    var iterator = body.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        if s == "\n" { line += 1; column = 1 } else { column += 1 }
      case .emptyInput:
        break loop
      case .error:
        throw NotebookError(SourceLocation(file: path, line: line, column: column),
                            "the notebook is not valid UTF-8 text here; expected UTF-8 (re-save the file as UTF-8)")
      }
    }
    throw NotebookError(SourceLocation(file: path, line: 1, column: 1), "the notebook is not valid UTF-8 text")
  }
}
