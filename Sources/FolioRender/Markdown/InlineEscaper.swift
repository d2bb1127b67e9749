/// Keeps a line of inline markdown from being parsed as the start of a block.
enum InlineEscaper {
  /// `line` with leading spaces removed and, if it would open a block (ATX
  /// heading, list item, block quote, code fence, thematic break or — after the
  /// first line — a setext underline), the opening character backslash-escaped
  /// (`1. Lift` → `1\. Lift`, `# 3` → `\# 3`). Inline syntax such as `*emphasis*`
  /// is left alone.
  static func escapeBlockStart(_ line: Substring, isFirstLine: Bool) -> String {
    let text = line.drop(while: { $0 == " " || $0 == "\t" })
    guard let first = text.first else { return "" }
    let rest = text.dropFirst()
    let followedByBlank = rest.first.map { $0 == " " || $0 == "\t" } ?? true

    switch first {
    case "#":
      let hashes = text.prefix(while: { $0 == "#" }).count
      let after = text.dropFirst(hashes).first
      if hashes <= 6, after == nil || after == " " || after == "\t" { return "\\" + text }
    case "-", "+", "*":
      if followedByBlank || isThematicBreak(text) { return "\\" + text }
      if first == "-", !isFirstLine, text.allSatisfy({ $0 == "-" || $0 == " " }) { return "\\" + text }
    case "_":
      if isThematicBreak(text) { return "\\" + text }
    case "=":
      if !isFirstLine, text.allSatisfy({ $0 == "=" || $0 == " " }) { return "\\" + text }
    case ">":
      return "\\" + text
    case "`", "~":
      let fence = text.prefix(while: { $0 == first }).count
      if fence >= 3, first == "~" || !text.dropFirst(fence).contains("`") { return "\\" + text }
    default:
      let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
      if (1...9).contains(digits.count) {
        let after = text.dropFirst(digits.count)
        if let marker = after.first, marker == "." || marker == ")" {
          let next = after.dropFirst().first
          if next == nil || next == " " || next == "\t" {
            return String(digits) + "\\" + after
          }
        }
      }
    }
    return String(text)
  }

  /// Three or more of the same `*`, `-` or `_`, optionally spaced, and nothing else.
  private static func isThematicBreak(_ text: Substring) -> Bool {
    guard let marker = text.first else { return false }
    let nonSpace = text.filter { $0 != " " && $0 != "\t" }
    return nonSpace.count >= 3 && nonSpace.allSatisfy { $0 == marker }
  }
}
