import FolioData

/// Decodes a block's option mapping against its directive's declarations,
/// collecting every error (unknown names, missing required options, wrong
/// types, out-of-range values) rather than stopping at the first.
public enum OptionDecoder {
  /// When `{{ … }}` appears in an option: at check time the option is
  /// skipped (it cannot be typed before the block above runs); at run time
  /// the options have been interpolated already.
  public enum Stage: Sendable { case check, run }

  /// The common options every block accepts, decoded by the executor.
  public static let caption = DirectiveOption.markdown("caption", "Caption under the block's table or figure (inline values allowed).")
  public static let echo = DirectiveOption.bool("echo", default: true, "Show the block's options in a collapsible Method panel.")
  public static let hidden = DirectiveOption.bool("hidden", default: false, "Run the block but show nothing.")
  public static let common: [any AnyOptionDeclaration] = [caption, echo, hidden]

  /// Every problem found in a block's options, in the order written.
  public struct Failure: Error, Sendable {
    public var errors: [NotebookError]
  }

  /// The options of `call` decoded for `directive`, or every error found.
  public static func decode(
    _ call: DirectiveCall, options node: OptionNode, directive: any Directive.Type, stage: Stage
  ) -> Result<ParsedOptions, Failure> {
    var parsed = ParsedOptions(directive: call.name, label: call.label, blockLocation: call.location, node: node)
    var errors: [NotebookError] = []
    let declarations = common + directive.options
    let entries: [OptionNode.Entry]
    do { entries = try node.entries("{\(call.name)} options") } catch { return .failure(Failure(errors: [error])) }

    var seen: Set<String> = []
    for e in entries {
      guard let d = declarations.first(where: { $0.name == e.key }) else {
        let known = declarations.map(\.name)
        errors.append(NotebookError(e.keyLocation, "unknown option '\(e.key)' for {\(call.name)}\(NearMatches.hint(for: e.key, in: known, noun: "option"))"))
        continue
      }
      guard seen.insert(e.key).inserted else {
        errors.append(NotebookError(e.keyLocation, "option '\(e.key)' is written twice; write it once"))
        continue
      }
      parsed.present.insert(e.key)
      parsed.locations[e.key] = e.value.location
      if stage == .check && OptionTemplates.containsPlaceholder(e.value) {
        parsed.unresolved.insert(e.key)
        continue
      }
      do { parsed.values[e.key] = try d.decodeAny(e.value) } catch { errors.append(error) }
    }
    for d in declarations where !parsed.present.contains(d.name) {
      if let v = d.defaultAny {
        parsed.values[d.name] = v
      } else {
        errors.append(NotebookError(call.location, "{\(call.name)} needs '\(d.name)': \(d.help)"))
      }
    }
    if errors.isEmpty && parsed.isComplete { errors = directive.validate(parsed) }
    return errors.isEmpty ? .success(parsed) : .failure(Failure(errors: errors))
  }
}

/// Walks option nodes along their declared kinds to find what the executor
/// must know before a block runs: the blocks it reads and the files it reads.
public enum OptionWalker {
  /// Block labels named by `reference` options (at any depth), with locations.
  /// Values that hold `{{ … }}` are skipped: their dependencies are the placeholders'.
  public static func references(_ node: OptionNode, directive: any Directive.Type) -> [BlockReference] {
    var out: [BlockReference] = []
    walk(node, directive: directive, matching: .reference) { n in
      if case .scalar(let s, _) = n.kind, !s.contains("{{"), let r = try? OptionScalars.reference(n, "") { out.append(r) }
    }
    return out
  }

  /// Files named by `inputFile` options (at any depth) of interpolated options.
  public static func inputFiles(_ node: OptionNode, directive: any Directive.Type) -> [InputFile] {
    var out: [InputFile] = []
    walk(node, directive: directive, matching: .inputFile) { n in
      if case .scalar(let s, _) = n.kind, !s.isEmpty {
        out.append(InputFile(path: s, location: n.location))
      }
    }
    return out
  }

  private static func walk(_ node: OptionNode, directive: any Directive.Type, matching leaf: OptionKind, _ visit: (OptionNode) -> Void) {
    guard case .mapping(let entries) = node.kind else { return }
    for e in entries {
      guard let d = (OptionDecoder.common + directive.options).first(where: { $0.name == e.key }) else { continue }
      walk(e.value, kind: d.kind, matching: leaf, visit)
    }
  }

  private static func walk(_ node: OptionNode, kind: OptionKind, matching leaf: OptionKind, _ visit: (OptionNode) -> Void) {
    switch kind {
    case leaf:
      visit(node)
    case .list(let item):
      for n in node.list() { walk(n, kind: item, matching: leaf, visit) }
    case .map(let item):
      if case .mapping(let entries) = node.kind { for e in entries { walk(e.value, kind: item, matching: leaf, visit) } }
    case .record(let fields):
      if case .mapping(let entries) = node.kind {
        for e in entries { if let f = fields.first(where: { $0.name == e.key }) { walk(e.value, kind: f.kind, matching: leaf, visit) } }
      }
    case .either(let kinds):
      // The first alternative whose shape fits the node.
      for k in kinds where shapeFits(node, k) {
        walk(node, kind: k, matching: leaf, visit)
        return
      }
    default:
      return
    }
  }

  private static func shapeFits(_ node: OptionNode, _ kind: OptionKind) -> Bool {
    switch (node.kind, kind) {
    case (.mapping, .map), (.mapping, .record): return true
    case (.sequence, .list): return true
    case (.scalar, .list(let k)): return shapeFits(node, k)
    case (.scalar, .map), (.scalar, .record), (.sequence, .map), (.sequence, .record), (.mapping, .list): return false
    case (.scalar, _): return true
    default: return false
    }
  }
}

/// Whether an option's text holds `{{ … }}` placeholders.
enum OptionTemplates {
  static func containsPlaceholder(_ node: OptionNode) -> Bool {
    switch node.kind {
    case .scalar(let s, _): return s.contains("{{")
    case .sequence(let items): return items.contains { containsPlaceholder($0) }
    case .mapping(let entries): return entries.contains { containsPlaceholder($0.value) }
    case .null: return false
    }
  }
}
