import Foundation
import XCTest
import FolioRender

/// A realistic report page exercising every component the stylesheet styles:
/// summary cards, pipe table, chart figure, data table, method panel, error
/// cell, inline error, highlighted code. Used by ``ReportTemplateTests`` and,
/// with `FOLIO_WRITE_SAMPLE=/tmp/sample.html`, to eyeball the CSS in a browser.
enum ReportSamplePage {
  static let markdown = """
    # Spring promotion: incremental sales

    The spring promotion ran for **six weeks** in 38 of 64 stores. Treated stores were
    chosen by region, so the comparison below adjusts for store size and pre-period
    sales with a Poisson GLM. Spend by channel is summarised first.

    ## Spend by channel

    | Channel | Spend (€k) | Share | Weeks |
    |:--------|-----------:|------:|:-----:|
    | Print   | 412.0 | 41.2% | 6 |
    | Radio   | 268.5 | 26.9% | 4 |
    | Social  | 219.0 | 21.9% | 6 |
    | In-store displays | 100.5 | 10.0% | 6 |

    Social spend per store was highest in the *North* region; the regional split is in
    [Table 2](#tbl-2).

    <figure class="chart" id="fig-1"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240" width="640" height="240" role="img" aria-label="Weekly sales"><rect x="0" y="0" width="640" height="240" fill="#ffffff"/><g stroke="#e5e8ee"><line x1="48" y1="30" x2="620" y2="30"/><line x1="48" y1="90" x2="620" y2="90"/><line x1="48" y1="150" x2="620" y2="150"/><line x1="48" y1="210" x2="620" y2="210"/></g><g fill="#0b4f8a"><rect x="70" y="120" width="36" height="90"/><rect x="140" y="110" width="36" height="100"/><rect x="210" y="70" width="36" height="140"/><rect x="280" y="55" width="36" height="155"/><rect x="350" y="60" width="36" height="150"/><rect x="420" y="48" width="36" height="162"/><rect x="490" y="52" width="36" height="158"/><rect x="560" y="100" width="36" height="110"/></g><g font-family="sans-serif" font-size="11" fill="#667085"><text x="40" y="214" text-anchor="end">0</text><text x="40" y="154" text-anchor="end">20k</text><text x="40" y="94" text-anchor="end">40k</text><text x="40" y="34" text-anchor="end">60k</text><text x="88" y="228" text-anchor="middle">W-2</text><text x="158" y="228" text-anchor="middle">W-1</text><text x="228" y="228" text-anchor="middle">W1</text><text x="298" y="228" text-anchor="middle">W2</text><text x="368" y="228" text-anchor="middle">W3</text><text x="438" y="228" text-anchor="middle">W4</text><text x="508" y="228" text-anchor="middle">W5</text><text x="578" y="228" text-anchor="middle">W6+1</text></g></svg><figcaption><span class="fig-num">Figure 1.</span> Weekly unit sales in treated stores, two weeks before to one week after the promotion.</figcaption></figure>

    ## Incremental effect

    Treated stores sold **12.3%** more units than comparable untreated stores
    (95% CI 8.1% to 16.7%). The effect for the *West* region could not be computed:
    <span class="inline-error" title="notebook.md:41:18: unknown name 'west_lift'">⚠ unknown name 'west_lift'</span>.

    <figure class="table" id="tbl-2"><figcaption><span class="tbl-num">Table 2.</span> Poisson GLM, log link: units ~ treated + log(size) + pre_units + region.</figcaption><table class="data"><thead><tr><th>Term</th><th class="num">Estimate</th><th class="num">Std. error</th><th class="num">z</th><th class="num">p</th><th class="num">Rate ratio</th></tr></thead><tbody><tr><td>(Intercept)</td><td class="num">1.8342</td><td class="num">0.0412</td><td class="num">44.52</td><td class="num">&lt;0.001</td><td class="num">6.260</td></tr><tr><td>treated</td><td class="num">0.1160</td><td class="num">0.0187</td><td class="num">6.20</td><td class="num">&lt;0.001</td><td class="num">1.123</td></tr><tr><td>log(size)</td><td class="num">0.7021</td><td class="num">0.0305</td><td class="num">23.02</td><td class="num">&lt;0.001</td><td class="num">2.018</td></tr><tr><td>pre_units</td><td class="num">0.0094</td><td class="num">0.0011</td><td class="num">8.55</td><td class="num">&lt;0.001</td><td class="num">1.009</td></tr><tr><td>region[North]</td><td class="num">−0.0433</td><td class="num">0.0221</td><td class="num">−1.96</td><td class="num">0.050</td><td class="num">0.958</td></tr></tbody></table><p class="table-note">3 more rows not shown · <a href="campaign_files/tbl-2.csv">CSV</a></p></figure>

    <details class="method"><summary>Method · glm full</summary><pre class="yaml"><code>family: poisson
    link: log
    formula: units ~ treated + log(size) + pre_units + region
    robust: HC1
    n: 384
    </code></pre></details>

    <div class="error-cell" role="alert"><div class="error-title">Block 'west' failed</div><pre class="error-message">notebook.md:38:3: error: unknown column 'west_units'; columns are: store, week, units, treated, size, region
      --> notebook.md:38:3
    38 | y: west_units
       |    ^ expected a column of sales.csv</pre></div>

    ### Reproducing the fit

    ```python
    import statsmodels.formula.api as smf
    # same model as Table 2
    fit = smf.glm("units ~ treated + np.log(size)", data=df, family=sm.families.Poisson()).fit(cov_type="HC1")
    print(fit.params["treated"], 0.116)
    ```

    #### Caveats

    Store selection was not random; the estimate assumes no unmeasured regional trends.
    """

