import FolioData

/// What an executed block shows in the report, independent of HTML.
public enum BlockOutput: Sendable, Equatable {
  /// A data table (numbered "Table n" by the renderer).
  case table(TableSpec)
  /// A chart (numbered "Figure n").
  case chart(ChartSpec)
  /// The executive summary; the renderer moves it to the top of the report.
  case summary(SummarySpec)
  /// A one-line note, e.g. "Loaded 1,204 rows × 9 columns from sales.csv".
  case note(String)
  /// Markdown produced by the directive (e.g. an interpretation paragraph).
  case markdown(String)
}

/// A file a block wants written next to the report (e.g. a CSV export).
public struct Attachment: Sendable, Equatable {
  /// File name relative to the report's folder `DIR/<stem>/`.
  public var fileName: String
  public var contents: String
  public init(fileName: String, contents: String) {
    self.fileName = fileName
    self.contents = contents
  }
}

/// A named tabular result (e.g. MODEL_RESULTS) that the CLI writes as
/// `<name>.csv` and as a table of the run's SQLite file.
public struct ResultTable: Sendable, Equatable {
  /// Table name: letters, digits and `_`, unique within a notebook.
  public var name: String
  public var frame: Frame
  public init(name: String, frame: Frame) {
    self.name = name
    self.frame = frame
  }
}

/// What a directive returns: its value for references and results.json
/// (or a typed model whose `view` is that value), what to show, files to
/// write beside the report, and result tables.
public struct DirectiveResult: Sendable {
  public var value: Value
  /// The typed result later blocks read, when the block produces one.
  public var model: (any BlockModel)?
  public var outputs: [BlockOutput]
  public var attachments: [Attachment]
  public var tables: [ResultTable]
  public init(value: Value, outputs: [BlockOutput] = [], attachments: [Attachment] = [], tables: [ResultTable] = []) {
    self.value = value
    self.outputs = outputs
    self.attachments = attachments
    self.tables = tables
  }

  /// A result carrying a typed model; its value is the model's `view`.
  public init(model: any BlockModel, outputs: [BlockOutput] = [], attachments: [Attachment] = [], tables: [ResultTable] = []) {
    self.init(value: model.view, outputs: outputs, attachments: attachments, tables: tables)
    self.model = model
  }
}
