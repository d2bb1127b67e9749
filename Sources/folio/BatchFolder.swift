import Foundation

/// The batches whose runs an output folder holds, read back from the
/// `batch-run.json` records beside their reports (`BatchRunRecord`), for
/// `folio index`.
///
/// Every subfolder DIR/<stem>/ holding a record is one run. Runs are grouped
/// by notebook stem (one index page each); within a stem they must all
/// belong to one batch (same notebook, params file and shared `--param`s)
/// and cover every row of its params file, or the folder is reported as
/// incomplete or mixed instead of indexing a partial or stale set.
enum BatchFolder {
  /// One batch's runs, sorted by row.
  struct Batch {
    var base: String
    var records: [BatchRunRecord]
  }

  /// Why a folder cannot be indexed; exit status 1 (a usage error, exit 2,
  /// is a folder that does not exist or holds no batch run at all).
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// The complete batches in `directory`, sorted by notebook stem.
  /// - Throws: `UsageError` when the folder cannot be listed or holds no
  ///   batch run; `Problem` for an unreadable record, a batch with missing
  ///   rows, or runs of two different batches of one notebook.
  static func read(_ directory: String) throws -> [Batch] {
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
      throw UsageError(description: "\(directory): expected an output folder of `folio render --params-file` (\(ReportOutputSet.reason(error)))")
    }
    var records: [(folder: String, record: BatchRunRecord)] = []
    for name in names where !name.hasPrefix(".") {
      let path = (directory as NSString).appendingPathComponent((name as NSString).appendingPathComponent(BatchRunRecord.fileName))
      guard FileManager.default.fileExists(atPath: path) else { continue }
      do { records.append((name, try BatchRunRecord.read(path))) } catch {
        throw Problem(description: "\(error.path): \(error.reason)")
      }
    }
    guard !records.isEmpty else {
      throw UsageError(description: "\(directory): no batch runs found (expected DIR/<stem>/\(BatchRunRecord.fileName), written by `folio render NOTEBOOK --params-file FILE`)")
    }
    let byBase = Dictionary(grouping: records, by: \.record.place.base)
    return try byBase.keys.sorted().map { base in try batch(base, byBase[base] ?? [], in: directory) }
  }

  private static func batch(_ base: String, _ runs: [(folder: String, record: BatchRunRecord)], in directory: String) throws -> Batch {
    let ids = Dictionary(grouping: runs, by: \.record.place.batchID)
    guard ids.count == 1, let first = runs.first else {
      let listed = ids.values.map { group in
        let folders = group.map(\.folder).sorted()
        return "\(folders.count) run\(folders.count == 1 ? "" : "s") (\(folders.prefix(3).joined(separator: ", "))\(folders.count > 3 ? ", …" : ""))"
      }.sorted().joined(separator: "; ")
      throw Problem(description: "\(directory): the runs of \(base) come from \(ids.count) different batches (notebook, params file or --param changed between renders): \(listed); remove the stale reports, or render each batch into its own folder")
    }
    let rows = first.record.place.rows
    var byRow: [Int: BatchRunRecord] = [:]
    for run in runs {
      guard run.record.place.rows == rows, (0..<rows).contains(run.record.place.row), byRow[run.record.place.row] == nil else {
        throw Problem(description: "\(directory)/\(run.folder)/\(BatchRunRecord.fileName): expected row \(run.record.place.row) of \(rows) to appear once")
      }
      byRow[run.record.place.row] = run.record
    }
    let missing = (0..<rows).filter { byRow[$0] == nil }
    guard missing.isEmpty else {
      let shown = missing.prefix(10).map { String($0) }.joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
      throw Problem(description: "\(directory): the batch of \(base) is incomplete: \(missing.count) of \(rows) runs have no report yet (rows \(shown), 0-based, of the params file); wait for every shard to finish, or rerun the shards that failed")
    }
    return Batch(base: base, records: (0..<rows).compactMap { byRow[$0] })
  }
}
