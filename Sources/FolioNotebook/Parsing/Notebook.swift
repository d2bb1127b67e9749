import FolioData

/// A parsed notebook: front matter plus its blocks in document order.
///
/// Produced by `NotebookParser`, consumed by `NotebookChecker` and `Executor`;
/// nothing here has run yet.
public struct Notebook: Sendable {
  /// The path used in diagnostics (as given on the command line).
  public var path: String
  /// The full source text, line ends normalized to LF (so the report and
  /// its notebook SHA-256 do not depend on the editor's line-ending convention).
  public var source: String
  public var frontMatter: FrontMatter
  public var blocks: [Block]
  /// Every problem found while parsing, in document order: front-matter
  /// errors, directive headers, invalid or over-limit YAML, unclosed or
  /// nested directive fences. Parsing goes on past each one, so `folio check`
  /// reports them all; a block whose options could not be read is still in
  /// `blocks`, with its `optionsError` set.
  public var problems: [NotebookError] = []
}

/// One block of a notebook.
public enum Block: Sendable {
  /// Markdown prose (may contain ordinary code fences and `{{ … }}` inline values).
  case prose(Prose)
  /// A fenced directive call, ```` ```{name} label ````.
  case directive(DirectiveCall)
}

/// A run of markdown lines between directive blocks.
public struct Prose: Sendable {
  public var text: String
  /// Notebook line of the first line of `text`.
  public var firstLine: Int
}

/// A directive call: its name, label, YAML options and where it sits.
public struct DirectiveCall: Sendable {
  /// Directive name, e.g. `data`, `glm`.
  public var name: String
  /// Block label used to refer to its results; `nil` for unlabeled blocks.
  public var label: String?
  /// Location of the opening fence.
  public var location: SourceLocation
  /// Location of the directive name inside `{…}`.
  public var nameLocation: SourceLocation
  /// Location of the label, or of the fence when there is none.
  public var labelLocation: SourceLocation
  /// Parsed YAML body (a mapping; empty when the body is empty).
  public var options: OptionNode
  /// The raw YAML body, shown in the report's Method panel.
  public var body: String
  /// Why `options` could not be read (invalid YAML, a YAML limit, not a
  /// mapping); `options` is then an empty mapping. Also in `Notebook.problems`.
  public var optionsError: NotebookError?

  /// Label if present, else `name@line`, for messages and progress lines.
  public var displayName: String { label ?? "\(name)@\(location.line)" }
}
