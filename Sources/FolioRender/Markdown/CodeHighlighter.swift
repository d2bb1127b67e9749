/// Server-side syntax highlighting for fenced code blocks, with no JavaScript.
///
/// Wraps tokens in `<span class="tok-kw">` (keyword), `tok-str` (string
/// literal), `tok-num` (number) or `tok-com` (comment); everything else is
/// HTML-escaped text. The report CSS colours these classes.
public enum CodeHighlighter {
  /// Token classes, as used in the `class` attribute.
  enum TokenClass: String {
    case keyword = "tok-kw"
    case string = "tok-str"
    case number = "tok-num"
    case comment = "tok-com"
  }

  /// Whether `infoString` (a fence's info string such as `python` or `yml title`)
  /// names a language ``highlight(_:infoString:)`` knows.
  public static func supports(infoString: String) -> Bool {
    CodeLanguage(infoString: infoString) != nil
  }

  /// The escaped, highlighted HTML of `code` (the content of `<code>`, without the
  /// `<pre><code>` wrapper), or `nil` when the info string's language is unknown.
  ///
  /// Known languages: python (py), sql, r, yaml (yml), json, bash (sh, shell),
  /// swift. Unterminated strings and comments end at the end of the line
  /// (block comments and triple-quoted strings at the end of the code).
  public static func highlight(_ code: String, infoString: String) -> String? {
    guard let language = CodeLanguage(infoString: infoString) else { return nil }
    var lexer = CodeLexer(code: code, language: language)
    return lexer.html()
  }
}

/// One pass over a code block's characters, emitting escaped HTML with token spans.
struct CodeLexer {
  private let chars: [Character]
  private let language: CodeLanguage
  private let keywords: Set<String>
  private var i = 0
  private var out = ""

  init(code: String, language: CodeLanguage) {
    chars = Array(code)
    self.language = language
    keywords = language.keywords
  }

  mutating func html() -> String {
    while i < chars.count {
      if let end = blockCommentEnd() {
        emit(.comment, upTo: end)
      } else if let end = lineCommentEnd() {
        emit(.comment, upTo: end)
      } else if let end = stringEnd(at: i) {
        emit(.string, upTo: end)
      } else if isNumberStart() {
        emit(.number, upTo: numberEnd())
      } else if isIdentifierStart(chars[i]) {
        identifier()
      } else {
        out += HTMLEscape.escape(String(chars[i]))
        i += 1
      }
    }
    return out
  }

  // MARK: - Tokens

  private mutating func emit(_ token: CodeHighlighter.TokenClass, upTo end: Int) {
    let text = String(chars[i..<end])
    out += "<span class=\"\(token.rawValue)\">\(HTMLEscape.escape(text))</span>"
    i = end
  }

  private mutating func identifier() {
    var end = i + 1
    while end < chars.count, isIdentifierContinue(chars[end]) { end += 1 }
    let word = String(chars[i..<end])
    if language.stringPrefixes.contains(word.lowercased()), let stringEnd = stringEnd(at: end) {
      emit(.string, upTo: stringEnd)
      return
    }
    let key = language.keywordsIgnoreCase ? word.lowercased() : word
    if keywords.contains(key) {
      emit(.keyword, upTo: end)
    } else {
      out += HTMLEscape.escape(word)
      i = end
    }
  }

  private func blockCommentEnd() -> Int? {
    guard let (open, close) = language.blockComment, matches(open, at: i) else { return nil }
    var j = i + open.count
    while j < chars.count {
      if matches(close, at: j) { return j + close.count }
      j += 1
    }
    return chars.count
  }

  private func lineCommentEnd() -> Int? {
    guard language.lineCommentPrefixes.contains(where: { matches($0, at: i) }) else { return nil }
    if language.lineCommentNeedsSpaceBefore, i > 0, !chars[i - 1].isWhitespace { return nil }
    return lineEnd(from: i)
  }

  /// The end (exclusive) of a string literal starting at `start`, or `nil` if no
  /// quote starts there.
  private func stringEnd(at start: Int) -> Int? {
    guard start < chars.count, language.quotes.contains(chars[start]) else { return nil }
    let quote = chars[start]
    if language.hasTripleQuotedStrings, matches(String(repeating: quote, count: 3), at: start) {
      let triple = String(repeating: quote, count: 3)
      var j = start + 3
      while j < chars.count {
        if language.backslashEscapes, chars[j] == "\\" {
          j += 2
          continue
        }
        if matches(triple, at: j) { return j + 3 }
        j += 1
      }
      return chars.count
    }
    var j = start + 1
    while j < chars.count, !chars[j].isNewline {
      if language.backslashEscapes, chars[j] == "\\" {
        j += 2
        continue
      }
      if chars[j] == quote {
        if !language.backslashEscapes, j + 1 < chars.count, chars[j + 1] == quote {
          j += 2
          continue
        }
        return j + 1
      }
      j += 1
    }
    return min(j, chars.count)
  }

  private func isNumberStart() -> Bool {
    let c = chars[i]
    if c.isASCII, c.isNumber { return true }
    return c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber
  }

  private func numberEnd() -> Int {
    var j = i
    while j < chars.count {
      let c = chars[j]
      if c.isASCII && (c.isLetter || c.isNumber) || c == "_" || c == "." {
        if (c == "e" || c == "E"), j + 1 < chars.count, chars[j + 1] == "+" || chars[j + 1] == "-",
          !isHex(from: i, to: j)
        {
          j += 2
          continue
        }
        j += 1
      } else {
        break
      }
    }
    return j
  }

  // MARK: - Character classes

  private func isHex(from start: Int, to end: Int) -> Bool {
    end - start >= 2 && chars[start] == "0" && (chars[start + 1] == "x" || chars[start + 1] == "X")
  }

  private func isIdentifierStart(_ c: Character) -> Bool { c.isLetter || c == "_" }

  private func isIdentifierContinue(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "_" || language.extraIdentifierCharacters.contains(c)
  }

  private func matches(_ s: String, at index: Int) -> Bool {
    var j = index
    for c in s {
      guard j < chars.count, chars[j] == c else { return false }
      j += 1
    }
    return true
  }

  private func lineEnd(from index: Int) -> Int {
    var j = index
    while j < chars.count, !chars[j].isNewline { j += 1 }
    return j
  }
}
