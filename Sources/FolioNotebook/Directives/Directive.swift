import FolioData

/// A notebook directive: the code behind ```` ```{name} label ````.
///
/// A directive declares each option once (`options`, built with `Option`);
/// the declarations drive `folio check`, the decoding of the values `run`
/// receives, the directive reference and the block's cache key. `run` gets
/// the decoded options and an `ExecutionContext` that holds the params, seed
/// and earlier results, and returns a `DirectiveResult`: a value (or a typed
/// `BlockModel`) plus outputs to show; it never emits HTML.
public protocol Directive: Sendable {
  /// The name inside `{…}`.
  static var name: String { get }
  /// One-line description for the directive reference.
  static var summary: String { get }
  /// Every option besides the common `caption`, `echo`, `hidden`, in the
  /// order the reference lists them.
  static var options: [any AnyOptionDeclaration] { get }
  /// Rules across options (e.g. "exactly one source"), run by `folio check`
  /// and before the block runs. Default: none.
  static func validate(_ options: ParsedOptions) -> [NotebookError]
  /// Static checks that need the notebook (default: none).
  static func check(_ options: ParsedOptions, in context: CheckContext) -> [NotebookError]
  /// What besides the block's text, params, upstream results and declared
  /// input files its result depends on. Default: nothing else.
  static func cacheDependencies(_ options: ParsedOptions, context: ExecutionContext) -> CacheDependencies
  /// Runs the block. Options arrive decoded, with `{{ … }}` already filled in.
  static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult
}

extension Directive {
  public static func validate(_ options: ParsedOptions) -> [NotebookError] { [] }
  public static func check(_ options: ParsedOptions, in context: CheckContext) -> [NotebookError] { [] }
  public static func cacheDependencies(_ options: ParsedOptions, context: ExecutionContext) -> CacheDependencies { .none }
}

/// What a block's cached result depends on beyond what the executor derives
/// from the declarations.
public enum CacheDependencies: Sendable, Equatable {
  /// Nothing else.
  case none
  /// These extra key parts (e.g. the hash of what a database query reads).
  case parts([String])
  /// The result can change between runs with the same inputs (a query on a
  /// live server): never served from the cache, and nor are blocks below it.
  case uncacheable
}

/// What static checks can know: the notebook, the labels defined so far and the params.
public struct CheckContext: Sendable {
  public var notebook: Notebook
  public var labelsAbove: Set<String>
  public var params: [String]
}
