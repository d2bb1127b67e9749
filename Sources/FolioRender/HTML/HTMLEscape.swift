/// Escaping for text placed in HTML or SVG (XML) content and attribute values.
public enum HTMLEscape {
  /// Replaces `& < > " '` by entities; safe in element content and in
  /// double- or single-quoted attribute values of HTML and SVG.
  public static func escape(_ s: String) -> String {
    // Most text (numbers, colours, labels) has nothing to escape: return it
    // as is instead of rebuilding it scalar by scalar.
    guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }
}
