import FolioData

/// Text helpers for values read in prose.
enum MMMText {
  /// "A, B, C", or "none" for an empty list (so a sentence never ends in ": .").
  static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}
