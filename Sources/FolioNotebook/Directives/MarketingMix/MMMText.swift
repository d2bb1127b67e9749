import FolioData

/// Text helpers for values read in prose.
enum MMMText {
  /// "A, B, C", or "none" for an empty list (so a sentence never ends in ": .").
  static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}

extension MMMText {
  /// After "unknown channel 'X'": "; did you mean 'Y'?" for a near miss,
  /// else "; expected one of A, B, C".
  static func channelHint(_ name: String, labels: [String]) -> String {
    let hint = NearMatches.hint(for: name, in: labels, noun: "channel")
    return hint.hasPrefix("; did you mean") ? hint : "; expected one of \(labels.joined(separator: ", "))"
  }
}
