import FolioData
import Foundation

extension PromoSimulation {
  /// The simulated data as the weekly frame a user would load: SKU, WEEK
  /// (Mondays from 2024-01-01), BRAND, PRICE_SEGMENT, PACK_TYPE, SIZE, SALES,
  /// VOLUME, DISC_TPR, DISC_DISPLAY, DISC_FEATURE and the two macro indices.
  /// Money and volume are rounded to cents, macro indices to 4 decimals, as a
  /// CSV would carry them.
  public func frame() throws -> Frame {
    let P = panel, T = P.weeks, K = P.promoTypes, M = P.macroVariables
    let n = P.skus * T
    func round(_ x: Double, _ digits: Double) -> Double { (x * digits).rounded() / digits }
    var sku: [String?] = [], brand: [String?] = [], segment: [String?] = [], pack: [String?] = []
    var size: [String?] = [], weeks: [Int32] = []
    let monday = CivilDate.days(year: 2024, month: 1, day: 1)
    for s in 0..<P.skus {
      for t in 0..<T {
        sku.append(P.skuNames[s])
        brand.append(P.hierarchy[s][0])
        segment.append(P.hierarchy[s][1])
        pack.append(P.hierarchy[s][2])
        size.append(P.hierarchy[s][3])
        weeks.append(Int32(monday + 7 * t))
      }
    }
    var cols: [(String, Column)] = [
      ("SKU", .string(StringColumn(sku))), ("WEEK", .date(DateColumn(days: weeks))),
      ("BRAND", .string(StringColumn(brand))), ("PRICE_SEGMENT", .string(StringColumn(segment))),
      ("PACK_TYPE", .string(StringColumn(pack))), ("SIZE", .string(StringColumn(size))),
      ("SALES", .number(sales.map { round($0, 100) })), ("VOLUME", .number(volume.map { round($0, 100) })),
    ]
    for k in 0..<K {
      cols.append(("DISC_\(P.promoTypeNames[k])", .number((0..<n).map { round(discounts[$0 * K + k], 100) })))
    }
    for m in 0..<M {
      cols.append((P.macroNames[m], .number((0..<n).map { round(P.macro[$0 * M + m], 10_000) })))
    }
    return try Frame(cols)
  }
}
