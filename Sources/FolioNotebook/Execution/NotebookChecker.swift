import FolioData

/// `folio check`: everything that can be known without running.
///
/// Directive names, option names and the types of the common options, label
/// uniqueness, references to labels and params (in options and in prose),
/// template syntax, and each directive's own static checks.
public enum NotebookChecker {
  public static func check(_ notebook: Notebook, registry: DirectiveRegistry = .standard) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var labels: Set<String> = []
    let params = notebook.frontMatter.params.map(\.name)
    let allLabels = Set(notebook.blocks.compactMap { if case .directive(let c) = $0 { return c.label } else { return nil } })

    func checkReference(_ root: String, _ rest: [InlineExpression.Step], at loc: SourceLocation, label: String?) {
      if root == "params" {
        if case .field(let p)? = rest.first, !params.contains(p) {
          out.append(Diagnostic(NotebookError(loc, "unknown parameter '\(p)'\(NearMatches.hint(for: p, in: params, noun: "parameter"))"), blockLabel: label))
        }
        return
      }
      guard !labels.contains(root) else { return }
      let msg = allLabels.contains(root)
        ? "block '\(root)' is defined later in the notebook; blocks can only refer to blocks above them"
        : "unknown name '\(root)'\(NearMatches.hint(for: root, in: ["params"] + labels.sorted(), noun: "name"))"
      out.append(Diagnostic(NotebookError(loc, msg), blockLabel: label))
    }

    let (items, sectionErrors) = ConditionalSections.items(of: notebook)
    out += sectionErrors.map { Diagnostic($0) }
    for item in items {
      guard case .block(let block) = item else {
        if case .marker(let m) = item, case .open(let condition, _) = m.kind {
          checkReference(condition.root, condition.steps, at: m.location, label: nil)
        }
        continue
      }
      switch block {
      case .prose(let prose):
        let (found, errors) = ProseInterpolation.placeholders(prose, path: notebook.path)
        out += errors.map { Diagnostic($0) }
        for (p, loc) in found {
          checkReference(p.root, p.steps, at: loc, label: nil)
          for f in p.filters where !TemplateFilters.names.contains(f.name) {
            let floc = SourceLocation(file: loc.file, line: loc.line, column: loc.column + (f.offset - p.offset))
            out.append(Diagnostic(NotebookError(floc, "unknown filter '\(f.name)'\(NearMatches.hint(for: f.name, in: TemplateFilters.names, noun: "filter"))")))
          }
        }
      case .directive(let call):
        guard let directive = registry[call.name] else {
          out.append(Diagnostic(NotebookError(call.nameLocation, "unknown directive '\(call.name)'\(NearMatches.hint(for: call.name, in: registry.names, noun: "directive"))"), blockLabel: call.label))
          if let l = call.label { labels.insert(l) }
          continue
        }
        if let l = call.label, labels.contains(l) {
          out.append(Diagnostic(NotebookError(call.labelLocation, "duplicate block label '\(l)'; labels must be unique"), blockLabel: l))
        }
        out += optionNameErrors(call, directive: directive).map { Diagnostic($0, blockLabel: call.label) }
        out += OptionInterpolation.syntaxErrors(in: call.options).map { Diagnostic($0, blockLabel: call.label) }
        for key in ["echo", "hidden"] {
          if let node = call.options[key] {
            do { _ = try node.bool(key) } catch { out.append(Diagnostic(error, blockLabel: call.label)) }
          }
        }
        for (p, loc) in OptionInterpolation.placeholders(in: call.options) {
          checkReference(p.root, p.steps, at: loc, label: call.label)
        }
        for (label, loc) in directive.references(call) {
          checkReference(label, [], at: loc, label: call.label)
        }
        let ctx = CheckContext(notebook: notebook, labelsAbove: labels, params: params)
        out += directive.check(call, in: ctx).map { Diagnostic($0, blockLabel: call.label) }
        if let l = call.label { labels.insert(l) }
      }
    }
    return out.sorted { ($0.error.location?.line ?? 0, $0.error.location?.column ?? 0) < ($1.error.location?.line ?? 0, $1.error.location?.column ?? 0) }
  }

  /// Unknown option names in a call, each at its key with a suggestion.
  static func optionNameErrors(_ call: DirectiveCall, directive: any Directive.Type) -> [NotebookError] {
    let known = (CommonOptions.specs + directive.options).map(\.name)
    guard case .mapping(let entries) = call.options.kind else { return [] }
    return entries.filter { !known.contains($0.key) }.map {
      NotebookError($0.keyLocation, "unknown option '\($0.key)' for {\(call.name)}\(NearMatches.hint(for: $0.key, in: known, noun: "option"))")
    }
  }
}
