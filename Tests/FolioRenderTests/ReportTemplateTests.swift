import FolioData
import Foundation
import XCTest

@testable import FolioRender

final class ReportTemplateTests: XCTestCase {
  private let minimalTemplate = """
    <title>{{title}}</title><style>{{{css}}}</style>{{#subtitle}}<p class="sub">{{.}}</p>{{/subtitle}}
    <main>{{{bodyHTML}}}</main>
    """

  private func page(
    title: String = "Lift", subtitle: String? = nil, bodyHTML: HTML = "<p>x</p>",
    failed: Int = 0, seed: UInt64? = nil
  ) -> ReportPage {
    ReportPage(
      title: title, subtitle: subtitle, bodyHTML: bodyHTML,
      provenance: .init(
        folioVersion: "0.1.0", notebookName: "n.md", notebookSHA256: "abc", seed: seed,
        generatedBy: "folio render n.md"),
      status: .init(blocksRun: 3, blocksFailed: failed))
  }

  func testPlainTextFieldsAreEscapedAndHTMLFieldsInsertedVerbatim() throws {
    let template = try ReportTemplate(template: minimalTemplate, stylesheet: "p{color:red}")
    let html = template.render(page(title: "ROI <Q1> & \"spend\"", subtitle: "a'b", bodyHTML: "<p>x &amp; y</p>"))
    XCTAssertEqual(
      html,
      "<title>ROI &lt;Q1&gt; &amp; &quot;spend&quot;</title><style>p{color:red}</style><p class=\"sub\">a&#39;b</p>\n<main><p>x &amp; y</p></main>"
    )
  }

  func testEmptySubtitleIsOmittedAndPageCSSIsAppendedAfterStylesheet() throws {
    let template = try ReportTemplate(template: minimalTemplate, stylesheet: "a{}")
    var p = page(subtitle: "")
    p.css = ".extra{}"
    XCTAssertEqual(template.render(p), "<title>Lift</title><style>a{}\n.extra{}</style>\n<main><p>x</p></main>")
  }

  func testStandardTemplateInlinesItsStylesheetAndEscapesTitle() throws {
    let template = try ReportTemplate.standard()
    let html = template.render(page(title: "A <b> & C"))
    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n"))
    XCTAssertTrue(html.contains("<title>A &lt;b&gt; &amp; C</title>"))
    XCTAssertTrue(html.contains("<h1 class=\"report-title\" dir=\"auto\">A &lt;b&gt; &amp; C</h1>"))
    XCTAssertTrue(html.contains("<style>\n" + template.stylesheet + "\n</style>"))
    XCTAssertTrue(template.stylesheet.contains("@media print"))
    XCTAssertFalse(html.contains("<b>"))
  }

  func testStandardTemplateOmitsAbsentOptionalParts() throws {
    let html = try ReportTemplate.standard().render(page())
    for absent in [
      "class=\"report-subtitle\"", "class=\"report-byline\"", "<nav class=\"toc\"", "class=\"run-status\"", "Random seed", "<dt>Inputs</dt>", "<dt>Parameters</dt>"] {
      XCTAssertFalse(html.contains(absent), absent)
    }
    XCTAssertTrue(html.contains("<dt>Blocks</dt>\n<dd>3 run, 0 failed</dd>"))
  }

  func testProvenanceListsInputsParametersAndSeed() throws {
    var p = page(failed: 1, seed: 42)
    p.provenance.inputs = [.init(path: "data/a&b.csv", sha256: "ff00")]
    p.provenance.params = [.init(name: "region", value: "<EU>")]
    p.toc = [.init(level: 2, text: "Fit & lift", id: "fit--lift")]
    let html = try ReportTemplate.standard().render(p)
    XCTAssertTrue(html.contains("<li><code>data/a&amp;b.csv</code> <span class=\"hash\">sha256:ff00</span></li>"))
    XCTAssertTrue(html.contains("<li><code>region</code> = <code dir=\"auto\">&lt;EU&gt;</code></li>"))
    XCTAssertTrue(html.contains("<dt>Random seed</dt>\n<dd><code>42</code></dd>"))
    XCTAssertTrue(html.contains("<li class=\"toc-level-2\"><a href=\"#fit--lift\">Fit &amp; lift</a></li>"))
    XCTAssertTrue(html.contains("⚠ 1 of 3 blocks failed"))
  }

  func testOutputHasNoNetworkFetches() throws {
    let html = try ReportTemplate.standard().render(ReportSamplePage.page())
    let pattern = #"(?i)(src|href|action|poster|srcset)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?(https?:)?//|<script|<link\b"#
    let regex = try NSRegularExpression(pattern: pattern)
    let matches = regex.matches(in: html, range: NSRange(html.startIndex..., in: html))
    XCTAssertEqual(matches.count, 0, matches.map { (html as NSString).substring(with: $0.range) }.joined(separator: ", "))
  }

  func testRenderingIsDeterministic() throws {
    let template = try ReportTemplate.standard()
    XCTAssertEqual(template.render(ReportSamplePage.page()), template.render(ReportSamplePage.page()))
  }

  func testSyntaxErrorReportsFileLineAndColumn() {
    XCTAssertThrowsError(
      try ReportTemplate(template: "<p>\n{{#toc}}\n<li>{{text}}</li>\n", stylesheet: "", fileName: "r.mustache")
    ) { error in
      XCTAssertEqual(
        (error as? ReportTemplateError)?.description,
        "r.mustache:4:1: error: invalid mustache template: section is never closed (expected '{{/name}}')")
    }
    XCTAssertThrowsError(try ReportTemplate(template: "a\n  {{#a}}{{/b}}", stylesheet: "", fileName: "r.mustache")) {
      error in
      XCTAssertEqual(
        (error as? ReportTemplateError)?.description,
        "r.mustache:2:12: error: invalid mustache template: section closed with a different name than it was opened with")
    }
  }

  func testMissingTemplateOrStylesheetIsATypedError() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-template-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let templatePath = directory.appendingPathComponent("r.mustache").path

    XCTAssertThrowsError(try ReportTemplate(templatePath: templatePath)) { error in
      XCTAssertEqual(error as? ReportTemplateError, .missingFile(path: templatePath))
      XCTAssertEqual("\(error)", "error: report template file '\(templatePath)' not found")
    }
    try "{{title}}".write(toFile: templatePath, atomically: true, encoding: .utf8)
    let cssPath = directory.appendingPathComponent("r.css").path
    XCTAssertThrowsError(try ReportTemplate(templatePath: templatePath)) { error in
      XCTAssertEqual(error as? ReportTemplateError, .missingFile(path: cssPath))
    }
    try "b{}".write(toFile: cssPath, atomically: true, encoding: .utf8)
    XCTAssertEqual(try ReportTemplate(templatePath: templatePath).render(page(title: "T&")), "T&amp;")
  }
}
