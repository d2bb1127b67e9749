/// What the planner needs from a model: the affine horizon response, the
/// current plan and the SKU hierarchy. Built from a fitted `PromoModel`, or
/// by hand for small instances checked against an independent solver.
public struct PromoPlanInput: Sendable, Equatable {
  public var response: PromoModel.HorizonResponse
  /// Current total horizon spend per SKU × type (`[s·K + k]`).
  public var currentSpend: [Double]
  public var skuNames: [String]
  public var hierarchyNames: [String]
  /// Per SKU, its attribute values in `hierarchyNames` order.
  public var hierarchy: [[String]]
  public var promoTypes: Int

  public init(
    response: PromoModel.HorizonResponse, currentSpend: [Double], skuNames: [String], hierarchyNames: [String],
    hierarchy: [[String]], promoTypes: Int
  ) {
    self.response = response
    self.currentSpend = currentSpend
    self.skuNames = skuNames
    self.hierarchyNames = hierarchyNames
    self.hierarchy = hierarchy
    self.promoTypes = promoTypes
  }

  /// The input for `model` over a horizon of `horizon` weeks.
  public init(model: PromoModel, horizon: Int) {
    let P = model.panel
    self.init(
      response: model.horizonResponse(weeks: horizon), currentSpend: model.currentPlan(weeks: horizon),
      skuNames: P.skuNames, hierarchyNames: P.hierarchyNames, hierarchy: P.hierarchy, promoTypes: P.promoTypes)
  }

  var skus: Int { skuNames.count }

  /// Distinct values of hierarchy attribute `level` in first-appearance order.
  func levels(of level: Int) -> [String] {
    var seen: [String] = []
    for h in hierarchy where !seen.contains(h[level]) { seen.append(h[level]) }
    return seen
  }
}
