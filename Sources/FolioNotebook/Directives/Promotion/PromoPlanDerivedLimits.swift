import FolioData
import FolioModels

/// Limits given as multiples of each group's spend under the current plan
/// (`brand_cap_multiple`, `pack_limit_multiple`, `segment_bound_multiples`),
/// for every group not named explicitly, in the order groups first appear
/// among the SKUs. They let a notebook constrain data whose brands it does not know.
enum PromoPlanDerivedLimits {
  static func add(_ o: ParsedOptions, model: PromoModel, to c: inout PromoPlanConstraints) throws(NotebookError) {
    let P = model.panel, K = P.promoTypes
    let current = model.currentPlan(weeks: c.horizon)
    func groups(_ levelName: String, _ option: some AnyOptionDeclaration) throws(NotebookError) -> [(name: String, spend: Double)] {
      guard let level = P.hierarchyNames.firstIndex(of: levelName) else {
        throw NotebookError(
          o.location(of: option),
          "\(option.name): the model has no hierarchy column '\(levelName)'; its hierarchy is \(P.hierarchyNames.joined(separator: ", "))")
      }
      var out: [(name: String, spend: Double)] = []
      for s in 0..<P.skus {
        let spend = (0..<K).reduce(0.0) { $0 + current[s * K + $1] }
        if let i = out.firstIndex(where: { $0.name == P.hierarchy[s][level] }) { out[i].spend += spend } else {
          out.append((P.hierarchy[s][level], spend))
        }
      }
      return out
    }
    if let m = o[PromoPlanDirective.brandCapMultiple] {
      for g in try groups(c.brandLevel, PromoPlanDirective.brandCapMultiple) where !c.brandCaps.contains(where: { $0.group == g.name }) {
        c.brandCaps.append(.init(g.name, maximum: m * g.spend))
      }
    }
    if let m = o[PromoPlanDirective.packLimitMultiple] {
      for g in try groups(c.packLevel, PromoPlanDirective.packLimitMultiple) where !c.packLimits.contains(where: { $0.group == g.name }) {
        c.packLimits.append(.init(g.name, maximum: m * g.spend))
      }
    }
    if let (lo, hi) = o[PromoPlanDirective.segmentBoundMultiples] {
      for g in try groups(c.segmentLevel, PromoPlanDirective.segmentBoundMultiples)
      where !c.segmentBounds.contains(where: { $0.group == g.name }) {
        c.segmentBounds.append(.init(g.name, lower: lo * g.spend, upper: hi * g.spend))
      }
    }
  }
}
