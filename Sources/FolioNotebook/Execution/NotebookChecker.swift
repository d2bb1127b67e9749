import FolioData

/// `folio check`: everything that can be known without running, all at once.
///
/// The parse problems (`Notebook.problems`: front matter, YAML, fences), then
/// directive names, option names and the types of the common options, label
/// uniqueness, references to labels and params (in options and in prose),
/// template syntax, and each directive's own static checks. One problem never
/// hides another: a block whose YAML is invalid still has its directive name
/// checked and its label defined, so later references to it are not reported
/// as unknown.
public enum NotebookChecker {
  public static func check(_ notebook: Notebook, registry: DirectiveRegistry = .standard) -> [Diagnostic] {
    var out: [Diagnostic] = notebook.problems.map { Diagnostic($0) }
    let paramsKnown = notebook.frontMatter.paramsKnown
    var labels: Set<String> = []
    let params = notebook.frontMatter.params.map(\.name)
    let allLabels = Set(notebook.blocks.compactMap { if case .directive(let c) = $0 { return c.label } else { return nil } })

    func checkReference(_ root: String, _ rest: [InlineExpression.Step], at loc: SourceLocation, label: String?) {
      if root == "params" {
        if paramsKnown, case .field(let p)? = rest.first, !params.contains(p) {
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
        if call.optionsError != nil {
          // Already in `problems`; its options are unknown, so nothing more to check in it.
          if let l = call.label { labels.insert(l) }
          continue
        }
        out += OptionInterpolation.syntaxErrors(in: call.options).map { Diagnostic($0, blockLabel: call.label) }
        for (p, loc) in OptionInterpolation.placeholders(in: call.options) {
          checkReference(p.root, p.steps, at: loc, label: call.label)
        }
        for r in OptionWalker.references(call.options, directive: directive) {
          checkReference(r.label, [], at: r.location, label: call.label)
        }
        switch OptionDecoder.decode(call, options: call.options, directive: directive, stage: .check) {
        case .failure(let failure):
          out += failure.errors.map { Diagnostic($0, blockLabel: call.label) }
        case .success(let parsed) where parsed.isComplete:
          let ctx = CheckContext(notebook: notebook, labelsAbove: labels, params: params)
          out += directive.check(parsed, in: ctx).map { Diagnostic($0, blockLabel: call.label) }
        case .success:
          break
        }
        if let l = call.label { labels.insert(l) }
      }
    }
    // Stable: diagnostics at one position keep the order they were found in.
    return out.enumerated().sorted {
      ($0.element.error.location?.line ?? 0, $0.element.error.location?.column ?? 0, $0.offset)
        < ($1.element.error.location?.line ?? 0, $1.element.error.location?.column ?? 0, $1.offset)
    }.map(\.element)
  }

}
