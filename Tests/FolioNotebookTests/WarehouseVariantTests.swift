import FolioData
import FolioStore
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioNotebook

/// examples/warehouse/promo-inventory-postgres.md, the promo-inventory
/// analysis with its baseline and join run inside PostgreSQL, against the
/// CSV notebook on the same data: the shipped sample is loaded into a table
/// of the CI server with the documented script
/// (examples/warehouse/promo-inventory.sql through psql, `\copy` from the
/// CSV), and both notebooks must give the same promo-week rows (every cell;
/// the database's mean baseline to 1e-12) and the same GLMs (every
/// coefficient and standard error to 1e-10 relative). Needs
/// FOLIO_TEST_POSTGRES_URL and psql; skipped, saying why, without them, and
/// failed under CI (`TestSkip`).
final class WarehouseVariantTests: XCTestCase {
  typealias R = ShippedNotebookRunner
  var url = ""
  let table = "folio_wh_\(UUID().uuidString.prefix(8).lowercased())"

  /// psql on PATH or beside the server binaries scripts/postgres/start uses.
  static func psql() -> String? {
    let fm = FileManager.default
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/psql" }
    let server = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
      .sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin/psql" }
    return (path + server).first { fm.isExecutableFile(atPath: $0) }
  }

  override func setUpWithError() throws {
    guard let u = ProcessInfo.processInfo.environment["FOLIO_TEST_POSTGRES_URL"], !u.isEmpty else {
      print("skipping the warehouse variant test: FOLIO_TEST_POSTGRES_URL is not set (run `eval \"$(scripts/postgres/start)\"`)")
      throw TestSkip.unavailable("FOLIO_TEST_POSTGRES_URL is not set")
    }
    guard let psql = Self.psql() else { throw TestSkip.unavailable("psql not found (Debian package postgresql-client)") }
    url = u
    // The documented load: psql -v table=… -f promo-inventory.sql < the CSV.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: psql)
    p.arguments = [u, "-q", "-v", "ON_ERROR_STOP=1", "-v", "table=\(table)", "-f", R.root.appendingPathComponent("examples/warehouse/promo-inventory.sql").path]
    p.standardInput = try FileHandle(forReadingFrom: R.root.appendingPathComponent("notebooks/data/promo-inventory.csv"))
    let err = Pipe()
    p.standardError = err
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, "loading the sample with psql: \(message)")
  }

  override func tearDownWithError() throws {
    guard !url.isEmpty, let address = try? PostgresAddress(url) else { return }
    _ = try? PostgresSource.query(address: address, sql: "DROP TABLE IF EXISTS \(table)")
  }

  /// Rows of the sample CSV that are promo weeks (PROMO_WEEK not REG) of a
  /// SKU × store with at least one regular week, counted directly.
  static func promoWeeksWithABaseline() throws -> Int {
    let text = try String(contentsOf: R.root.appendingPathComponent("notebooks/data/promo-inventory.csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let withRegular = Set(rows.filter { $0[3] == "REG" }.map { "\($0[1])|\($0[2])" })
    return rows.filter { $0[3] != "REG" && withRegular.contains("\($0[1])|\($0[2])") }.count
  }

  func runVariant() throws -> ExecutedDocument {
    let folder = R.root.appendingPathComponent("examples/warehouse")
    let path = folder.appendingPathComponent("promo-inventory-postgres.md").path
    var nb = try NotebookParser.parse(try String(contentsOfFile: path, encoding: .utf8), path: "promo-inventory-postgres.md")
    try nb.frontMatter.override("server", with: url)
    try nb.frontMatter.override("table", with: table)
    return Executor().run(nb, baseDirectory: folder.path)
  }

  func testInWarehouseBaselineAndJoinGiveTheCSVNotebooksRowsAndGLMs() throws {
    let csv = try R.run("promo-inventory.md", params: [])
    let warehouse = try runVariant()
    R.assertClean(csv)
    R.assertClean(warehouse)

    // The same promo-week rows, in the same order, every column.
    guard case .table(let a)? = R.value(csv, "promo"), case .table(let b)? = R.value(warehouse, "promo") else {
      return XCTFail("no promo dataset")
    }
    XCTAssertEqual(a.rowCount, try Self.promoWeeksWithABaseline(), "the sample's promo weeks with a baseline, counted from the CSV here")
    XCTAssertEqual(b.rowCount, a.rowCount)
    XCTAssertEqual(b.columnNames, a.columnNames)
    for (name, column) in zip(a.columnNames, a.columns) {
      guard let other = b[name] else { continue }
      XCTAssertEqual(other.type, column.type, name)
      if ["BASELINE_BOH", "BOH_INCREASE", "COST_INCREASE"].contains(name) {
        // Means summed by the database: the same values to rounding.
        let x = column.doubles ?? [], y = other.doubles ?? []
        let worst = zip(x, y).map { abs($0 - $1) / max(abs($0), abs($1), 1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, 1e-12, "\(name): largest relative difference \(worst)")
      } else {
        XCTAssertEqual(other, column, "\(name) differs")
      }
    }
    guard case .table(let noA)? = R.value(csv, "no_baseline"), case .table(let noB)? = R.value(warehouse, "no_baseline") else {
      return XCTFail("no no_baseline dataset")
    }
    XCTAssertEqual(noB, noA, "the SKU × store pairs without a regular week")
    XCTAssertEqual(noA.rowCount, 2)

    // The same models: every coefficient and standard error, to 1e-10.
    var worst = (0.0, "")
    for model in ["simple", "full", "fixed_effects"] {
      XCTAssertEqual(R.number(warehouse, model, "nobs"), R.number(csv, model, "nobs"), "\(model) nobs")
      for part in ["params", "bse"] {
        guard case .object(let expected)? = R.value(csv, model, part), case .object(let got)? = R.value(warehouse, model, part) else {
          XCTFail("\(model).\(part) missing")
          continue
        }
        XCTAssertEqual(got.map(\.0), expected.map(\.0), "\(model).\(part) names")
        for ((name, e), (_, g)) in zip(expected, got) {
          guard let x = e.doubleValue, let y = g.doubleValue else { XCTFail("\(model).\(part).\(name) not a number"); continue }
          XCTAssertLessThanOrEqual(abs(x - y), 1e-10 * max(abs(x), abs(y)), "\(model).\(part).\(name): \(x) vs \(y)")
          let relative = x == y ? 0 : abs(x - y) / max(abs(x), abs(y))
          if relative > worst.0 { worst = (relative, "\(model).\(part).\(name)") }
        }
      }
    }
    print("warehouse vs CSV: largest relative GLM difference \(worst.0) (\(worst.1))")

    // The counts the database returns are the CSV notebook's.
    guard case .table(let raw)? = R.value(csv, "raw"), case .table(let overview)? = R.value(warehouse, "overview") else {
      return XCTFail("no raw/overview")
    }
    XCTAssertEqual(overview["ROWS"]?[0], .integer(raw.rowCount))
    XCTAssertEqual(overview["SKUS"]?[0], .integer(Set((0..<raw.rowCount).map { raw["SKU_NBR"]![$0] }).count))
    guard case .table(let typesA)? = R.value(csv, "promo_types"), case .table(let typesB)? = R.value(warehouse, "promo_types") else {
      return XCTFail("no promo_types")
    }
    XCTAssertEqual(typesB, typesA)
    guard case .table(let totalA)? = R.value(csv, "cost_total"), case .table(let totalB)? = R.value(warehouse, "cost_total") else {
      return XCTFail("no cost_total")
    }
    for name in totalA.columnNames {
      let x = totalA[name]?.doubles?.first ?? .nan, y = totalB[name]?.doubles?.first ?? .nan
      XCTAssertLessThanOrEqual(abs(x - y), 1e-10 * max(abs(x), abs(y)), "cost_total.\(name)")
    }
  }
}
