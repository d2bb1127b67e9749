import FolioData

/// Decoding a notebook file's bytes: UTF-8 only, any line ending.
///
/// A notebook comes from any editor: LF (Unix), CRLF (Windows) and CR (classic
/// Mac) line ends are all accepted and read identically, and a UTF-8 byte-order
/// mark is dropped. Any other encoding is a located error, never a misread:
/// a UTF-16 or UTF-32 byte-order mark is reported at 1:1, invalid UTF-8 at the
/// line and column of its first bad byte.
public enum NotebookSource {
  /// The text of `bytes` with line ends normalized to LF (see
  /// ``normalizingLineEndings(_:)``), or an error saying where and why it is not UTF-8.
  public static func decode(_ bytes: [UInt8], path: String) throws(NotebookError) -> String {
    if let name = foreignEncoding(bytes) {
      throw NotebookError(SourceLocation(file: path, line: 1, column: 1),
                          "the notebook is \(name) text; expected UTF-8 (re-save the file as UTF-8)")
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = String(validating: body, as: UTF8.self) { return normalizingLineEndings(text) }
    // Find the first invalid sequence: decode scalar by scalar, counting lines as the parser does.
    var line = 1, column = 1
    var previousWasCR = false
    var iterator = body.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        if s == "\n" {
          if !previousWasCR { line += 1 }
          column = 1
        } else if s == "\r" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        previousWasCR = s == "\r"
      case .emptyInput:
        break loop
      case .error:
        throw NotebookError(SourceLocation(file: path, line: line, column: column),
                            "the notebook is not valid UTF-8 text here; expected UTF-8 (re-save the file as UTF-8)")
      }
    }
    throw NotebookError(SourceLocation(file: path, line: 1, column: 1), "the notebook is not valid UTF-8 text")
  }

  /// The name of the encoding announced by a UTF-16 or UTF-32 byte-order mark, if any.
  static func foreignEncoding(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
    if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
    if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
    return nil
  }

  /// `text` with every CRLF and every lone CR replaced by LF, and a leading
  /// byte-order mark (U+FEFF) dropped.
  ///
  /// Line ends are normalized once, before anything else reads the text, so
  /// every later stage (front matter, libcmark, YAML, inline values) sees one
  /// convention, line numbers stay exact (each CRLF or CR ends exactly one
  /// line) and columns are unchanged (they never count the line end). The
  /// report of a CRLF copy of a notebook is byte-identical to the LF one's.
  ///
  /// Works on UTF-8 bytes: in a Swift `String`, `"\r\n"` is a single
  /// `Character`, so splitting text on the `Character` `"\n"` finds no line
  /// ends at all in a CRLF file.
  /// - Complexity: O(n); returns `text` itself when it has no CR and no BOM.
  public static func normalizingLineEndings(_ text: String) -> String {
    var utf8 = Substring(text).utf8[...]
    if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
    guard utf8.contains(0x0D) || utf8.count != text.utf8.count else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count)
    var previousWasCR = false
    for byte in utf8 {
      if byte == 0x0D {
        out.append(0x0A)
        previousWasCR = true
        continue
      }
      if byte == 0x0A, previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = false
      out.append(byte)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
