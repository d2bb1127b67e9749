/// Everything the report template shows: a value type the renderer fills and
/// ``ReportTemplate`` turns into one self-contained HTML document.
///
/// Fields of type ``HTML`` (`summaryHTML`, `bodyHTML`) are inserted as is:
/// only escaping, libcmark and Folio's own markup make ``HTML``. Every
/// `String` is plain text and is HTML-escaped by the template.
public struct ReportPage: Sendable, Hashable {
  /// One table-of-contents line, usually from ``Heading``.
  public struct TOCEntry: Sendable, Hashable {
    /// 1–4; deeper levels are indented.
    public var level: Int
    public var text: String
    /// The `id` of the heading it links to (`#id`).
    public var id: String

    public init(level: Int, text: String, id: String) {
      self.level = level
      self.text = text
      self.id = id
    }

    public init(_ heading: Heading) {
      self.init(level: heading.level, text: heading.text, id: heading.id)
    }
  }

  /// An input file the notebook read, with its content hash.
  public struct InputFile: Sendable, Hashable {
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(path: String, sha256: String) {
      self.path = path
      self.sha256 = sha256
    }
  }

  /// A notebook parameter and the value it had for this run, as displayed.
  public struct Parameter: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// What produced the report, so a reader can reproduce it.
  public struct Provenance: Sendable, Hashable {
    public var folioVersion: String
    /// The notebook's file name (`campaign.md`).
    public var notebookName: String
    /// Lowercase hex SHA-256 of the notebook's bytes.
    public var notebookSHA256: String
    /// In the order the notebook read them.
    public var inputs: [InputFile]
    /// In declaration order.
    public var params: [Parameter]
    /// The random seed used by resampling and optimisers, when any ran.
    public var seed: UInt64?
    /// Free text such as `folio render campaign.md --param region=EU`.
    public var generatedBy: String

    public init(
      folioVersion: String, notebookName: String, notebookSHA256: String,
      inputs: [InputFile] = [], params: [Parameter] = [], seed: UInt64? = nil,
      generatedBy: String
    ) {
      self.folioVersion = folioVersion
      self.notebookName = notebookName
      self.notebookSHA256 = notebookSHA256
      self.inputs = inputs
      self.params = params
      self.seed = seed
      self.generatedBy = generatedBy
    }
  }

  /// How the notebook's executable blocks fared.
  public struct Status: Sendable, Hashable {
    public var blocksRun: Int
    public var blocksFailed: Int

    public init(blocksRun: Int, blocksFailed: Int) {
      self.blocksRun = blocksRun
      self.blocksFailed = blocksFailed
    }
  }

  public var title: String
  public var subtitle: String?
  public var author: String?
  /// Shown as given (`2024-06-30`); the renderer never reads the clock.
  public var date: String?
  /// The executive summary panel, already HTML
  /// (`<section class="summary"><div class="headlines">…</div><div class="cards">…`).
  public var summaryHTML: HTML?
  /// Empty hides the contents box.
  public var toc: [TOCEntry]
  /// The executed notebook, already HTML.
  public var bodyHTML: HTML
  public var provenance: Provenance
  public var status: Status
  /// Extra CSS appended after the template's stylesheet (empty for none); a
  /// `<` in it is written as the CSS escape `\3C ` (see ``HTML/styleSheet(_:)``).
  public var css: String

  public init(
    title: String, subtitle: String? = nil, author: String? = nil, date: String? = nil,
    summaryHTML: HTML? = nil, toc: [TOCEntry] = [], bodyHTML: HTML,
    provenance: Provenance, status: Status, css: String = ""
  ) {
    self.title = title
    self.subtitle = subtitle
    self.author = author
    self.date = date
    self.summaryHTML = summaryHTML
    self.toc = toc
    self.bodyHTML = bodyHTML
    self.provenance = provenance
    self.status = status
    self.css = css
  }
}
