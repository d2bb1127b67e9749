/// `--shard I/N`: which rows of a `--params-file` one process renders, so a
/// batch splits across machines with no coordinator (a Kubernetes Indexed
/// Job, a Slurm job array, a CI matrix): shard I of N renders the rows r
/// (0-based, in file order) with r mod N == I. The N shards together render
/// every row exactly once.
struct ShardSpec: Equatable {
  /// 0-based shard number, 0 ≤ index < count.
  let index: Int
  /// Number of shards, ≥ 1.
  let count: Int

  /// Parses `I/N`.
  /// - Throws: `ShardSpec.Malformed` saying what was expected.
  init(parsing text: String) throws(Malformed) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      throw Malformed(message: "expected I/N (shard I of N, 0-based, e.g. 0/4), found '\(text)'")
    }
    guard n >= 1 else { throw Malformed(message: "expected at least one shard (N ≥ 1), found '\(text)'") }
    guard i >= 0 && i < n else {
      throw Malformed(message: "expected a shard number from 0 to \(n - 1) (0-based), found '\(text)'")
    }
    index = i
    count = n
  }

  /// Whether row `row` (0-based) is this shard's.
  func owns(row: Int) -> Bool { row % count == index }

  struct Malformed: Error {
    var message: String
  }
}