  static let summaryHTML: HTML = """
    <section class="summary" id="folio-summary"><h2>Executive summary</h2><div class="headlines"><ul><li>The promotion lifted unit sales by <strong>12.3%</strong> in treated stores (95% CI 8.1–16.7%).</li><li>Every €1 of spend returned <strong>€1.84</strong> in incremental gross margin.</li><li>Social media drove the largest lift per euro; print the smallest.</li></ul></div><div class="cards"><div class="card"><div class="card-value">+12.3%</div><div class="card-label">Incremental unit sales</div></div><div class="card"><div class="card-value">€1.84</div><div class="card-label">Margin per € spent</div></div><div class="card"><div class="card-value">€1.00m</div><div class="card-label">Total promotion spend</div></div><div class="card"><div class="card-value">38 / 64</div><div class="card-label">Stores treated</div></div></div></section>
    """

  static func page() -> ReportPage {
    var slugger = HeadingSlugger(reserved: ["folio-contents", "folio-summary", "folio-provenance"])
    let body = MarkdownRenderer.render(markdown, slugger: &slugger)
    return ReportPage(
      title: "Spring Promotion Effectiveness",
      subtitle: "Incremental sales and return on spend, March–April 2024",
      author: "Marketing Analytics",
      date: "2024-05-14",
      summaryHTML: summaryHTML,
      toc: body.headings.map(ReportPage.TOCEntry.init),
      bodyHTML: body.html,
      provenance: ReportPage.Provenance(
        folioVersion: "0.1.0",
        notebookName: "spring-promo.md",
        notebookSHA256: "9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6",
        inputs: [
          .init(path: "data/sales.csv", sha256: "3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"),
          .init(path: "data/spend.csv", sha256: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1"),
        ],
        params: [.init(name: "region", value: "all"), .init(name: "alpha", value: "0.05")],
        seed: 20240514,
        generatedBy: "folio render spring-promo.md --param alpha=0.05"),
      status: ReportPage.Status(blocksRun: 7, blocksFailed: 1))
  }
}

final class ReportSamplePageTests: XCTestCase {
  /// Renders the sample with the repository's template; writes it to the path in
  /// `FOLIO_WRITE_SAMPLE` when set (for screenshots), and checks every
  /// component made it into the document in order.
  func testSamplePageContainsEveryComponentInDocumentOrder() throws {
    let html = try ReportTemplate.standard().render(ReportSamplePage.page())
    if let path = ProcessInfo.processInfo.environment["FOLIO_WRITE_SAMPLE"] {
      try html.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let markers = [
      "<h1 class=\"report-title\" dir=\"auto\">Spring Promotion Effectiveness</h1>",
      "<nav class=\"toc\"", "<section class=\"summary\"",
      "<h1 id=\"spring-promotion-incremental-sales\">",
      "<th align=\"right\">Spend (€k)</th>", "<figure class=\"chart\" id=\"fig-1\">",
      "<span class=\"inline-error\"", "<table class=\"data\">", "<details class=\"method\">",
      "<div class=\"error-cell\" role=\"alert\">",
      "<pre><code class=\"language-python\"><span class=\"tok-kw\">import</span>",
      "<footer class=\"provenance\"",
    ]
    var searchStart = html.startIndex
    for marker in markers {
      guard let range = html.range(of: marker, range: searchStart..<html.endIndex) else {
        return XCTFail("missing or out of order: \(marker)")
      }
      searchStart = range.upperBound
    }
    XCTAssertEqual(
      ReportSamplePage.page().toc.map(\.id),
      [
        "spring-promotion-incremental-sales", "spend-by-channel", "incremental-effect",
        "reproducing-the-fit", "caveats",
      ])
  }
}
