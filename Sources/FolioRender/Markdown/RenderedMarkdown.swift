import Foundation

/// A heading of a rendered markdown document, for building a table of contents.
public struct Heading: Sendable, Hashable {
  /// 1 for `#`, up to 4 for `####` (only h1–h4 get ids and are reported).
  public var level: Int
  /// The heading's text without markup (`**Lift** by _region_` → `Lift by region`).
  public var text: String
  /// The unique `id` attribute the heading carries in the HTML (`lift-by-region`).
  public var id: String

  public init(level: Int, text: String, id: String) {
    self.level = level
    self.text = text
    self.id = id
  }
}

/// The result of rendering a markdown document: HTML plus the headings found in it.
public struct RenderedMarkdown: Sendable, Hashable {
  /// The HTML fragment (block elements, no `<html>`/`<body>` wrapper).
  public var html: HTML
  /// The h1–h4 headings in document order, with the ids used in `html`.
  public var headings: [Heading]

  public init(html: HTML, headings: [Heading]) {
    self.html = html
    self.headings = headings
  }
}

/// Rendered markdown whose h1–h4 ids are not assigned yet: each heading
/// carries a numbered token in its `id` attribute until ``finish(slugger:)``.
///
/// Ids come from a page-wide ``HeadingSlugger`` in page order; a piece of a
/// document rendered ahead of time (``MarkdownRenderer/renderDocument(_:)``)
/// takes its ids when the page reaches it.
public struct PendingMarkdown: Sendable {
  var html: String
  /// Level and plain text of each h1–h4, in order; heading `i` has token `firstHeading + i`.
  var headings: [(level: Int, text: String)]
  var firstHeading: Int

  static let idOpen: Character = "\u{E012}"
  static let idClose: Character = "\u{E013}"
  static func idToken(_ n: Int) -> String { "\(idOpen)\(n)\(idClose)" }

  /// Assigns each heading its unique id from `slugger`, in order.
  public func finish(slugger: inout HeadingSlugger) -> RenderedMarkdown {
    var html = self.html
    var result: [Heading] = []
    for (i, h) in headings.enumerated() {
      let id = slugger.uniqueID(for: h.text)
      html = html.replacingOccurrences(of: Self.idToken(firstHeading + i), with: HTMLEscape.escape(id))
      result.append(Heading(level: h.level, text: h.text, id: id))
    }
    return RenderedMarkdown(html: HTML(uncheckedMarkup: html), headings: result)
  }
}
