import Foundation
import XCTest

final class CheckCommandTests: XCTestCase {
  func testShippedNotebooksPassCheck() throws {
    let r = try FolioProcess.run(["check", "notebooks/README.md", "notebooks/sales-overview.md"])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testCheckPrintsCompilerStyleLinesAndExitsOne() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try """
      ---
      title: [unclosed
      ---
      """.write(to: dir.appendingPathComponent("yaml.md"), atomically: true, encoding: .utf8)
    try """
      ```{dat} a
      csv: x.csv
      ```

      ```{table} t
      data: missing_label
      ```
      """.write(to: dir.appendingPathComponent("refs.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["check", "yaml.md", "refs.md"], in: dir)
    XCTAssertEqual(r.status, 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 3, r.stdout)
    XCTAssertTrue(lines[0].hasPrefix("yaml.md:3:1: error: invalid YAML"), lines[0])
    XCTAssertEqual(lines[1], "refs.md:1:5: error: unknown directive 'dat'; did you mean 'data'?")
    XCTAssertEqual(lines[2], "refs.md:6:7: error: unknown name 'missing_label'; names are: params, a")
  }

  func testIssueReproductionYAMLErrorUnknownDirectiveAndUnknownLabelArePrintedInOneRun() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "```{data} a\ncsv: [x.csv\n```\n\n```{dta} b\ncsv: x.csv\n```\n\n```{table} t\ndata: nope\n```\n"
      .write(to: dir.appendingPathComponent("three.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["check", "three.md"], in: dir)
    XCTAssertEqual(r.status, 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 3, r.stdout)
    XCTAssertTrue(lines[0].hasPrefix("three.md:3:1: error: invalid YAML"), r.stdout)
    XCTAssertEqual(lines[1], "three.md:5:5: error: unknown directive 'dta'; did you mean 'data'?")
    XCTAssertTrue(lines[2].hasPrefix("three.md:10:7: error: unknown name 'nope'"), r.stdout)
    XCTAssertEqual(r.stderr, "3 errors\n")
  }

  func testIssueReproductionCRLFNotebookRendersLikeItsLFCopyAndDoesNotCrash() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let lf = "---\ntitle: Case\nparams: {n: 4}\n---\n# Heading\n\nValue {{ params.n }}.\n\n```{summary}\nheadline: N is {{ params.n }}\n```\n"
    for (name, text) in [("lf", lf), ("crlf", lf.replacingOccurrences(of: "\n", with: "\r\n")),
                         ("cr", lf.replacingOccurrences(of: "\n", with: "\r"))] {
      let sub = dir.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try text.write(to: sub.appendingPathComponent("case.md"), atomically: true, encoding: .utf8)
      let r = try FolioProcess.run(["render", "case.md", "-o", "out", "--no-cache"], in: sub)
      XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
      let check = try FolioProcess.run(["check", "case.md"], in: sub)
      XCTAssertEqual(check.status, 0, "\(name): \(check.stdout)")
    }
    let page = { (name: String) in try Data(contentsOf: dir.appendingPathComponent("\(name)/out/case.html")) }
    XCTAssertEqual(try page("crlf"), try page("lf"), "CRLF report is byte-identical to the LF one")
    XCTAssertEqual(try page("cr"), try page("lf"), "CR report is byte-identical to the LF one")
  }
}
