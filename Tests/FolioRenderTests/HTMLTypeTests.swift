import Foundation
import XCTest

@testable import FolioRender

/// The `HTML` type is Folio's one escaping rule: text is escaped when it
/// becomes HTML, literals are Folio's markup, and only the allowed renderers
/// wrap markup unchecked.
final class HTMLTypeTests: XCTestCase {
  func testInterpolatedTextIsEscapedAndLiteralMarkupIsKept() {
    let value = "<img src=x onerror=alert(1)> & \"q\" 'a'"
    let html: HTML = "<td class=\"x\">\(value)</td>"
    XCTAssertEqual(html.markup, "<td class=\"x\">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;</td>")
  }

  func testInterpolatedHTMLIsInsertedAsIsAndNilInsertsNothing() {
    let inner: HTML = "<b>\("x<y")</b>"
    let none: HTML? = nil
    let html: HTML = "<p>\(inner)\(none)</p>"
    XCTAssertEqual(html.markup, "<p><b>x&lt;y</b></p>")
  }

  func testEscapingInitializerEscapesTheFiveCharacters() {
    XCTAssertEqual(HTML(escaping: "a&b<c>d\"e'f").markup, "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    XCTAssertEqual(HTML(escaping: "plain 1.5%").markup, "plain 1.5%")
  }

  func testIsolatedTextIsEscapedInsideBdi() {
    XCTAssertEqual(HTML.isolated("\u{202E}<x>").markup, "<bdi>\u{202E}&lt;x&gt;</bdi>")
    let label = "abc"
    let html: HTML = "Block '\(isolated: label)' failed"
    XCTAssertEqual(html.markup, "Block '<bdi>abc</bdi>' failed")
  }

  func testConcatenationAndJoinKeepMarkup() {
    let parts: [HTML] = ["<i>1</i>", "\("<2>")"]
    XCTAssertEqual(parts.joined(separator: " · ").markup, "<i>1</i> · &lt;2&gt;")
    var h: HTML = "<p>"
    h += "\(3)</p>"
    XCTAssertEqual((h + "!").markup, "<p>3</p>!")
  }

  func testStyleSheetCannotCloseTheStyleElement() {
    let css = HTML.styleSheet("p{color:red}</style><script>alert(1)</script>")
    XCTAssertFalse(css.markup.lowercased().contains("</style"), css.markup)
    XCTAssertFalse(css.markup.contains("<"), css.markup)
    XCTAssertEqual(HTML.styleSheet("a > b { x: 1 }").markup, "a > b { x: 1 }")
  }

  /// `init(uncheckedMarkup:)` wraps markup without escaping: only the
  /// renderers that make markup themselves may call it (libcmark output, the
  /// SVG writer's buffer, the HTML type's own helpers and redaction, which
  /// only deletes characters inside URLs).
  func testOnlyTheMarkupRenderersWrapUncheckedMarkup() throws {
    let sources = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources")
    let allowed: Set<String> = [
      "FolioRender/HTML/HTML.swift", "FolioRender/Markdown/MarkdownRenderer.swift",
      "FolioRender/Markdown/RenderedMarkdown.swift", "FolioRender/Charts/SVGWriter.swift",
      "FolioRender/HTML/HTML+Redaction.swift",
    ]
    var callers: Set<String> = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      let text = try String(contentsOf: url, encoding: .utf8)
      if text.contains("uncheckedMarkup:") {
        callers.insert(String(url.path.dropFirst(sources.path.count + 1)))
      }
    }
    XCTAssertFalse(callers.isEmpty, "the scan found the callers")
    XCTAssertEqual(callers.subtracting(allowed), [], "files that wrap markup without escaping")
  }
}
