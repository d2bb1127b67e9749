import Foundation
import XCTest

@testable import FolioRender

/// The shipped templates can emit unescaped output only for ``HTML`` values:
/// every triple mustache (`{{{name}}}`, `{{& name}}`) names a key whose value
/// in the template data is ``HTML``, and no template turns escaping off.
final class ReportTemplateContractTests: XCTestCase {
  static let templatesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates")

  /// A page with every optional part present, so every key a template can name exists.
  static func fullPage() -> ReportPage {
    var page = ReportSamplePage.page()
    page.provenance.params = [.init(name: "p", value: "v")]
    page.provenance.inputs = [.init(path: "d.csv", sha256: "00")]
    page.provenance.seed = 1
    page.status.blocksFailed = 1
    page.css = "p{}"
    return page
  }

  /// Every tag of `template`: (kind, name), kind being `{`, `&`, `#`, `^`, `/`, `%`, `!`, `>` or `` for a variable.
  static func tags(_ template: String) -> [(kind: String, name: String)] {
    var result: [(String, String)] = []
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
      let afterOpen = rest[open.upperBound...]
      let triple = afterOpen.hasPrefix("{")
      let closeToken = triple ? "}}}" : "}}"
      guard let close = afterOpen.range(of: closeToken) else { break }
      var body = afterOpen[..<close.lowerBound]
      if triple { body = body.dropFirst() }
      body = body.drop(while: { $0 == " " })
      var kind = triple ? "{" : ""
      if !triple, let first = body.first, "&#^/%!>".contains(first) {
        kind = String(first)
        body = body.dropFirst()
      }
      result.append((kind, body.trimmingCharacters(in: .whitespaces)))
      rest = afterOpen[close.upperBound...]
    }
    return result
  }

  /// The value `name` resolves to inside the open sections `stack`, as mustache looks it up.
  static func resolve(_ name: String, in stack: [Any]) -> Any? {
    if name == "." { return stack.last }
    let parts = name.split(separator: ".").map(String.init)
    for context in stack.reversed() {
      guard let dict = context as? [String: Any], let first = dict[parts[0]] else { continue }
      var value: Any? = first
      for part in parts.dropFirst() { value = (value as? [String: Any])?[part] }
      return value
    }
    return nil
  }

  func testShippedTemplatesEmitRawOnlyHTMLValuesAndNeverDisableEscaping() throws {
    let data = Self.fullPage().templateData(stylesheet: "body{}")
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.templatesDirectory.path)
      .filter { $0.hasSuffix(".mustache") }
    XCTAssertFalse(files.isEmpty)
    for file in files {
      let text = try String(contentsOf: Self.templatesDirectory.appendingPathComponent(file), encoding: .utf8)
      var stack: [Any] = [data]
      var raw = 0
      for tag in Self.tags(text) {
        switch tag.kind {
        case "%":
          XCTFail("\(file): pragma {{% \(tag.name)}} (a CONTENT_TYPE pragma would turn escaping off)")
        case "#", "^":
          var value = Self.resolve(tag.name, in: stack)
          if let array = value as? [Any] { value = array.first }
          stack.append(value ?? [String: Any]())
        case "/":
          stack.removeLast()
        case "{", "&":
          raw += 1
          let value = Self.resolve(tag.name, in: stack)
          XCTAssertTrue(value is HTML, "\(file): {{{\(tag.name)}}} is \(value.map { "\(type(of: $0))" } ?? "missing"), not HTML")
        default:
          break
        }
      }
      XCTAssertGreaterThan(raw, 0, "\(file): the scan found the raw slots")
    }
  }

  func testTheScanFindsAStringInARawSlot() {
    let tags = Self.tags("<p>{{{title}}}</p>{{#s}}{{& .}}{{/s}}")
    let data: [String: Any] = ["title": "x", "s": HTML(escaping: "y")]
    XCTAssertEqual(tags.map(\.kind), ["{", "#", "&", "/"])
    XCTAssertFalse(Self.resolve("title", in: [data]) is HTML, "a String in a raw slot is caught")
    XCTAssertTrue(Self.resolve(".", in: [data, data["s"]!]) is HTML)
  }

  func testEveryReportCarriesAContentSecurityPolicyThatAllowsNoScriptAndNoNetwork() throws {
    let html = try ReportTemplate.standard().render(Self.fullPage())
    let policy = try XCTUnwrap(
      html.range(of: "<meta http-equiv=\"Content-Security-Policy\" content=\"").map { start in
        String(html[start.upperBound...].prefix(while: { $0 != "\"" }))
      })
    let directives = Dictionary(uniqueKeysWithValues: policy.split(separator: ";").map { d -> (String, String) in
      let words = d.split(separator: " ")
      return (String(words[0]), words.dropFirst().joined(separator: " "))
    })
    XCTAssertEqual(directives["default-src"], "'none'")
    XCTAssertNil(directives["script-src"], "no script source: default-src 'none' allows none")
    XCTAssertEqual(directives["img-src"], "data:")
    XCTAssertEqual(directives["style-src"], "'unsafe-inline'")
    XCTAssertEqual(directives["base-uri"], "'none'")
    XCTAssertFalse(html.contains("<script"), "a report has no script of its own")
    let head = try XCTUnwrap(html.range(of: "</head>"))
    XCTAssertLessThan(try XCTUnwrap(html.range(of: "Content-Security-Policy")).lowerBound, head.lowerBound)
  }
}
