import Foundation
import _FolioCMark

/// Thin helpers over libcmark's C API for one parsed document tree.
///
/// Nodes are `OpaquePointer`s owned by the tree; only ``MarkdownRenderer`` uses
/// them, inside a single call, and frees the root before returning.
enum CMark {
  /// `CMARK_OPT_UNSAFE` so raw HTML (SVG charts, `<span class="inline-error">`)
  /// passes through. `CMARK_OPT_SMART` is deliberately off: analytics prose quotes
  /// column names and values (`"spend"`, `--flag`, `5--10`) that must appear
  /// exactly as typed, matching the tables and CSV files a reader searches.
  static let options: Int32 = CMARK_OPT_UNSAFE

  /// Parses `text` as a CommonMark document; `nil` only if libcmark cannot allocate.
  static func parse(_ text: String) -> OpaquePointer? {
    text.utf8CString.withUnsafeBufferPointer { buffer in
      cmark_parse_document(buffer.baseAddress, buffer.count - 1, options)
    }
  }

  /// The HTML of `node` and its descendants.
  static func html(_ node: OpaquePointer) -> String {
    guard let raw = cmark_render_html(node, options) else { return "" }
    defer { free(raw) }
    return String(cString: raw)
  }

  static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

  static func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// Every node of the tree under `root`, in document order (pre-order).
  static func nodes(under root: OpaquePointer) -> [OpaquePointer] {
    guard let iterator = cmark_iter_new(root) else { return [] }
    defer { cmark_iter_free(iterator) }
    var result: [OpaquePointer] = []
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
        let node = cmark_iter_get_node(iterator)
      {
        result.append(node)
      }
    }
    return result
  }

  /// The direct children of `node`.
  static func children(_ node: OpaquePointer) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      result.append(current)
      child = cmark_node_next(current)
    }
    return result
  }

  /// Replaces `node` in its tree by a raw HTML block holding `html`, and frees `node`.
  static func replace(_ node: OpaquePointer, withHTMLBlock html: String) {
    guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
    cmark_node_set_literal(block, html)
    if cmark_node_replace(node, block) == 1 {
      cmark_node_free(node)
    } else {
      cmark_node_free(block)
    }
  }

  /// The text of `node` without markup: text and code literals, line breaks as
  /// spaces, raw inline HTML dropped.
  static func plainText(_ node: OpaquePointer) -> String {
    var text = ""
    for child in nodes(under: node) {
      switch type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(child)
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
      default: break
      }
    }
    return text
  }

  /// How many block quotes enclose `node`.
  static func blockQuoteDepth(_ node: OpaquePointer) -> Int {
    var depth = 0
    var parent = cmark_node_parent(node)
    while let current = parent {
      if type(current) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
      parent = cmark_node_parent(current)
    }
    return depth
  }
}

extension CMark {
  /// The ancestor of `node` directly under the document (the node itself when it is top-level).
  static func topLevelAncestor(_ node: OpaquePointer) -> OpaquePointer? {
    var current = node
    while let parent = cmark_node_parent(current) {
      if type(parent) == CMARK_NODE_DOCUMENT { return current }
      current = parent
    }
    return nil
  }
}
