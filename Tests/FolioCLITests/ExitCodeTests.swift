import Foundation
import XCTest

/// The exit-status contract of `folio render` (README, "Command line"):
/// 0 every block ran and every output was written; 1 a block failed or an
/// output (files, result store) could not be written; 2 usage errors only.
final class ExitCodeTests: XCTestCase {
  private struct Case {
    var why: String
    var args: [String]
    var status: Int32
    /// Text standard error must contain (the message names what failed).
    var says: String
  }

  func testEachCauseExitsWithItsDocumentedStatus() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "A,B\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "---\ntitle: ok\nparams: {n: 1}\n---\n\n```{data} d\ncsv: d.csv\n```\n\nRows: {{ d.rows }}.\n"
      .write(to: dir.appendingPathComponent("ok.md"), atomically: true, encoding: .utf8)
    try "# Broken\n\n```{data} d\ncsv: d.csv\nderive: {C: A + Z}\n```\n"
      .write(to: dir.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
    // A file where the results folder DIR/ok/ must go.
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("blocked"), withIntermediateDirectories: true)
    try "".write(to: dir.appendingPathComponent("blocked/ok"), atomically: true, encoding: .utf8)
    // A file where the output folder must go.
    try "".write(to: dir.appendingPathComponent("not-a-folder"), atomically: true, encoding: .utf8)

    let cases = [
      Case(why: "every block ran", args: ["ok.md", "-o", "out"], status: 0, says: "(1 blocks, 0 from cache, 0 failed)"),
      Case(why: "a block failed", args: ["broken.md", "-o", "out"], status: 1, says: "broken.md:5:17: error:"),
      Case(why: "results folder blocked by a file", args: ["ok.md", "-o", "blocked"], status: 1,
           says: "error: cannot write blocked/ok: a file is in the way of the results folder"),
      Case(why: "output folder is a file", args: ["ok.md", "-o", "not-a-folder"], status: 1,
           says: "error: cannot write not-a-folder"),
      Case(why: "result store cannot be opened", args: ["ok.md", "-o", "out", "--param", "n=2", "--results", "sqlite:no-such-folder/r.sqlite"],
           status: 1, says: "error: cannot write result tables to sqlite:no-such-folder/r.sqlite: cannot open SQLite database"),
      Case(why: "notebook file not found", args: ["missing.md", "-o", "out"], status: 2, says: "cannot read notebook 'missing.md'"),
      Case(why: "unknown flag", args: ["ok.md", "--frobnicate"], status: 2, says: "Unknown option '--frobnicate'"),
      Case(why: "unknown param", args: ["ok.md", "-o", "out", "--param", "nosuch=1"], status: 2, says: "--param nosuch=1"),
      Case(why: "param without a value", args: ["ok.md", "--param", "n"], status: 2, says: "--param expects name=value"),
      Case(why: "malformed --results", args: ["ok.md", "--results", "mysql://x"], status: 2, says: "--results: expected"),
      Case(why: "missing --template", args: ["ok.md", "-o", "out", "--template", "none.mustache"], status: 2,
           says: "--template none.mustache: no such file"),
    ]
    for c in cases {
      let r = try FolioProcess.run(["render"] + c.args, in: dir)
      XCTAssertEqual(r.status, c.status, "\(c.why): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(c.says), "\(c.why): expected '\(c.says)' in \(r.stderr)")
    }
    // A failed result-store write switched nothing in: out/ still holds the first case's set.
    XCTAssertEqual(try OutputFolder(url: dir.appendingPathComponent("out"), stem: "ok").param("n"), "1")

    // With --keep-going, a notebook whose outputs cannot be written counts as
    // failed (exit 1) and the next notebook still renders.
    try FileManager.default.copyItem(at: dir.appendingPathComponent("ok.md"), to: dir.appendingPathComponent("ok2.md"))
    let both = try FolioProcess.run(["render", "ok.md", "ok2.md", "-o", "blocked", "--keep-going"], in: dir)
    XCTAssertEqual(both.status, 1, both.stderr)
    XCTAssertTrue(both.stderr.contains("error: cannot write blocked/ok: a file is in the way"), both.stderr)
    XCTAssertEqual(try OutputFolder(url: dir.appendingPathComponent("blocked"), stem: "ok2").param("n"), "1")
  }
}
