import FolioData

/// A CSV of every row of a dataset that results.json shows only in part,
/// written by the CLI into the report's folder as `datasets/<name>.csv`.
public struct DatasetExport: Sendable {
  /// The folder inside DIR/<stem>/ that holds dataset CSVs.
  public static let folder = "datasets"
  /// Path relative to DIR/<stem>/, e.g. `datasets/sales.csv`.
  public var path: String
  public var frame: Frame
}

/// How the datasets of a report's results.json are written: each once, the
/// first time it appears; later appearances refer to it; large ones capped.
///
/// - A dataset whose columns are all columns of a dataset already written
///   (the same data: a `table` of a `data` block, a `data` block that only
///   selects columns, a model's copy of its input) is written as a
///   reference: `{"same_as": "sales", "rows": 5200000}`, plus `"columns"`
///   when it holds only some of them or reorders them. "Same" is decided on
///   the column storage (`DatasetIdentity`), never guessed.
/// - A dataset over `Value.jsonRows` rows (1,000 rows or 100,000 cells)
///   shows its columns, its full row count, `"truncated": true` and its
///   first rows, and `"csv"` points to a CSV of all its rows: the block's
///   own `export:` file when it is a `table` with one, else, when the render
///   asks for it (`folio render --export-datasets`, `exportCapped`),
///   `datasets/<path>.csv` (`exports`), where the path is the result's label
///   and, for a dataset inside a result, its fields (`fit.fitted`).
///   Exports are opt-in because writing them costs time in proportion to the
///   data (about 0.9 s per million rows × 9 columns), which would dominate
///   the render of a multi-million-row notebook.
struct ResultsDatasets {
  /// Whether capped datasets without an `export:` file get a CSV in
  /// `datasets/`; without it their entry has no `"csv"` pointer.
  var exportCapped = false
  /// Datasets written in full so far, with their results path.
  private(set) var written: [(path: String, frame: Frame)] = []
  /// CSVs the report must write for capped datasets.
  private(set) var exports: [DatasetExport] = []
  /// Existing CSV files holding a result's rows, by label (`table` exports).
  var existingCSV: [String: String] = [:]

  mutating func write(_ frame: Frame, path: String, into out: inout String, indent: Int) {
    if let earlier = written.first(where: { DatasetIdentity.isProjection(frame, of: $0.frame) }) {
      let p1 = Value.padding(indent + 1)
      out += "{\n\(p1)\"same_as\": \(Value.jsonQuoted(earlier.path)),\n\(p1)\"rows\": \(frame.rowCount)"
      if frame.columnNames != earlier.frame.columnNames {
        out += ",\n\(p1)\"columns\": [" + frame.columnNames.map(Value.jsonQuoted).joined(separator: ", ") + "]"
      }
      out += "\n\(Value.padding(indent))}"
      return
    }
    written.append((path, frame))
    var csv: String? = nil
    if Value.jsonRows(frame) < frame.rowCount {
      if let existing = existingCSV[path] {
        csv = existing
      } else if exportCapped {
        let file = "\(DatasetExport.folder)/\(uniqueName(Self.fileName(path))).csv"
        exports.append(DatasetExport(path: file, frame: frame))
        csv = file
      }
    }
    Value.writeTable(frame, csv: csv, into: &out, indent: indent)
  }

  /// The results path as a file name: letters, digits, `_`, `-` and `.`
  /// kept, anything else `_`.
  static func fileName(_ path: String) -> String {
    let safe = path.unicodeScalars.map { u -> Character in
      switch u {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": return Character(u)
      default: return "_"
      }
    }
    let name = String(safe)
    return name.isEmpty || name.hasPrefix(".") ? "_" + name : name
  }

  /// `name`, or `name-2`, `name-3`, … when an export already has it.
  private func uniqueName(_ name: String) -> String {
    let taken = Set(exports.map(\.path))
    var candidate = name, k = 2
    while taken.contains("\(DatasetExport.folder)/\(candidate).csv") {
      candidate = "\(name)-\(k)"
      k += 1
    }
    return candidate
  }
}
