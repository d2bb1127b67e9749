/// Makes GitHub-style heading ids, unique within one document or report.
///
/// The slug of a heading's plain text is: lowercased, every character that is not
/// a letter, digit, space, `-` or `_` removed, then each space replaced by `-`
/// (`"ROI: 2024 vs. 2023"` → `roi-2024-vs-2023`). The first use of a slug is kept
/// as is; later uses get `-1`, `-2`, … appended (skipping any id already taken).
/// Text with nothing left after cleaning (`"???"`) becomes `section`.
///
/// Share one slugger across all the markdown pieces of a report (pass it `inout`
/// to ``MarkdownRenderer/render(_:slugger:)``) and reserve the ids the report
/// template itself uses, so no two elements share an id.
public struct HeadingSlugger: Sendable {
  private var taken: Set<String>

  /// - Parameter reserved: ids already used elsewhere on the page.
  public init(reserved: Set<String> = []) {
    taken = reserved
  }

  /// The slug of `text` before de-duplication.
  public static func slug(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased() {
      if ch == " " {
        out.append("-")
      } else if ch == "-" || ch == "_" || ch.isLetter || ch.isNumber {
        out.append(ch)
      }
    }
    return out.isEmpty ? "section" : out
  }

  /// A slug for `text` not returned before by this slugger; records it as taken.
  public mutating func uniqueID(for text: String) -> String {
    let base = Self.slug(text)
    var candidate = base
    var n = 0
    while taken.contains(candidate) {
      n += 1
      candidate = "\(base)-\(n)"
    }
    taken.insert(candidate)
    return candidate
  }
}
