import FolioData

/// A directive block's options decoded against its declarations: what `run`
/// reads, by declaration (`options[Self.budget]`), never by parsing nodes.
///
/// Every declared option has a value (decoded, or its default), except
/// required options in a check-time parse whose text holds `{{ … }}`; those
/// are `isPresent` but unresolved until the block runs.
public struct ParsedOptions: Sendable {
  /// The directive name, for messages.
  public let directive: String
  /// Location of the block's fence (where a defaulted option "is").
  public let blockLocation: SourceLocation
  /// The block's label, if it has one (seeds derive from it).
  public let label: String?
  /// The options as written (interpolated when parsed for a run).
  public let node: OptionNode
  var values: [String: any Sendable] = [:]
  var locations: [String: SourceLocation] = [:]
  var present: Set<String> = []

  init(directive: String, label: String?, blockLocation: SourceLocation, node: OptionNode) {
    self.directive = directive
    self.label = label
    self.blockLocation = blockLocation
    self.node = node
  }

  /// The decoded value of a declared option (its default when absent).
  ///
  /// Every declared option is decoded or defaulted before `run` (a missing
  /// required option is a located error), so only a directive asking for an
  /// option it did not declare, a programming error that no notebook can
  /// cause, reaches the precondition; each directive's tests run its `run`.
  public subscript<V>(_ declaration: OptionDeclaration<V>) -> V {
    if let v = values[declaration.name] as? V { return v }
    if let d = declaration.defaultValue { return d }
    preconditionFailure("option '\(declaration.name)' of {\(directive)} was not declared or not decoded")
  }

  /// Whether every declared option has its value (false at check time when
  /// an option holds `{{ … }}`); cross-option rules run only then.
  public var isComplete: Bool { unresolved.isEmpty }
  var unresolved: Set<String> = []

  /// Whether the option was written in the block.
  public func isPresent(_ declaration: some AnyOptionDeclaration) -> Bool { present.contains(declaration.name) }
  public func isPresent(_ name: String) -> Bool { present.contains(name) }

  /// Where the option's value is written, or the block's fence when it is absent.
  public func location(of declaration: some AnyOptionDeclaration) -> SourceLocation {
    locations[declaration.name] ?? blockLocation
  }

  /// The option's node as written, for options whose value must be read
  /// against data (e.g. a fill value typed as its column).
  public func node(of declaration: some AnyOptionDeclaration) -> OptionNode? { node[declaration.name] }
}
