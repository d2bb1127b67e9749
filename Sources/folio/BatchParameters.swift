import FolioData
import FolioStore
import Foundation

/// The rows of a `--params-file` CSV: one run per row, one param per column.
enum BatchParameters {
  /// Each row as (param, text) pairs in column order. Empty cells are an
  /// error: every run must say every value it sets.
  static func read(_ path: String) throws -> [[(name: String, value: String)]] {
    let frame: Frame
    do { frame = try CSVReader.read(path: path) } catch {
      throw UsageError(description: "--params-file: \(error.description)")
    }
    guard frame.rowCount > 0 else { throw UsageError(description: "--params-file \(path): expected at least one row of parameters") }
    var rows: [[(String, String)]] = []
    for r in 0..<frame.rowCount {
      var row: [(String, String)] = []
      for (name, column) in zip(frame.columnNames, frame.columns) {
        guard !column.isMissing(r) else {
          throw UsageError(description: "\(path):\(r + 2): column '\(name)' is empty; expected a value for every parameter")
        }
        row.append((name, column[r].text))
      }
      rows.append(row)
    }
    return rows
  }

  /// A file stem for one run: `<base>--<values>` made filename-safe and unique.
  static func stem(base: String, row: [(name: String, value: String)], index: Int, taken: inout Set<String>) -> String {
    // A connection string's password must not become part of a file name (or the index page's link).
    let joined = row.map { ConnectionString.redacted($0.value) }.joined(separator: "-")
    var slug = String(joined.unicodeScalars.map { s -> Character in
      (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "." || s == "-") && s.isASCII ? Character(s) : "_"
    })
    if slug.isEmpty || slug.count > 80 { slug = "run\(index + 1)" }
    var stem = "\(base)--\(slug)"
    if taken.contains(stem) { stem += "-\(index + 1)" }
    taken.insert(stem)
    return stem
  }
}
