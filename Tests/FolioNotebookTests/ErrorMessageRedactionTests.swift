import FolioNotebook
import Foundation
import XCTest

/// A failing block's message may quote an option value that is a connection
/// string; the password never reaches the diagnostic (page, results.json, stderr).
final class ErrorMessageRedactionTests: XCTestCase {
  func testAFailingBlockQuotingAConnectionStringReportsItWithoutThePassword() throws {
    let notebook = """
      ---
      params: {conn: "mysql://bob:S3cretB@h2/db"}
      ---

      ```{data} a
      csv: "postgres://ana:S3cretA@db.example.com/sales?sslmode=require&password=S3cretQ"
      ```

      ```{data} b
      csv: "{{ params.conn }}"
      ```
      """
    let nb = try NotebookParser.parse(notebook, path: "nb.md")
    let doc = Executor().run(nb, baseDirectory: NSTemporaryDirectory())
    let messages = doc.diagnostics.map(\.error.description)
    XCTAssertEqual(messages.count, 2, "\(messages)")
    for m in messages { XCTAssertFalse(m.contains("S3cret"), m) }
    XCTAssertTrue(messages[0].contains("postgres://ana@db.example.com/sales?sslmode=require"), messages[0])
    XCTAssertTrue(messages[1].contains("mysql://bob@h2/db"), messages[1])
  }
}
