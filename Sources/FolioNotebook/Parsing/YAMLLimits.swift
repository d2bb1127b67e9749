import CYaml
import FolioData

/// Limits on the YAML of a notebook (front matter and directive bodies),
/// enforced on libyaml's event stream before any tree is built.
///
/// Why before: an alias bomb (`a: &a [x, x]`, `b: &b [*a, *a]`, … ten levels
/// deep) is a few hundred bytes whose expanded tree has billions of nodes. A
/// check on the composed tree comes too late: building or walking it already
/// takes minutes and gigabytes. The event stream (libyaml's `yaml_parser_parse`,
/// the C library inside Yams, which Yams itself only exposes composed) holds
/// each alias as one `ALIAS` event, so rejecting it there costs nothing.
///
/// - Anchors (`&name`) and aliases (`*name`) are rejected at their position:
///   notebook options are short, and a value written out is easier to read.
/// - Nesting deeper than ``maxDepth`` sequences/mappings is rejected at the
///   node that crosses it (Yams composes recursively; this bounds its stack).
/// - A document larger than ``maxBytes`` is rejected at its first line, unread.
///
/// Syntax errors are not reported here: the pass stops and Yams, reading the
/// same text, reports them with its own message. The pass keeps no state but
/// the current depth: O(bytes) time, O(1) memory.
enum YAMLLimits {
  /// Largest front matter or directive body read, in UTF-8 bytes (256 KiB;
  /// the shipped notebooks' largest block is under 2 KiB).
  static let maxBytes = 256 * 1024
  /// Deepest nesting of sequences and mappings (the shipped notebooks use 4).
  static let maxDepth = 64

  /// Throws the first limit `text` breaks, located in the notebook.
  /// - Parameters:
  ///   - firstLine: the notebook line on which `text` starts (1-based).
  static func check(_ text: String, file: String, firstLine: Int) throws(NotebookError) {
    let size = text.utf8.count
    if size > maxBytes {
      throw NotebookError(
        SourceLocation(file: file, line: firstLine, column: 1),
        "YAML of \(size) bytes is too large; expected at most \(maxBytes) bytes (move data into a CSV file)")
    }
    let bytes = Array(text.utf8)
    if bytes.isEmpty { return }
    let problem: NotebookError? = bytes.withUnsafeBufferPointer { buffer in
      firstProblem(buffer, file: file, firstLine: firstLine)
    }
    if let problem { throw problem }
  }

  private static func firstProblem(_ buffer: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int)
    -> NotebookError?
  {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var depth = 0
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { return nil }  // syntax: Yams reports it
      defer { yaml_event_delete(&event) }
      let at = SourceLocation(
        file: file, line: firstLine + Int(event.start_mark.line), column: Int(event.start_mark.column) + 1)
      switch event.type {
      case YAML_ALIAS_EVENT:
        let name = anchorName(event.data.alias.anchor)
        return NotebookError(at, "YAML alias '*\(name)' is not supported in notebooks; expected the value written out")
      case YAML_SCALAR_EVENT:
        if let anchor = event.data.scalar.anchor { return anchorError(anchor, at: at) }
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        let anchor = event.type == YAML_SEQUENCE_START_EVENT
          ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
        if let anchor { return anchorError(anchor, at: at) }
        depth += 1
        if depth > maxDepth {
          return NotebookError(at, "YAML nested more than \(maxDepth) levels deep; expected at most \(maxDepth) levels of lists and mappings")
        }
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        depth -= 1
      case YAML_STREAM_END_EVENT:
        return nil
      default:
        break
      }
    }
  }

  private static func anchorError(_ anchor: UnsafeMutablePointer<yaml_char_t>, at: SourceLocation) -> NotebookError {
    NotebookError(at, "YAML anchor '&\(anchorName(anchor))' is not supported in notebooks; expected the value written out (anchors and aliases are not read)")
  }

  private static func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
    guard let pointer else { return "" }
    return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }
}
