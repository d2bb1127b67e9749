/// A language the code highlighter knows, with the lexical rules it needs.
///
/// The rules are deliberately small: enough to colour keywords, strings,
/// numbers and comments in the snippets a report shows, not a full lexer.
enum CodeLanguage: String, CaseIterable, Sendable {
  case python, sql, r, yaml, json, bash, swift

  /// The language named by a fenced code block's info string (first word,
  /// case-insensitive, common aliases such as `py`, `yml`, `sh`), or `nil`.
  init?(infoString: String) {
    let word = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
      .map { $0.lowercased() } ?? ""
    switch word {
    case "python", "py", "python3": self = .python
    case "sql": self = .sql
    case "r": self = .r
    case "yaml", "yml": self = .yaml
    case "json": self = .json
    case "bash", "sh", "shell", "zsh", "console": self = .bash
    case "swift": self = .swift
    default: return nil
    }
  }

  /// Keywords, compared after lowercasing when ``keywordsIgnoreCase``.
  var keywords: Set<String> {
    switch self {
    case .python:
      return [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
        "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
      ]
    case .sql:
      return [
        "select", "from", "where", "group", "by", "order", "having", "limit", "offset",
        "join", "inner", "left", "right", "full", "outer", "cross", "on", "as", "and", "or",
        "not", "null", "is", "in", "between", "like", "case", "when", "then", "else", "end",
        "distinct", "union", "all", "insert", "into", "values", "update", "set", "delete",
        "create", "table", "view", "with", "over", "partition", "asc", "desc", "cast",
        "true", "false", "exists",
      ]
    case .r:
      return [
        "if", "else", "repeat", "while", "function", "for", "in", "next", "break", "TRUE",
        "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_",
        "return", "library", "require",
      ]
    case .yaml:
      return ["true", "false", "null", "yes", "no", "True", "False", "Null"]
    case .json:
      return ["true", "false", "null"]
    case .bash:
      return [
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
        "do", "done", "in", "function", "return", "exit", "export", "local", "readonly",
      ]
    case .swift:
      return [
        "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch",
        "class", "continue", "default", "defer", "deinit", "do", "else", "enum", "extension",
        "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import", "in",
        "init", "inout", "internal", "is", "let", "nil", "open", "private", "protocol",
        "public", "repeat", "rethrows", "return", "self", "Self", "some", "static", "struct",
        "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var",
        "where", "while",
      ]
    }
  }

  /// SQL keywords are case-insensitive (`SELECT`, `select`).
  var keywordsIgnoreCase: Bool { self == .sql }

  /// Prefixes that start a comment running to the end of the line.
  var lineCommentPrefixes: [String] {
    switch self {
    case .python, .r, .yaml, .bash: return ["#"]
    case .sql: return ["--"]
    case .swift: return ["//"]
    case .json: return []
    }
  }

  /// `#` starts a comment only at the start of a line or after whitespace
  /// (`$#` and `a#b` are not comments in shell or YAML).
  var lineCommentNeedsSpaceBefore: Bool { self == .bash || self == .yaml }

  /// Delimiters of block comments, if the language has them.
  var blockComment: (open: String, close: String)? {
    switch self {
    case .sql, .swift: return ("/*", "*/")
    default: return nil
    }
  }

  /// Characters that open (and close) a string literal.
  var quotes: Set<Character> {
    switch self {
    case .json, .swift: return ["\""]
    case .sql: return ["'", "\""]
    default: return ["\"", "'"]
    }
  }

  /// Whether `"""` / `'''` open multi-line strings.
  var hasTripleQuotedStrings: Bool { self == .python || self == .swift }

  /// Whether a backslash escapes the next character inside strings (SQL
  /// instead doubles the quote: `'it''s'`).
  var backslashEscapes: Bool { self != .sql }

  /// Python string prefixes (`f"…"`, `rb'…'`), lowercased.
  var stringPrefixes: Set<String> {
    self == .python ? ["r", "u", "b", "f", "br", "rb", "fr", "rf"] : []
  }

  /// Characters allowed inside identifiers besides letters, digits and `_`
  /// (R names such as `is.na`, YAML/shell words such as `my-key`).
  var extraIdentifierCharacters: Set<Character> {
    switch self {
    case .r: return ["."]
    case .yaml, .bash: return ["-"]
    default: return []
    }
  }
}
