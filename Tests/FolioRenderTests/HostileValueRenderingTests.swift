import FolioData
import FolioNotebook
import Foundation
import XCTest

@testable import FolioRender

/// Values from data reach the page as text, isolated from the text around
/// them; link targets from data cannot run code; connection strings in error
/// messages lose their password.
final class HostileValueRenderingTests: XCTestCase {
  private func body(_ notebook: String, files: [String: String] = [:]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let nb = try NotebookParser.parse(notebook, path: "nb.md")
    let doc = Executor().run(nb, baseDirectory: dir.path)
    var renderer = DocumentRenderer(reportStem: "nb")
    let page = renderer.page(for: doc, generatedBy: "test")
    return page.bodyHTML.markup + (page.summaryHTML?.markup ?? "")
  }

  func testDangerousLinkTargetsAreEmptiedAndOthersKept() {
    let cases: [(String, String)] = [
      ("[x](javascript:alert(1))", "<a href=\"\">x</a>"),
      ("[x](<JaVaScRiPt:alert(1)>)", "<a href=\"\">x</a>"),
      ("[x](&#106;avascript:alert(1))", "<a href=\"\">x</a>"),
      ("[x](vbscript:msgbox)", "<a href=\"\">x</a>"),
      ("[x](file:///etc/passwd)", "<a href=\"\">x</a>"),
      ("[x](data:text/html,<script>)", "<a href=\"\">x</a>"),
      ("![i](data:image/png;base64,AAAA)", "<img src=\"data:image/png;base64,AAAA\" alt=\"i\" />"),
      ("[x](https://example.com/a)", "<a href=\"https://example.com/a\">x</a>"),
      ("[x](#fig-1)", "<a href=\"#fig-1\">x</a>"),
    ]
    for (markdown, expected) in cases {
      XCTAssertEqual(MarkdownRenderer.renderInline(markdown).markup, expected, markdown)
      XCTAssertEqual(MarkdownRenderer.render(markdown).html.markup, "<p>\(expected)</p>\n", markdown)
    }
  }

  func testDataValueUsedAsALinkTargetIsNotAJavascriptLink() throws {
    let html = try body(
      "```{data} d\ncsv: d.csv\n```\n\nSee [the site]({{ d.URL | first }}).\n",
      files: ["d.csv": "URL\njavascript:alert(1)\n"])
    XCTAssertTrue(html.contains("<a href=\"\">the site</a>"), html)
    XCTAssertFalse(html.lowercased().contains("javascript:alert"), html)
  }

  func testTableCellsAndHeadersFromDataAreEscapedAndTakeTheirOwnDirection() throws {
    let html = try body(
      "```{data} d\ncsv: d.csv\n```\n\n```{table} t\ndata: d\ncaption: \"Caption {{ d.NAME | first }}\"\n```\n",
      files: ["d.csv": "NAME,\"<b>H\u{202E}</b>\",V\n\"\u{202E}<script>x</script>\",a,1\n"])
    XCTAssertTrue(html.contains("<th scope=\"col\" dir=\"auto\">&lt;b&gt;H\u{202E}&lt;/b&gt;</th>"), html)
    XCTAssertTrue(html.contains("<td dir=\"auto\">\u{202E}&lt;script&gt;x&lt;/script&gt;</td>"), html)
    XCTAssertTrue(html.contains("<span class=\"tbl-num\">Table 1.</span> <bdi>Caption \u{2068}\u{202E}&lt;script&gt;x&lt;/script&gt;\u{2069}</bdi></figcaption>"), html)
    XCTAssertFalse(html.contains("<script>"), html)
  }

  func testSummaryCardsTakeTheirOwnDirection() throws {
    let html = try body(
      "```{summary}\nheadline: Done\ncards:\n  - value: \"\u{202E}12\"\n    label: \"L\u{202E}\"\n    note: N\n  - value: \"2\"\n    label: two\n```\n")
    XCTAssertTrue(html.contains("<div class=\"card-value\" dir=\"auto\">\u{202E}12</div><div class=\"card-label\" dir=\"auto\">L\u{202E}</div><div class=\"card-note\" dir=\"auto\">N</div>"), html)
  }

  func testErrorCellShowsAConnectionStringWithoutItsPassword() throws {
    let html = try body("```{data} d\ncsv: \"postgres://ana:S3cretPW@db.example.com/sales\"\n```\n")
    XCTAssertTrue(html.contains("class=\"error-cell\""), html)
    XCTAssertFalse(html.contains("S3cretPW"), html)
    XCTAssertTrue(html.contains("postgres://ana@db.example.com/sales"), html)
  }

  /// Labels may be right-to-left words (letters of any script).
  func testBlockLabelIsIsolatedInTheErrorTitleAndMethodPanel() throws {
    let html = try body("```{data} מכירות_2\ncsv: missing.csv\n```\n")
    XCTAssertTrue(html.contains("<div class=\"error-title\">Block '<bdi>מכירות_2</bdi>' failed</div>"), html)
    XCTAssertTrue(html.contains("<summary>Method · data <bdi>מכירות_2</bdi></summary>"), html)
  }

  func testConnectionStringsInProseTablesAndSummaryLoseTheirPassword() throws {
    let html = try body(
      """
      ---
      params: {conn: "postgres://bob:S3cretB@h2/db?password=S3cretQ&sslmode=require"}
      ---

      ```{data} d
      csv: d.csv
      ```

      Connecting to {{ params.conn }}.

      ```{table} t
      data: d
      ```

      ```{summary}
      headline: "Source {{ d.URL | first }}"
      cards:
        - value: "1"
          label: "{{ params.conn }}"
        - value: "2"
          label: two
      ```
      """,
      files: ["d.csv": "URL\npostgresql://carl:S3cretC@h3:5432/x\n"])
    XCTAssertFalse(html.contains("S3cret"), html)
    XCTAssertTrue(html.contains("Connecting to postgres://bob@h2/db?sslmode=require."), html)
    XCTAssertTrue(html.contains("<td dir=\"auto\">postgresql://carl@h3:5432/x</td>"), html)
  }
}
