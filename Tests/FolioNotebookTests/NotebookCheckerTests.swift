import FolioData
import XCTest

@testable import FolioNotebook

final class NotebookCheckerTests: XCTestCase {
  func testCheckReportsEveryStaticProblemCompilerStyle() throws {
    let src = """
      ---
      params: {data: x.csv}
      ---
      Intro {{ params.dta }} and {{ totals.sum }}.

      ```{data} a
      csv: "{{ params.data }}"
      filter: (BOH > 1
      ```

      ```{table} a
      data: b
      max_rowz: 3
      ```

      ```{chart} c
      data: a
      type: pie
      ```
      """
    let nb = try NotebookParser.parse(src, path: "c.md")
    XCTAssertEqual(NotebookChecker.check(nb).map(\.description), [
      "c.md:4:10: error: unknown parameter 'dta'; did you mean 'data'?",
      "c.md:4:31: error: unknown name 'totals'; names are: params",
      "c.md:8:17: error: expected ')' to close '(', found end of expression",
      "c.md:11:12: error: duplicate block label 'a'; labels must be unique",
      "c.md:12:7: error: unknown name 'b'; did you mean 'a'?",
      "c.md:13:1: error: unknown option 'max_rowz' for {table}; did you mean 'max_rows'?",
      "c.md:18:7: error: type: expected one of line, bar, scatter, area, band, histogram, found 'pie'",
    ])
  }

  func testCleanNotebookHasNoDiagnostics() throws {
    let nb = try NotebookParser.parse("```{data} a\ncsv: x.csv\n```\n\n{{ a.rows }}\n", path: "ok.md")
    XCTAssertEqual(NotebookChecker.check(nb), [])
  }
}
