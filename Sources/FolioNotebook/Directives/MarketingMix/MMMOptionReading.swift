import FolioData

/// Option helpers shared by the marketing-mix directives: bounded numbers
/// and per-channel mappings, each error located at the offending value.
enum MMMOptionReading {
  static func int(_ o: OptionNode, _ key: String, default d: Int, range: ClosedRange<Int>, unit: String) throws -> Int {
    guard let node = o[key] else { return d }
    let v = try node.int(key)
    guard range.contains(v) else {
      throw NotebookError(node.location, "\(key): expected \(range.lowerBound) to \(range.upperBound) \(unit), found \(v)")
    }
    return v
  }

  static func double(_ o: OptionNode, _ key: String, default d: Double, valid: (Double) -> Bool, expected: String) throws -> Double {
    guard let node = o[key] else { return d }
    let v = try node.double(key)
    guard v.isFinite, valid(v) else { throw NotebookError(node.location, "\(key): expected \(expected), found \(NumberFormat.automatic.format(v))") }
    return v
  }

  /// `{channel: amount}` → one value per channel (nil where not given);
  /// keys may be display labels or channel keys.
  static func perChannel(_ o: OptionNode, _ key: String, labels: [String], keys: [String]) throws -> [Double]? {
    guard let node = o[key] else { return nil }
    var out = [Double?](repeating: nil, count: labels.count)
    for e in try node.entries(key) {
      guard let c = labels.firstIndex(of: e.key) ?? keys.firstIndex(of: e.key) else {
        throw NotebookError(e.keyLocation, "\(key): unknown channel '\(e.key)'\(NearMatches.hint(for: e.key, in: labels, noun: "channel"))")
      }
      let v = try e.value.double("\(key).\(e.key)")
      guard v >= 0, v.isFinite else { throw NotebookError(e.value.location, "\(key).\(e.key): expected a weekly spend of 0 or more, found \(v)") }
      out[c] = v
    }
    return out.map { $0 ?? .nan }
  }

  /// A number at `path` inside a result value (NaN when absent).
  static func number(_ value: Value, _ path: String...) -> Double {
    var v: Value? = value
    for p in path { v = v?[p] }
    return v?.doubleValue ?? .nan
  }
}

/// Text helpers for values read in prose.
enum MMMText {
  /// "A, B, C", or "none" for an empty list (so a sentence never ends in ": .").
  static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}
