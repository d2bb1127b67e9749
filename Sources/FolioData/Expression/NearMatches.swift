/// Names close to a misspelt one, for "did you mean" hints.
enum NearMatches {
  /// Up to `limit` candidates within edit distance ≤ max(1, |name|/3), or equal
  /// ignoring case, closest first, ties in candidate order.
  static func of(_ name: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased().unicodeScalars)
    let budget = max(1, target.count / 3)
    var scored: [(distance: Int, order: Int, name: String)] = []
    for (i, c) in candidates.enumerated() {
      let d = distance(target, Array(c.lowercased().unicodeScalars))
      if d <= budget { scored.append((d, i, c)) }
    }
    scored.sort { ($0.distance, $0.order) < ($1.distance, $1.order) }
    return scored.prefix(limit).map(\.name)
  }

  /// A hint sentence: `; did you mean 'SALES'?`, or the list of all names
  /// (first 12) when nothing is close.
  static func hint(for name: String, in candidates: [String], noun: String) -> String {
    let near = of(name, in: candidates)
    if !near.isEmpty {
      return "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
    if candidates.isEmpty { return "; there are no \(noun)s" }
    let shown = candidates.prefix(12).joined(separator: ", ")
    return "; \(noun)s are: \(shown)" + (candidates.count > 12 ? ", …" : "")
  }

  /// Levenshtein distance.
  private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var row = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      row[0] = i
      for j in 1...b.count {
        row[j] = Swift.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &row)
    }
    return previous[b.count]
  }
}
