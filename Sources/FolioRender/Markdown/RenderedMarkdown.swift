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
  public var html: String
  /// The h1–h4 headings in document order, with the ids used in `html`.
  public var headings: [Heading]

  public init(html: String, headings: [Heading]) {
    self.html = html
    self.headings = headings
  }
}
