import FolioData

/// Substitutes `{{ … }}` in every scalar of an options tree.
///
/// Values are inserted losslessly (full precision, no grouping) unless the
/// option is declared as display text (`caption`, `headline`, …):
/// `budget: "{{ params.n }}"` and `filter: "SALES > {{ params.n }}"` receive
/// exactly `n`; `caption: "Top {{ n }} SKUs"` reads as prose does. In
/// options declared as markdown (captions, headlines, card labels) inserted
/// values are also markdown-escaped, as in prose, so a data value such as
/// `<img src=x onerror=1>` stays text when the option is rendered.
enum OptionInterpolation {
  /// How inserted values are written.
  enum Mode { case value, display, markdown }

  /// A block's options with placeholders evaluated, each option rendered as its declared kind asks.
  static func interpolate(_ options: OptionNode, directive: any Directive.Type, scope: TemplateScope) throws(NotebookError) -> OptionNode {
    guard case .mapping(let entries) = options.kind else { return try interpolate(options, scope: scope) }
    let declarations = OptionDecoder.common + directive.options
    var out: [OptionNode.Entry] = []
    for e in entries {
      var e2 = e
      let kind = declarations.first(where: { $0.name == e.key })?.kind
      e2.value = try interpolate(e.value, kind: kind, scope: scope)
      out.append(e2)
    }
    return OptionNode(.mapping(out), at: options.location)
  }

  /// `node` interpolated as its declared kind asks, field by field for records.
  private static func interpolate(_ node: OptionNode, kind: OptionKind?, scope: TemplateScope) throws(NotebookError) -> OptionNode {
    switch (node.kind, kind) {
    case (.sequence(let items), .list(let k)?):
      var out: [OptionNode] = []
      for i in items { out.append(try interpolate(i, kind: k, scope: scope)) }
      return OptionNode(.sequence(out), at: node.location)
    case (.mapping(let entries), .record(let fields)?):
      var out: [OptionNode.Entry] = []
      for e in entries {
        var e2 = e
        e2.value = try interpolate(e.value, kind: fields.first { $0.name == e.key }?.kind, scope: scope)
        out.append(e2)
      }
      return OptionNode(.mapping(out), at: node.location)
    case (.scalar, .list(let k)?):
      return try interpolate(node, kind: k, scope: scope)
    default:
      return try interpolate(node, scope: scope, mode: kind.map(mode) ?? .value)
    }
  }

  private static func mode(_ kind: OptionKind) -> Mode {
    switch kind {
    case .markdown: return .markdown
    case .text: return .display
    case .list(let k), .map(let k): return mode(k)
    default: return .value
    }
  }

  /// A copy of `node` with placeholders evaluated; errors point into the notebook.
  static func interpolate(_ node: OptionNode, scope: TemplateScope, mode: Mode = .value) throws(NotebookError) -> OptionNode {
    switch node.kind {
    case .scalar(let s, let quoted):
      guard s.contains("{{") else { return node }
      let base = quoted ? node.location.advanced(byColumns: 1) : node.location
      let template: InlineTemplate
      do { template = try InlineTemplate.parse(s) } catch {
        throw NotebookError(base.advanced(byColumns: error.offset), error.message)
      }
      do throws(InlineTemplateError) {
        // A value that is one placeholder (quoted only because YAML needs it:
        // `max_rows: "{{ params.n }}"`) takes the type of what it inserts.
        let whole = template.segments.count == 1 && template.hasPlaceholders
        let text: String
        switch mode {
        case .value: text = try template.renderForOption(in: scope)
        case .display: text = try template.render(in: scope)
        case .markdown: text = try template.render(in: scope) { escapeMarkdown(BidiIsolation.isolated(TemplateFilters.displayText($0))) }
        }
        return OptionNode(.scalar(text, quoted: quoted && !whole), at: node.location)
      } catch {
        throw NotebookError(template.location(of: error.offset, base: base), error.message)
      }
    case .sequence(let items):
      var out: [OptionNode] = []
      for i in items { out.append(try interpolate(i, scope: scope, mode: mode)) }
      return OptionNode(.sequence(out), at: node.location)
    case .mapping(let entries):
      var out: [OptionNode.Entry] = []
      for e in entries {
        var e2 = e
        // Keys may hold placeholders too, so a param can name a column:
        // `types: {"{{ params.week }}": week}`.
        if e.key.contains("{{") {
          e2.key = try interpolate(OptionNode(.scalar(e.key, quoted: false), at: e.keyLocation), scope: scope).string("key")
        }
        e2.value = try interpolate(e.value, scope: scope, mode: mode)
        out.append(e2)
      }
      return OptionNode(.mapping(out), at: node.location)
    case .null:
      return node
    }
  }

  /// Every placeholder in an options tree with the location of its path.
  static func placeholders(in node: OptionNode) -> [(InlineExpression, SourceLocation)] {
    switch node.kind {
    case .scalar(let s, let quoted):
      guard s.contains("{{"), let t = try? InlineTemplate.parse(s) else { return [] }
      let base = quoted ? node.location.advanced(byColumns: 1) : node.location
      return t.placeholders.map { ($0, t.location(of: $0.offset, base: base)) }
    case .sequence(let items): return items.flatMap { placeholders(in: $0) }
    case .mapping(let entries):
      return entries.flatMap { placeholders(in: OptionNode(.scalar($0.key, quoted: false), at: $0.keyLocation)) + placeholders(in: $0.value) }
    case .null: return []
    }
  }

  /// Placeholder syntax errors in an options tree.
  static func syntaxErrors(in node: OptionNode) -> [NotebookError] {
    switch node.kind {
    case .scalar(let s, let quoted):
      guard s.contains("{{") else { return [] }
      do { _ = try InlineTemplate.parse(s); return [] } catch {
        let base = quoted ? node.location.advanced(byColumns: 1) : node.location
        return [NotebookError(base.advanced(byColumns: error.offset), error.message)]
      }
    case .sequence(let items): return items.flatMap { syntaxErrors(in: $0) }
    case .mapping(let entries):
      return entries.flatMap { syntaxErrors(in: OptionNode(.scalar($0.key, quoted: false), at: $0.keyLocation)) + syntaxErrors(in: $0.value) }
    case .null: return []
    }
  }
}
