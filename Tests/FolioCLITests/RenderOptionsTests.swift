import Foundation
import XCTest

/// Templates, --keep-going, hidden blocks and the provenance footer.
final class RenderOptionsTests: XCTestCase {
  func makeNotebook(_ dir: URL, _ name: String, _ text: String) throws {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func testNotebookCanNameItsOwnTemplate() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "<html><body><h1>{{title}}</h1>{{{bodyHTML}}}<p>custom</p></body></html>"
      .write(to: dir.appendingPathComponent("mine.mustache"), atomically: true, encoding: .utf8)
    try "".write(to: dir.appendingPathComponent("mine.css"), atomically: true, encoding: .utf8)
    try makeNotebook(dir, "nb.md", "---\ntitle: Own template\ntemplate: mine.mustache\n---\nHello.\n")
    let r = try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertTrue(html.contains("<h1>Own template</h1>"))
    XCTAssertTrue(html.contains("<p>custom</p>"))
  }

  func testWithoutKeepGoingRenderingStopsAfterAFailingNotebook() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try makeNotebook(dir, "a.md", "```{table} t\ndata: nothing\n```\n")
    try makeNotebook(dir, "b.md", "Fine.\n")
    let stop = try FolioProcess.run(["render", "a.md", "b.md", "-o", "stop"], in: dir)
    XCTAssertEqual(stop.status, 1)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stop/a.html").path))
    XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stop/b.html").path))
    let go = try FolioProcess.run(["render", "a.md", "b.md", "-o", "go", "--keep-going"], in: dir)
    XCTAssertEqual(go.status, 1)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("go/b.html").path))
  }

  func testHiddenBlockRunsButShowsNothingAndEchoFalseDropsTheMethodPanel() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "X\n1\n2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try makeNotebook(dir, "nb.md", """
      ```{data} d
      csv: d.csv
      hidden: true
      ```

      ```{table} t
      data: d
      echo: false
      ```

      Rows: {{ d.rows }}.
      """)
    let r = try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertFalse(html.contains("Loaded 2 rows"), "hidden block shows no note")
    XCTAssertFalse(html.contains("Method · data"), "hidden block has no method panel")
    XCTAssertFalse(html.contains("Method · table"), "echo: false drops the method panel")
    XCTAssertTrue(html.contains("Rows: 2."), "the hidden block's result is still usable")
    XCTAssertTrue(html.contains("Table 1."))
  }

  func testFooterRecordsVersionHashesParamsAndSeed() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "X\n1\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try makeNotebook(dir, "nb.md", "---\nparams: {n: 3}\nseed: 99\n---\n```{data} d\ncsv: d.csv\n```\n")
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "-o", "out", "--param", "n=4"], in: dir).status, 0)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    let sha = try FolioProcess.runProcess(URL(fileURLWithPath: "/usr/bin/sha256sum"), ["nb.md", "d.csv"], in: dir).stdout
      .split(separator: "\n").map { String($0.prefix(64)) }
    XCTAssertEqual(sha.count, 2)
    XCTAssertTrue(html.contains(sha[0]), "notebook SHA-256 in the footer")
    XCTAssertTrue(html.contains(sha[1]), "input file SHA-256 in the footer")
    XCTAssertTrue(html.contains("Folio 0.1.0"))
    XCTAssertTrue(html.contains("<code>n</code> = <code dir=\"auto\">4</code>"), "the overridden param")
    XCTAssertTrue(html.contains("<code>99</code>"), "the seed")
  }
}
