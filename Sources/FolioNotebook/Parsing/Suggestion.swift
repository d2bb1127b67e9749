/// "Did you mean …?" hints for misspelled names (options, columns, labels).
public enum Suggestion {
  /// `"; did you mean 'x'?"`-style suffix when a candidate is within edit
  /// distance 2 (or a third of the name's length), else an empty string.
  public static func didYouMean(_ name: String, in candidates: [String]) -> String {
    guard let best = closest(to: name, in: candidates) else { return "" }
    return " (did you mean '\(best)'?)"
  }

  /// The candidate nearest to `name` by Levenshtein distance, if close enough.
  public static func closest(to name: String, in candidates: [String]) -> String? {
    let limit = max(2, name.count / 3)
    var best: (String, Int)?
    for c in candidates {
      let d = distance(name.lowercased(), c.lowercased())
      if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
    }
    return best?.0
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }
}
