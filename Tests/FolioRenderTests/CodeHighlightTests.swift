import XCTest

@testable import FolioRender

final class CodeHighlightTests: XCTestCase {
  private func html(_ code: String, _ language: String) -> String? {
    CodeHighlighter.highlight(code, infoString: language)
  }

  func testPythonKeywordsStringsNumbersAndComments() {
    XCTAssertEqual(
      html("def lift(x):\n    return x * 1.5e-3  # per <unit>\ns = f\"a&b\"", "python"),
      "<span class=\"tok-kw\">def</span> lift(x):\n    <span class=\"tok-kw\">return</span> x * <span class=\"tok-num\">1.5e-3</span>  <span class=\"tok-com\"># per &lt;unit&gt;</span>\ns = <span class=\"tok-str\">f&quot;a&amp;b&quot;</span>"
    )
  }

  func testPythonTripleQuotedStringSpansLines() {
    XCTAssertEqual(
      html("x = \"\"\"a\nb\"\"\"", "py"),
      "x = <span class=\"tok-str\">&quot;&quot;&quot;a\nb&quot;&quot;&quot;</span>")
  }

  func testSQLKeywordsAreCaseInsensitiveAndQuotesDouble() {
    XCTAssertEqual(
      html("SELECT region, sum(spend) -- total\nFROM t WHERE name = 'it''s' /* x */", "sql"),
      "<span class=\"tok-kw\">SELECT</span> region, sum(spend) <span class=\"tok-com\">-- total</span>\n<span class=\"tok-kw\">FROM</span> t <span class=\"tok-kw\">WHERE</span> name = <span class=\"tok-str\">&#39;it&#39;&#39;s&#39;</span> <span class=\"tok-com\">/* x */</span>"
    )
  }

  func testRNamesWithDotsAreNotSplitIntoKeywords() {
    XCTAssertEqual(
      html("if (is.na(x)) x <- TRUE", "r"),
      "<span class=\"tok-kw\">if</span> (is.na(x)) x &lt;- <span class=\"tok-kw\">TRUE</span>")
  }

  func testYAMLCommentNeedsPrecedingSpace() {
    XCTAssertEqual(
      html("family: poisson # count\nurl: a#b\nalpha: 0.05\nintercept: true", "yaml"),
      "family: poisson <span class=\"tok-com\"># count</span>\nurl: a#b\nalpha: <span class=\"tok-num\">0.05</span>\nintercept: <span class=\"tok-kw\">true</span>"
    )
  }

  func testJSONStringsNumbersAndLiterals() {
    XCTAssertEqual(
      html("{\"a\": -1.5, \"b\": null}", "json"),
      "{<span class=\"tok-str\">&quot;a&quot;</span>: -<span class=\"tok-num\">1.5</span>, <span class=\"tok-str\">&quot;b&quot;</span>: <span class=\"tok-kw\">null</span>}"
    )
  }

  func testBashDollarHashIsNotAComment() {
    XCTAssertEqual(
      html("if [ $# -gt 0 ]; then echo 'ok'; fi # done", "sh"),
      "<span class=\"tok-kw\">if</span> [ $# -gt <span class=\"tok-num\">0</span> ]; <span class=\"tok-kw\">then</span> echo <span class=\"tok-str\">&#39;ok&#39;</span>; <span class=\"tok-kw\">fi</span> <span class=\"tok-com\"># done</span>"
    )
  }

  func testSwiftLineAndBlockComments() {
    XCTAssertEqual(
      html("let n = 0x1F // hex\n/* a */ var s = \"\\\"q\"", "swift"),
      "<span class=\"tok-kw\">let</span> n = <span class=\"tok-num\">0x1F</span> <span class=\"tok-com\">// hex</span>\n<span class=\"tok-com\">/* a */</span> <span class=\"tok-kw\">var</span> s = <span class=\"tok-str\">&quot;\\&quot;q&quot;</span>"
    )
  }

  func testUnknownLanguageIsNotHighlighted() {
    XCTAssertNil(html("x", "cobol"))
    XCTAssertFalse(CodeHighlighter.supports(infoString: ""))
    XCTAssertTrue(CodeHighlighter.supports(infoString: "YML title=\"x\""))
  }

  func testFencedBlockInMarkdownIsHighlightedAndUnknownIsPlainEscaped() {
    XCTAssertEqual(
      MarkdownRenderer.render("```python\nimport x\n```\n\n```text\na < b\n```\n").html,
      "<pre><code class=\"language-python\"><span class=\"tok-kw\">import</span> x\n</code></pre>\n<pre><code class=\"language-text\">a &lt; b\n</code></pre>\n"
    )
  }
}
