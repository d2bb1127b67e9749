import FolioData

/// A notebook directive: the code behind ```` ```{name} label ````.
///
/// A directive declares its options (so `folio check` can catch typos
/// without running anything), can validate them statically, and runs with an
/// `ExecutionContext` that holds the params, seed and earlier results. It
/// returns a `DirectiveResult`: a value plus outputs to show; it never emits HTML.
public protocol Directive: Sendable {
  /// The name inside `{…}`.
  static var name: String { get }
  /// One-line description for the directive reference.
  static var summary: String { get }
  /// Options accepted besides the common `caption`, `echo`, `hidden`.
  static var options: [OptionSpec] { get }
  /// Labels of earlier blocks this call reads through its options (not
  /// counting `{{ … }}`), with where each is written. Default: the values of
  /// options declared with `reference: true` (their first path component).
  static func references(_ call: DirectiveCall) -> [(label: String, location: SourceLocation)]
  /// Files the block will read, as written in its (interpolated) options;
  /// their bytes are part of the block's cache key. Default: none.
  static func inputFiles(_ call: DirectiveCall) -> [String]
  /// Static checks beyond option names and label references (default: none).
  static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError]
  /// Runs the block. Options arrive with `{{ … }}` already interpolated.
  static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult
}

extension Directive {
  public static func inputFiles(_ call: DirectiveCall) -> [String] { [] }
  public static func references(_ call: DirectiveCall) -> [(label: String, location: SourceLocation)] {
    options.filter(\.isReference).compactMap { spec in
      guard let node = call.options[spec.name], case .scalar(let s, _) = node.kind, !s.contains("{{") else { return nil }
      return (String(s.split(separator: ".").first ?? Substring(s)), node.location)
    }
  }
  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] { [] }
}

/// A declared directive option: its name, whether it names an earlier block,
/// and a one-line description for the reference docs.
public struct OptionSpec: Sendable {
  public var name: String
  /// The option's value is a block label (or `label.path`), checked to exist above.
  public var isReference: Bool
  public var help: String
  public init(_ name: String, reference: Bool = false, _ help: String) {
    self.name = name
    self.isReference = reference
    self.help = help
  }
}

/// Options every directive accepts.
public enum CommonOptions {
  public static let specs: [OptionSpec] = [
    OptionSpec("caption", "Caption under the block's table or figure (inline values allowed)."),
    OptionSpec("echo", "Show the block's options in a collapsible Method panel (default true)."),
    OptionSpec("hidden", "Run the block but show nothing (default false)."),
  ]
}

/// What static checks can know: the notebook, the labels defined so far and the params.
public struct CheckContext: Sendable {
  public var notebook: Notebook
  public var labelsAbove: Set<String>
  public var params: [String]
}
