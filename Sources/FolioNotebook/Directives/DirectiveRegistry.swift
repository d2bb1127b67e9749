/// The directives a notebook can call, by name.
///
/// The registry is a value: the CLI builds the default one, tests can build
/// one with extra directives.
public struct DirectiveRegistry: Sendable {
  private var byName: [String: any Directive.Type] = [:]
  /// Names in registration order, for listings.
  public private(set) var names: [String] = []

  public init(_ directives: [any Directive.Type]) {
    for d in directives { register(d) }
  }

  public mutating func register(_ d: any Directive.Type) {
    if byName[d.name] == nil { names.append(d.name) }
    byName[d.name] = d
  }

  public subscript(name: String) -> (any Directive.Type)? { byName[name] }

  /// Every directive Folio ships.
  public static let standard = DirectiveRegistry([
    // Data, presentation and the executive summary.
    DataDirective.self, TableDirective.self, ChartDirective.self, SummaryDirective.self,
    // Models.
    GLMDirective.self,
    MMMDataDirective.self, MMMSearchDirective.self, MMMBayesDirective.self, MMMCVDirective.self, MMMROIDirective.self,
    MMMCurvesDirective.self, MMMPlanDirective.self, MMMForecastDirective.self,
    PromoModelDirective.self,
    PromoPlanDirective.self,
  ])
}
