/// Keeps an inserted value's text direction from reordering the text around it.
///
/// A value from data may hold right-to-left letters or explicit bidi controls
/// (U+202E RIGHT-TO-LEFT OVERRIDE and its kin). Inserted into a sentence, an
/// override left open would reverse everything after it up to the end of the
/// paragraph ("Top ‮A, then B" shows "B neht ,A"). Wrapping the value in
/// FIRST STRONG ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069) makes it
/// its own isolated run, as `<bdi>` does in HTML: the PDI closes every
/// embedding or override opened inside (UAX #9, X6a). The marks are invisible
/// and survive markdown, HTML and SVG unchanged.
public enum BidiIsolation {
  /// `text` wrapped in FSI … PDI when it holds a bidi control or a
  /// right-to-left letter; left-to-right text (every shipped notebook's
  /// data) comes back unchanged.
  public static func isolated(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsIsolation) else { return text }
    return "\u{2068}" + text + "\u{2069}"
  }

  /// Explicit bidi controls and letters of the right-to-left scripts (Hebrew,
  /// Arabic, Syriac, Thaana, N'Ko, …, their presentation forms, and the
  /// supplementary right-to-left blocks).
  static func needsIsolation(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
    default: return false
    }
  }
}
