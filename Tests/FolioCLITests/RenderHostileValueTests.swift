import Foundation
import XCTest

/// A data value that is HTML reaches the page only as text: in prose, in a
/// summary headline, card label and note, and in a caption.
final class RenderHostileValueTests: XCTestCase {
  func testMarkupFromDataIsEscapedInHeadlinesCardsAndCaptions() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let payload = "<img src=x onerror=1>"
    try "NAME,V\n\"\(payload)\",1\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let notebook = """
      ```{data} d
      csv: d.csv
      ```

      Prose: {{ d.NAME | first }}.

      ```{table} t
      data: d
      caption: "Caption {{ d.NAME | first }}"
      ```

      ```{summary}
      headline: "Top {{ d.NAME | first }}"
      cards:
        - value: "{{ d.V | first }}"
          label: "Label {{ d.NAME | first }}"
          note: "Note {{ d.NAME | first }}"
        - value: "2"
          label: plain
      ```
      """
    try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["render", dir.appendingPathComponent("nb.md").path, "-o", dir.appendingPathComponent("out").path])
    XCTAssertEqual(r.status, 0, r.stderr)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertFalse(html.contains(payload), "the payload appears unescaped")
    for context in ["Prose: ", "Caption ", "Top ", "Label ", "Note "] {
      XCTAssertTrue(html.contains(context + "&lt;img src=x onerror=1&gt;"), "\(context)… is not shown as text")
    }
  }
}
