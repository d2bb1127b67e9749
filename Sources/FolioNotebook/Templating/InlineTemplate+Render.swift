import FolioData

extension InlineTemplate {
  /// Evaluates every placeholder and joins the text; the first failing
  /// placeholder throws (used for option strings, where a bad value must stop the block).
  public func render(in scope: TemplateScope) throws(InlineTemplateError) -> String {
    try render(in: scope, valueText: TemplateFilters.displayText)
  }

  /// Joins the text with each placeholder's value written by `valueText`.
  func render(in scope: TemplateScope, valueText: (Value) -> String) throws(InlineTemplateError) -> String {
    var out = ""
    for seg in segments {
      switch seg {
      case .text(let t): out += t
      case .placeholder(let p): out += valueText(try p.evaluate(in: scope))
      }
    }
    return out
  }
}

extension InlineExpression {
  /// The placeholder's value: its path resolved, then each filter applied in order.
  public func evaluate(in scope: TemplateScope) throws(InlineTemplateError) -> Value {
    if let first = try TemplateColumnFilters.firstFilter(of: self, in: scope) {
      var v = first
      for f in filters.dropFirst() { v = try TemplateFilters.apply(f, to: v) }
      return v
    }
    var v = try scope.resolve(self)
    for f in filters { v = try TemplateFilters.apply(f, to: v) }
    return v
  }
}

/// Backslash-escapes CommonMark punctuation so an inserted value reads as
/// plain text (a SKU like `A_1*` must not start emphasis).
public func escapeMarkdown(_ s: String) -> String {
  var out = ""
  for ch in s {
    if "\\`*_{}[]()<>#+!|~&".contains(ch) { out.append("\\") }
    out.append(ch)
  }
  return out
}
