import XCTest

@testable import FolioRender

final class MarkdownRendererTests: XCTestCase {
  func testParagraphEmphasisAndLinkRenderAsCommonMark() {
    XCTAssertEqual(
      MarkdownRenderer.render("Lift is *large* in [Q3](#q3).").html,
      "<p>Lift is <em>large</em> in <a href=\"#q3\">Q3</a>.</p>\n")
  }

  func testRawHTMLPassesThroughUnescaped() {
    let markdown = "Spend <span class=\"inline-error\" title=\"x\">⚠ unknown name 'x'</span> here.\n\n<figure class=\"chart\"><svg width=\"10\"></svg></figure>\n"
    XCTAssertEqual(
      MarkdownRenderer.render(markdown).html,
      "<p>Spend <span class=\"inline-error\" title=\"x\">⚠ unknown name 'x'</span> here.</p>\n<figure class=\"chart\"><svg width=\"10\"></svg></figure>\n"
    )
  }

  func testSmartPunctuationIsOffSoQuotesAndDashesStayAsTyped() {
    XCTAssertEqual(
      MarkdownRenderer.render("\"spend\" -- 5--10 'it's'").html,
      "<p>&quot;spend&quot; -- 5--10 'it's'</p>\n")
  }

  func testHeadingsGetGitHubStyleSlugIDsAndAreReturnedInOrder() {
    let rendered = MarkdownRenderer.render(
      "# Campaign *Lift*\n\n## ROI: 2024 vs. 2023\n\n### `glm` fit\n\n#### Notes\n\n##### Deep\n")
    XCTAssertEqual(
      rendered.html,
      "<h1 id=\"campaign-lift\">Campaign <em>Lift</em></h1>\n<h2 id=\"roi-2024-vs-2023\">ROI: 2024 vs. 2023</h2>\n<h3 id=\"glm-fit\"><code>glm</code> fit</h3>\n<h4 id=\"notes\">Notes</h4>\n<h5>Deep</h5>\n"
    )
    XCTAssertEqual(
      rendered.headings,
      [
        Heading(level: 1, text: "Campaign Lift", id: "campaign-lift"),
        Heading(level: 2, text: "ROI: 2024 vs. 2023", id: "roi-2024-vs-2023"),
        Heading(level: 3, text: "glm fit", id: "glm-fit"),
        Heading(level: 4, text: "Notes", id: "notes"),
      ])
  }

  func testDuplicateHeadingsGetNumberedSuffixes() {
    let rendered = MarkdownRenderer.render("## Results\n\n## Results\n\nResults\n-------\n")
    XCTAssertEqual(rendered.headings.map(\.id), ["results", "results-1", "results-2"])
  }

  func testSluggerSharedAcrossDocumentsAndReservedIDsStaysUnique() {
    var slugger = HeadingSlugger(reserved: ["summary"])
    let first = MarkdownRenderer.render("# Summary\n", slugger: &slugger)
    let second = MarkdownRenderer.render("# Summary\n", slugger: &slugger)
    XCTAssertEqual(first.headings.map(\.id), ["summary-1"])
    XCTAssertEqual(second.headings.map(\.id), ["summary-2"])
  }

  func testSlugKeepsUnicodeLettersAndDropsPunctuation() {
    XCTAssertEqual(HeadingSlugger.slug("Über-Rendite (Q1) — 10%"), "über-rendite-q1--10")
    XCTAssertEqual(HeadingSlugger.slug("snake_case Name"), "snake_case-name")
    XCTAssertEqual(HeadingSlugger.slug("???"), "section")
  }

  func testHeadingWithAngleBracketsIsEscapedInHTMLAndPlainInTOC() {
    let rendered = MarkdownRenderer.render("## a < b & c\n")
    XCTAssertEqual(rendered.html, "<h2 id=\"a--b--c\">a &lt; b &amp; c</h2>\n")
    XCTAssertEqual(rendered.headings.first?.text, "a < b & c")
  }

  func testRenderInlineDropsParagraphWrapper() {
    XCTAssertEqual(MarkdownRenderer.renderInline("Weekly **spend** by `channel`"),
      "Weekly <strong>spend</strong> by <code>channel</code>")
  }

  func testRenderInlineKeepsBlockStartsAsText() {
    XCTAssertEqual(MarkdownRenderer.renderInline("1. Lift"), "1. Lift")
    XCTAssertEqual(MarkdownRenderer.renderInline("# 3 channels"), "# 3 channels")
    XCTAssertEqual(MarkdownRenderer.renderInline("- minus"), "- minus")
    XCTAssertEqual(MarkdownRenderer.renderInline("> 5%"), "&gt; 5%")
    XCTAssertEqual(MarkdownRenderer.renderInline("*emphasis* stays"), "<em>emphasis</em> stays")
    XCTAssertEqual(MarkdownRenderer.renderInline(""), "")
  }

  func testRenderIsDeterministic() {
    let markdown = "# A\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```\n"
    XCTAssertEqual(MarkdownRenderer.render(markdown), MarkdownRenderer.render(markdown))
  }
}

/// CRLF and CR markdown renders like LF; the CRLF front-matter-like input
/// of issue 13 used to trap in `MarkdownSource` (an invalid line range).
final class MarkdownLineEndingTests: XCTestCase {
  func testIssueReproductionCRLFTextWithBlocksOnLaterLinesRendersLikeLF() {
    let lf = "---\ntitle: Case\n---\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[x]: http://e.com\n"
    let reference = MarkdownRenderer.render(lf)
    XCTAssertEqual(reference.html.markup.components(separatedBy: "<table>").count, 2, reference.html.markup)
    for ending in ["\r\n", "\r"] {
      XCTAssertEqual(MarkdownRenderer.render(lf.replacingOccurrences(of: "\n", with: ending)), reference, ending.debugDescription)
    }
  }

  func testSourceLinesSplitLikeLibcmark() {
    XCTAssertEqual(MarkdownSource("a\r\nb\rc\n\nd").lines, ["a", "b", "c", "", "d"])
  }
}
