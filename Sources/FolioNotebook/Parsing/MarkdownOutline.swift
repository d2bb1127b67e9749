import _FolioCMark

/// A CommonMark document as libcmark parses it, copied into values: every
/// node in document order with its type, literal text and source lines.
///
/// The notebook layer reads structure from here and never splits markdown by
/// hand, so a fence inside an HTML comment, a block quote or a list item is
/// exactly what CommonMark says it is. (libcmark's inline columns are not
/// used: on lazy continuation lines they are off by the container prefix;
/// block start and end lines are exact.)
struct MarkdownOutline {
  struct Node {
    var type: cmark_node_type
    /// Text of text, code, code-block and HTML nodes ("" for others).
    var literal: String
    /// Destination and title of links and images ("" for others).
    var url: String
    var title: String
    /// Info string of a fenced code block, as libcmark reads it (unescaped, trimmed).
    var fenceInfo: String
    /// 1-based source lines of the node (block nodes; inline nodes report their paragraph's lines at best).
    var startLine: Int
    var endLine: Int
    /// 1-based byte column where a block node starts (after its container prefixes).
    var startColumn: Int
    /// Types of the enclosing nodes, innermost first, without the document.
    var ancestors: [cmark_node_type]

    /// Whether this is a block directly under the document.
    var isTopLevel: Bool { ancestors.isEmpty }

    var isCodeBlock: Bool { type == CMARK_NODE_CODE_BLOCK }
    var isText: Bool { type == CMARK_NODE_TEXT }
  }

  var nodes: [Node]

  /// Parses `text` (LF line ends) as one CommonMark document.
  init(_ text: String) {
    nodes = []
    let root: OpaquePointer? = text.utf8CString.withUnsafeBufferPointer { buffer in
      cmark_parse_document(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT)
    }
    guard let root else { return }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iterator) }
    var stack: [cmark_node_type] = []
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_DOCUMENT { continue }
      if event == CMARK_EVENT_EXIT {
        if !stack.isEmpty { stack.removeLast() }
        continue
      }
      nodes.append(Node(
        type: type,
        literal: Self.string(cmark_node_get_literal(node)),
        url: Self.string(cmark_node_get_url(node)),
        title: Self.string(cmark_node_get_title(node)),
        fenceInfo: type == CMARK_NODE_CODE_BLOCK ? Self.string(cmark_node_get_fence_info(node)) : "",
        startLine: Int(cmark_node_get_start_line(node)),
        endLine: Int(cmark_node_get_end_line(node)),
        startColumn: Int(cmark_node_get_start_column(node)),
        ancestors: Array(stack.reversed())))
      // Leaf nodes get no EXIT event from libcmark's iterator.
      if Self.hasChildren(type) { stack.append(type) }
    }
  }

  /// Node types libcmark iterates with ENTER and EXIT events.
  private static func hasChildren(_ type: cmark_node_type) -> Bool {
    switch type {
    case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
      CMARK_NODE_HTML_INLINE, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
      return false
    default:
      return true
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// "a block quote" or "a list item": the innermost container of `node`, for messages.
  static func containerName(_ node: Node) -> String {
    for type in node.ancestors {
      if type == CMARK_NODE_BLOCK_QUOTE { return "a block quote" }
      if type == CMARK_NODE_ITEM { return "a list item" }
    }
    return "a container block"
  }
}
