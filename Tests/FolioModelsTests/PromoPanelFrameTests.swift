import FolioData
import FolioModels
import XCTest

/// Building the scaled promotion panel from a weekly SKU frame.
final class PromoPanelFrameTests: XCTestCase {
  func columns() -> PromoColumns {
    var c = PromoColumns()
    c.hierarchy = ["BRAND"]
    c.discounts = ["D1"]
    c.macro = ["X"]
    return c
  }

  /// Two SKUs × 6 weeks; `rows` picks the row order, `brand` overrides one brand.
  func frame(order: [Int], brandOverride: (Int, String)? = nil, dropLast: Bool = false) throws -> Frame {
    var sku: [String?] = [], week: [Int] = [], brand: [String?] = [], sales: [Double] = [], vol: [Double] = []
    var d1: [Double] = [], x: [Double] = []
    for i in order {
      let s = i / 6, t = i % 6
      if dropLast, s == 1, t == 5 { continue }
      sku.append(s == 0 ? "A" : "B")
      week.append(t + 1)
      brand.append(brandOverride?.0 == i ? brandOverride?.1 : (s == 0 ? "Acme" : "Bolt"))
      sales.append(Double(100 * (s + 1) + t))
      vol.append(Double(50 * (s + 1) + t))
      d1.append(Double(t % 2) * 10)
      x.append(Double(t) / 10)
    }
    return try Frame([
      ("SKU", .string(StringColumn(sku))), ("WEEK", .integer(IntegerColumn(values: week))),
      ("BRAND", .string(StringColumn(brand))), ("SALES", .number(sales)), ("VOLUME", .number(vol)),
      ("D1", .number(d1)), ("X", .number(x)),
    ])
  }

  func testRowsInAnyOrderGiveTheSamePanelScaledByTrainingMeans() throws {
    let ordered = try PromoPanel(frame: frame(order: Array(0..<12)), columns: columns(), holdoutWeeks: 2)
    let shuffled = try PromoPanel(
      frame: frame(order: [1, 7, 11, 3, 5, 9, 0, 6, 2, 10, 4, 8]), columns: columns(), holdoutWeeks: 2)
    // SKUs keep first-appearance order (A first in both); weeks are sorted within each.
    XCTAssertEqual(ordered.sales, shuffled.sales)
    XCTAssertEqual(ordered.discounts, shuffled.discounts)
    XCTAssertEqual(ordered.skuNames, ["A", "B"])
    // SKU A's training weeks (1–4) have sales 100…103: mean 101.5.
    XCTAssertEqual(ordered.salesScale[0], 101.5, accuracy: 1e-12)
    XCTAssertEqual(ordered.sales[5], 105 / 101.5, accuracy: 1e-15)
    XCTAssertEqual(ordered.discounts[1], 10 / 101.5, accuracy: 1e-15, "discounts share the sales scale")
    XCTAssertEqual(ordered.volumeScale[1], 101.5, accuracy: 1e-12)
  }

  func testMissingWeekIsReportedAsUnbalancedPanel() throws {
    XCTAssertThrowsError(try PromoPanel(frame: frame(order: Array(0..<12), dropLast: true), columns: columns(), holdoutWeeks: 1)) {
      XCTAssertEqual(
        ($0 as? PromoError)?.message,
        "unbalanced panel: SKU 'B' has 5 weeks but 'A' has 6; every SKU needs the same weeks")
    }
  }

  func testChangingHierarchyWithinASKUNamesTheRow() throws {
    XCTAssertThrowsError(
      try PromoPanel(frame: frame(order: Array(0..<12), brandOverride: (9, "Acme")), columns: columns(), holdoutWeeks: 1)
    ) {
      XCTAssertEqual(
        ($0 as? PromoError)?.message,
        "SKU 'B': column 'BRAND' is 'Bolt' in its first row but 'Acme' in row 10; a SKU's hierarchy must not change")
    }
  }
}
