import FolioData
import Foundation

/// DIR/<stem>/.folio-manifest: which files in DIR/<stem>/ a render wrote, so
/// the next render of the notebook replaces exactly those and keeps anything
/// else a user put in the folder.
///
/// JSON with sorted keys, e.g.
/// `{"files": ["MODEL_RESULTS.csv", "results.json", "results.sqlite"], "format": 1, "html": "marketing-mix.html", "run_id": "9f…"}`.
/// `run_id` is the run's `RunRecord.runID` (the same value as
/// `folio_runs.run_id` in results.sqlite), so a tool can tell which run a
/// folder holds.
struct OutputManifest: Codable, Equatable {
  static let fileName = ".folio-manifest"
  /// Bumped if the meaning of the fields changes.
  static let currentFormat = 1

  var format = OutputManifest.currentFormat
  var runID: String
  /// The report's file name in the output folder, `<stem>.html`.
  var html: String
  /// File names in DIR/<stem>/, sorted (the manifest itself not included).
  var files: [String]

  enum CodingKeys: String, CodingKey {
    case format, html, files
    case runID = "run_id"
  }

  /// The manifest's bytes; the same manifest always gives the same bytes.
  func encoded() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Encoding strings and an integer cannot fail; an empty file would read back as no manifest.
    return ((try? encoder.encode(self)).map(Array.init) ?? []) + [0x0A]
  }

  /// The manifest in `folder`, or `nil` when it is absent, unreadable or of
  /// another format (the folder is then treated as written by a Folio that
  /// kept no manifest).
  static func read(folder: String) -> OutputManifest? {
    guard let bytes = try? FileBytes.read((folder as NSString).appendingPathComponent(fileName)),
      let manifest = try? JSONDecoder().decode(OutputManifest.self, from: Data(bytes)),
      manifest.format == currentFormat
    else { return nil }
    return manifest
  }

  /// Whether the entry `name` of a previous DIR/<stem>/ is Folio's (replaced
  /// by the new run) rather than a user's (kept).
  ///
  /// Folio's: the manifest, results.sqlite and its side files
  /// (`-journal`, `-wal`, `-shm`, `.building-…`), and what `previous` lists.
  /// Without a previous manifest (a folder written before manifests existed),
  /// also results.json and every `.csv`: the only kinds of file Folio ever
  /// wrote there.
  private static let sqliteFiles: Set = ["results.sqlite", "results.sqlite-journal", "results.sqlite-wal", "results.sqlite-shm"]

  static func isFolioOutput(_ name: String, previous: OutputManifest?) -> Bool {
    if name == fileName || sqliteFiles.contains(name) || name.hasPrefix("results.sqlite.building-") { return true }
    guard let previous else { return name == "results.json" || name.hasSuffix(".csv") }
    return previous.files.contains(name)
  }
}
