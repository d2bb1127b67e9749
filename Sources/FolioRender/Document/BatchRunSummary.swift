import FolioNotebook
import FolioStore

/// What the batch index page shows of one run: its title, status and key
/// figures, taken from the executed document.
///
/// It is a plain value (`Codable`) rather than the document itself so that a
/// batch split across processes (`folio render --shard I/N`) can keep it
/// beside each run's report and `folio index` can build the same index page
/// later from the output folder alone. Every field is text or a count, so it
/// survives JSON unchanged and the page built from it is byte-identical.
public struct BatchRunSummary: Codable, Equatable, Sendable {
  /// A key figure: a `{summary}` card's label (markdown) and value (text).
  public struct Card: Codable, Equatable, Sendable {
    public var label: String
    public var value: String
    public init(label: String, value: String) {
      self.label = label
      self.value = value
    }
  }

  /// The notebook's front-matter title.
  public var title: String
  /// The notebook's path as given on the command line.
  public var notebookPath: String
  /// Lowercase hex SHA-256 of the notebook's bytes.
  public var notebookSHA256: String
  /// Directive blocks in the run.
  public var directiveCount: Int
  /// Directive blocks that failed.
  public var failedCount: Int
  /// Whether the run has any error (a failed block or an inline error).
  public var hasErrors: Bool
  /// The cards of the run's `{summary}` blocks, in document order.
  public var cards: [Card]

  enum CodingKeys: String, CodingKey {
    case title, cards
    case notebookPath = "notebook_path"
    case notebookSHA256 = "notebook_sha256"
    case directiveCount = "directive_count"
    case failedCount = "failed_count"
    case hasErrors = "has_errors"
  }

  public init(
    title: String, notebookPath: String, notebookSHA256: String, directiveCount: Int, failedCount: Int,
    hasErrors: Bool, cards: [Card]
  ) {
    self.title = title
    self.notebookPath = notebookPath
    self.notebookSHA256 = notebookSHA256
    self.directiveCount = directiveCount
    self.failedCount = failedCount
    self.hasErrors = hasErrors
    self.cards = cards
  }

  /// The summary of an executed run; connection strings in its text lose
  /// their password, since the summary is written to `batch-run.json`.
  public init(_ document: ExecutedDocument) {
    let cards = document.blocks.flatMap { block -> [SummarySpec.Card] in
      guard case .directive(let d) = block else { return [] }
      return d.outputs.flatMap { o -> [SummarySpec.Card] in
        if case .summary(let s) = o { return s.cards }
        return []
      }
    }
    self.init(
      title: ConnectionString.redacted(document.notebook.frontMatter.title), notebookPath: document.notebook.path,
      notebookSHA256: document.notebookSHA256, directiveCount: document.directiveCount,
      failedCount: document.failedCount, hasErrors: document.hasErrors,
      cards: cards.map { Card(label: ConnectionString.redacted($0.label), value: ConnectionString.redacted($0.value)) })
  }
}
