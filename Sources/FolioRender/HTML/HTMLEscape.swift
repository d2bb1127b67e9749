/// Escaping for text placed in HTML or SVG (XML) content and attribute values.
public enum HTMLEscape {
  /// Replaces `& < > " '` by entities; safe in element content and in
  /// double- or single-quoted attribute values of HTML and SVG.
  public static func escape(_ s: String) -> String {
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
