import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The `glm` directive's options and errors; model numbers are pinned by
/// FolioModelsTests (statsmodels fixtures) and PromoInventoryNotebookTests.
final class GLMDirectiveTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-glm-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    // y = 1 + 2x exactly plus a small alternating wiggle, so the fit is known in closed form.
    var csv = "x,y,g\n"
    for i in 0..<20 { csv += "\(i),\(1 + 2 * Double(i) + (i % 2 == 0 ? 0.5 : -0.5)),\(i % 4 < 2 ? "a" : "b")\n" }
    try csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
  }

  func run(_ glmOptions: String) throws -> ExecutedDocument {
    let nb = try NotebookParser.parse("```{data} d\ncsv: d.csv\n```\n\n```{glm} m\ndata: d\n\(glmOptions)\n```\n", path: "g.md")
    return Executor().run(nb, baseDirectory: dir)
  }

  func testOLSOnAKnownLineGivesClosedFormCoefficientsAndTables() throws {
    let doc = try run("formula: y ~ x\nfit_plot: x\nresidual_plot: true")
    XCTAssertEqual(doc.diagnostics, [])
    let m = try XCTUnwrap(doc.results.first(where: { $0.label == "m" })?.value)
    // Closed form OLS: slope = Sxy/Sxx, intercept = ȳ − slope·x̄.
    var xs: [Double] = [], ys: [Double] = []
    for i in 0..<20 {
      xs.append(Double(i))
      ys.append(1 + 2 * Double(i) + (i % 2 == 0 ? 0.5 : -0.5))
    }
    let xm = xs.reduce(0, +) / 20, ym = ys.reduce(0, +) / 20
    var sxy = 0.0, sxx = 0.0
    for (x, y) in zip(xs, ys) {
      sxy += (x - xm) * (y - ym)
      sxx += (x - xm) * (x - xm)
    }
    let slope = sxy / sxx
    XCTAssertEqual(try XCTUnwrap(m["params"]?["x"]?.doubleValue), slope, accuracy: 1e-12)
    XCTAssertEqual(try XCTUnwrap(m["params"]?["Intercept"]?.doubleValue), ym - slope * xm, accuracy: 1e-12)
    guard case .directive(let d) = doc.blocks[1] else { return XCTFail() }
    let charts = d.outputs.filter { if case .chart = $0 { return true } else { return false } }
    XCTAssertEqual(charts.count, 3, "coefficient, fit and residual charts")
    guard case .table(let coef) = d.outputs[1] else { return XCTFail() }
    XCTAssertEqual(coef.rows.map { $0[0] }, ["Intercept", "x"])
  }

  func testCategoricalLevelsAreHiddenUnlessAsked() throws {
    let hidden = try run("formula: y ~ x + C(g)")
    guard case .directive(let d) = hidden.blocks[1], case .table(let coef) = d.outputs[1] else { return XCTFail() }
    XCTAssertEqual(coef.rows.map { $0[0] }, ["Intercept", "x"])
    let shown = try run("formula: y ~ x + C(g)\nshow_categorical: true")
    guard case .directive(let d2) = shown.blocks[1], case .table(let coef2) = d2.outputs[1] else { return XCTFail() }
    XCTAssertEqual(coef2.rows.map { $0[0] }, ["Intercept", "C(g)[T.b]", "x"])
  }

  func testFormulaErrorPointsAtTheCharacter() throws {
    let doc = try run("formula: y ~ x + zz")
    XCTAssertEqual(doc.diagnostics.first?.error.location, SourceLocation(file: "g.md", line: 7, column: 18), "col 10 starts the value; zz is 8 further")
    XCTAssertTrue(doc.diagnostics.first?.error.message.contains("zz") ?? false)
  }

  func testBadFamilyLinkAndCovarianceOptionsAreLocatedErrors() throws {
    XCTAssertEqual(try run("formula: y ~ x\nfamily: gausian").diagnostics.first?.error.location?.line, 8)
    XCTAssertEqual(try run("formula: y ~ x\nfamily: poisson\nlink: logit").diagnostics.first?.error.location?.line, 9)
    let cov = try run("formula: y ~ x\ncov_type: cluster")
    XCTAssertEqual(cov.diagnostics.first?.description, "g.md:8:11: error: cov_type: cluster needs 'cluster: <column>'")
    XCTAssertEqual(try run("formula: y ~ x\nfit_plot: nope").diagnostics.first?.error.location?.line, 8)
  }
}
