import FolioData

/// A table ready to show: headers, pre-formatted cell text and alignment.
///
/// Formatting happens in the directive (with `NumberFormat`), so the renderer
/// only lays out text and the report and its CSV export agree.
public struct TableSpec: Sendable, Equatable {
  /// One column of the table.
  public struct Column: Sendable, Equatable {
    public var header: String
    /// Numbers are right-aligned with tabular figures.
    public var isNumeric: Bool
    public init(header: String, isNumeric: Bool) {
      self.header = header
      self.isNumeric = isNumeric
    }
  }

  public var columns: [Column]
  /// Shown rows, each with one text per column.
  public var rows: [[String]]
  /// Rows in the data, shown or not; the report notes `totalRows − rows.count` more.
  public var totalRows: Int
  /// File name of the CSV export beside the report, if any.
  public var exportFile: String?
  /// The table's own caption (markdown); a block's `caption` option overrides
  /// it for the block's first table or figure.
  public var caption: String?

  public init(columns: [Column], rows: [[String]], totalRows: Int, exportFile: String? = nil, caption: String? = nil) {
    self.columns = columns
    self.rows = rows
    self.totalRows = totalRows
    self.exportFile = exportFile
    self.caption = caption
  }
}

/// The executive-summary panel: headline sentences and key-figure cards.
public struct SummarySpec: Sendable, Equatable {
  /// One key figure.
  public struct Card: Sendable, Equatable {
    public var value: String
    public var label: String
    public var note: String?
    public init(value: String, label: String, note: String? = nil) {
      self.value = value
      self.label = label
      self.note = note
    }
  }

  /// Markdown paragraphs (values already interpolated).
  public var headlines: [String]
  public var cards: [Card]
  public init(headlines: [String], cards: [Card]) {
    self.headlines = headlines
    self.cards = cards
  }
}
