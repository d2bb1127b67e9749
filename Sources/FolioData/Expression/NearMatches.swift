/// Names close to a misspelt one, for "did you mean" hints.
public enum NearMatches {
  /// Up to `limit` candidates within edit distance ≤ max(1, |name|/3), or equal
  /// ignoring case, closest first, ties in candidate order.
  public static func of(_ name: String, in candidates: [String], limit: Int = 3) -> [String] {
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
  public static func hint(for name: String, in candidates: [String], noun: String) -> String {
    let near = of(name, in: candidates)
    if !near.isEmpty {
      return "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
    if candidates.isEmpty { return "; there are no \(noun)s" }
    let shown = candidates.prefix(12).joined(separator: ", ")
    return "; \(noun)s are: \(shown)" + (candidates.count > 12 ? ", …" : "")
  }

  /// Optimal-string-alignment distance: Levenshtein plus adjacent
  /// transpositions, so the common typo "titel" is one edit from "title".
  private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
