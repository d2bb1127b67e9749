import FolioStats

extension ChartBuilder {
  /// A uniform random sample of `size` of `candidates` (row indices), without
  /// replacement, returned in ascending (file) order.
  ///
  /// A partial Fisher–Yates shuffle: for i = 0 … size − 1, swap position i
  /// with a position drawn uniformly from i ..< count by `SplitMix64(seed)`
  /// (Lemire's unbiased bounded draw); the first `size` positions are the
  /// sample. Every subset of `size` rows is equally likely, and the same
  /// candidates and seed give the same sample on every platform.
  /// All candidates are returned when `size` ≥ their count.
  /// - Complexity: O(count) for the copy, O(size log size) for the sort.
  static func sampledRows(_ candidates: [Int], size: Int, seed: UInt64) -> [Int] {
    guard size < candidates.count else { return candidates }
    var rng = SplitMix64(seed: seed)
    var pool = candidates
    for i in 0..<max(0, size) {
      pool.swapAt(i, i + rng.index(below: pool.count - i))
    }
    return pool.prefix(max(0, size)).sorted()
  }
}

extension ChartBuilder.Context {
  /// The groups of a scatter, cut to the `sample:` rows when one is asked
  /// for and smaller than the rows with an x value; `note` then says so
  /// ("Random sample of 5,000 of 1,000,000 rows (seed 7)").
  func sampledGroups(x: [Double]) throws(ChartBuildError) -> (groups: [(name: String?, rows: [Int])], note: String?) {
    let all = try groups()
    guard options.type == .scatter, let size = options.sample else { return (all, nil) }
    let candidates = all.flatMap { $0.rows.filter { !x[$0].isNaN } }.sorted()
    guard size < candidates.count else { return (all, nil) }
    var keep = [Bool](repeating: false, count: frame.rowCount)
    for r in ChartBuilder.sampledRows(candidates, size: size, seed: options.sampleSeed) { keep[r] = true }
    let f = NumberFormat(.thousands, digits: 0)
    let note =
      "Random sample of \(f.format(Double(size))) of \(f.format(Double(candidates.count))) rows (seed \(options.sampleSeed))"
    return (all.map { ($0.name, $0.rows.filter { keep[$0] }) }, note)
  }
}
