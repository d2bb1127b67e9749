import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Options are decoded once, from their declarations: typed, range-checked,
/// every error located, and inline values inserted without loss.
final class OptionDeclarationTests: XCTestCase {
  /// The first directive call of `text`, its options interpolated with the
  /// notebook's params (after `overrides`) and decoded for a run.
  func decoded(_ text: String, overrides: [String: String] = [:]) throws -> Result<ParsedOptions, OptionDecoder.Failure> {
    var nb = try NotebookParser.parse(text, path: "o.md")
    for (k, v) in overrides { try nb.frontMatter.override(k, with: v) }
    guard case .directive(let call)? = nb.blocks.first(where: { if case .directive = $0 { return true } else { return false } }),
      let d = DirectiveRegistry.standard[call.name]
    else { throw NotebookError(nil, "no directive block in the test notebook") }
    let params = Value.object(nb.frontMatter.params.map { ($0.name, $0.value) })
    let resolved = try OptionInterpolation.interpolate(call.options, directive: d, scope: TemplateScope(params: params))
    return OptionDecoder.decode(call, options: resolved, directive: d, stage: .run)
  }

  func testParamInsertedIntoANumberOptionKeepsFullPrecisionAndNoGrouping() throws {
    let text = """
      ---
      params: {lambda_rho: 0.5}
      ---
      ```{promo_plan} plan
      model: m
      lambda_rho: "{{ params.lambda_rho }}"
      ```
      """
    for (given, expected) in [("10000", 10000.0), ("1234567.891", 1234567.891), ("0.30000000000000004", 0.30000000000000004), ("1e-7", 1e-7)] {
      let parsed = try decoded(text, overrides: ["lambda_rho": given]).get()
      XCTAssertEqual(parsed[PromoPlanDirective.lambdaRho], expected, "--param lambda_rho=\(given)")
    }
  }

  func testParamInsideAnExpressionIsExact() throws {
    let text = """
      ---
      params: {min: 0.5}
      ---
      ```{data} d
      csv: x.csv
      filter: X > {{ params.min }}
      ```
      """
    let parsed = try decoded(text, overrides: ["min": "25000.5"]).get()
    XCTAssertEqual(parsed.node["filter"], OptionNode(.scalar("X > 25000.5", quoted: false), at: parsed.node["filter"]!.location))
  }

  func testDisplayTextOptionsStillReadAsProse() throws {
    let text = """
      ---
      params: {n: 1}
      ---
      ```{table} t
      data: x
      caption: "Top {{ params.n }} rows"
      ```
      """
    let parsed = try decoded(text, overrides: ["n": "12345"]).get()
    XCTAssertEqual(parsed[OptionDecoder.caption], "Top 12,345 rows")
  }

  func testLosslessNumberTextParsesBackToTheSameDouble() {
    for d in [0.1, 1.0 / 3.0, 1e300, -2.5e-308, 123456789012345.0, 9007199254740993.0, 5e-324] {
      XCTAssertEqual(OptionNode.parseNumber(LosslessText.number(d)), d, "\(d)")
    }
    XCTAssertEqual(LosslessText.number(10000), "10000")
    XCTAssertTrue(OptionNode.parseNumber(LosslessText.number(.nan))?.isNaN ?? false)
  }

  func testEveryBadOptionOfABlockIsReportedAtItsOwnLocation() throws {
    let text = """
      ```{search} fit
      data: mmm
      budget: 0
      adstock: geometrc
      ridge_alpa: 3
      ```
      """
    guard case .failure(let failure) = try decoded(text) else { return XCTFail("expected errors") }
    let errors = failure.errors
    let byLine = Dictionary(grouping: errors, by: { $0.location?.line ?? 0 })
    XCTAssertEqual(byLine.keys.sorted(), [3, 4, 5])
    XCTAssertEqual(byLine[3]?.first?.message, "budget: expected 1 to 1000000 evaluations, found 0")
    XCTAssertEqual(byLine[4]?.first?.message, "adstock: expected geometric or weibull, found 'geometrc'; did you mean 'geometric'?")
    XCTAssertTrue(byLine[5]?.first?.message.hasPrefix("unknown option 'ridge_alpa' for {search}") ?? false)
    XCTAssertEqual(byLine[5]?.first?.location?.column, 1)
  }

  func testMissingRequiredOptionNamesWhatItIsFor() throws {
    guard case .failure(let failure) = try decoded("```{cv} v\ntrain: 20\n```\n") else { return XCTFail("expected an error") }
    let errors = failure.errors
    XCTAssertEqual(errors.map(\.message), ["{cv} needs 'model': A {search} or {bayes} block."])
    XCTAssertEqual(errors.first?.location?.line, 1)
  }

  func testAReferenceToTheWrongKindOfBlockSaysWhatWasExpected() throws {
    let text = """
      ```{data} d
      csv: x.csv
      ```

      ```{cv} v
      model: d
      ```
      """
    try "X\n1\n".write(toFile: NSTemporaryDirectory() + "x.csv", atomically: true, encoding: .utf8)
    let doc = Executor().run(try NotebookParser.parse(text, path: "o.md"), baseDirectory: NSTemporaryDirectory())
    XCTAssertEqual(doc.diagnostics.map(\.description), ["o.md:6:8: error: 'd' is a dataset, expected a {search} or {bayes} block's fitted marketing-mix model"])
  }
}
