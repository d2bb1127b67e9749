/// A fragment of HTML (or inline SVG) markup that is safe to put in a page.
///
/// This is the one escaping rule of Folio, enforced by the type: every string
/// that reaches a report goes through an `HTML` value, and the only ways to
/// make one are
///
/// - ``init(escaping:)`` and ``isolated(_:)``: text (from data, parameters,
///   options, inline values) escaped so it stays text;
/// - a string literal, `"<p class=\"note\">"`, or an interpolated literal,
///   `"<td>\(cell)</td>"`, where the literal parts are Folio's own markup
///   written in its source and every interpolated `String` is escaped
///   (interpolated `HTML` is inserted as is);
/// - the libcmark renderer's output, the SVG chart writer's buffer and the
///   report stylesheet, which wrap their own output with the internal
///   ``init(uncheckedMarkup:)`` (a test pins the files allowed to call it).
///
/// A `String` variable never converts to `HTML` implicitly.
public struct HTML: Sendable, Hashable, CustomStringConvertible {
  /// The markup, ready to be written to a page.
  public private(set) var markup: String

  /// Markup produced by a trusted renderer inside FolioRender (libcmark,
  /// ``SVGWriter``, the stylesheet). Never call this with text that came from
  /// outside FolioRender.
  init(uncheckedMarkup: String) {
    markup = uncheckedMarkup
  }

  /// `text` as HTML text: `& < > " '` become entities, so it is safe in
  /// element content and in quoted attribute values of HTML and SVG.
  public init(escaping text: String) {
    markup = HTMLEscape.escape(text)
  }

  /// `text` escaped and wrapped in `<bdi>`, so right-to-left text or bidi
  /// controls (U+202E …) in it cannot reorder the text around it.
  public static func isolated(_ text: String) -> HTML {
    HTML(uncheckedMarkup: "<bdi>" + HTMLEscape.escape(text) + "</bdi>")
  }

  /// No markup.
  public static let empty = HTML(uncheckedMarkup: "")

  public var isEmpty: Bool { markup.isEmpty }

  public var description: String { markup }

  public static func + (lhs: HTML, rhs: HTML) -> HTML {
    HTML(uncheckedMarkup: lhs.markup + rhs.markup)
  }

  public static func += (lhs: inout HTML, rhs: HTML) {
    lhs.markup += rhs.markup
  }

  /// This markup with every occurrence of the placeholder `token` (a marker
  /// Folio put in the text, such as a private-use character sequence)
  /// replaced by `replacement`.
  func replacingPlaceholder(_ token: String, with replacement: HTML) -> HTML {
    HTML(uncheckedMarkup: markup.replacingOccurrences(of: token, with: replacement.markup))
  }
}

extension HTML: ExpressibleByStringInterpolation {
  /// Literal parts are Folio's own markup; interpolated parts are escaped
  /// unless they are already `HTML`.
  public struct StringInterpolation: StringInterpolationProtocol {
    var markup = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      markup.reserveCapacity(literalCapacity + 16 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: StaticString) {
      markup += HTML.string(literal)
    }

    /// Text: escaped.
    public mutating func appendInterpolation(_ text: String) {
      markup += HTMLEscape.escape(text)
    }

    /// Markup: inserted as is.
    public mutating func appendInterpolation(_ html: HTML) {
      markup += html.markup
    }

    /// Optional markup: nothing for `nil`.
    public mutating func appendInterpolation(_ html: HTML?) {
      if let html { markup += html.markup }
    }

    /// An integer in decimal (digits and `-` need no escaping).
    public mutating func appendInterpolation(_ number: Int) {
      markup += String(number)
    }

    /// Text escaped and isolated in `<bdi>` (see ``HTML/isolated(_:)``).
    public mutating func appendInterpolation(isolated text: String) {
      markup += HTML.isolated(text).markup
    }
  }

  public init(stringLiteral literal: StaticString) {
    markup = HTML.string(literal)
  }

  public init(stringInterpolation: StringInterpolation) {
    markup = stringInterpolation.markup
  }

  private static func string(_ literal: StaticString) -> String {
    literal.hasPointerRepresentation
      ? literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
      : String(literal.unicodeScalar)
  }
}

extension Sequence where Element == HTML {
  /// The fragments one after another, with `separator` between them.
  public func joined(separator: HTML = .empty) -> HTML {
    var out = HTML.empty
    var first = true
    for fragment in self {
      if !first { out += separator }
      out += fragment
      first = false
    }
    return out
  }
}

extension HTML {
  /// A stylesheet for a `<style>` element: every `<` is written as the CSS
  /// escape `\3C ` so the text cannot close the element (`</style>`); a
  /// stylesheet has no other use for `<`.
  public static func styleSheet(_ css: String) -> HTML {
    HTML(uncheckedMarkup: css.replacingOccurrences(of: "<", with: "\\3C "))
  }
}
