import FolioData

/// The transform steps of a `{data}` block, parsed from its options and applied in order.
enum DataSteps {
  /// One step: its name and its option node.
  struct Step {
    var name: String
    var node: OptionNode
    var keyLocation: SourceLocation
  }

  static let stepNames = DataDirective.stepOptions.map(\.name).filter { $0 != "steps" && $0 != "group_by" }

  /// Steps in written order; `group_by` attaches to the following `aggregate`.
  static func steps(of call: DirectiveCall) throws(NotebookError) -> [Step] {
    var out: [Step] = []
    for e in try call.options.entries("options") {
      if e.key == "steps" {
        for item in e.value.list() {
          let entries = try item.entries("steps item")
          guard entries.count == 1 || (entries.count == 2 && Set(entries.map(\.key)) == ["group_by", "aggregate"]) else {
            throw NotebookError(item.location, "steps: expected each item to be one step like '- filter: …' (group_by may pair with aggregate)")
          }
          for s in entries {
            guard stepNames.contains(s.key) || s.key == "group_by" else {
              throw NotebookError(s.keyLocation, "unknown step '\(s.key)'\(NearMatches.hint(for: s.key, in: stepNames, noun: "step"))")
            }
            out.append(Step(name: s.key, node: s.value, keyLocation: s.keyLocation))
          }
        }
      } else if stepNames.contains(e.key) || e.key == "group_by" {
        out.append(Step(name: e.key, node: e.value, keyLocation: e.keyLocation))
      }
    }
    // Fold group_by into the next aggregate.
    var folded: [Step] = []
    var pendingGroup: Step?
    for s in out {
      if s.name == "group_by" { pendingGroup = s; continue }
      if s.name == "aggregate", let g = pendingGroup {
        folded.append(Step(name: "aggregate", node: OptionNode(.mapping([
          .init(key: "by", keyLocation: g.keyLocation, value: g.node),
          .init(key: "values", keyLocation: s.keyLocation, value: s.node),
        ]), at: s.node.location), keyLocation: s.keyLocation))
        pendingGroup = nil
        continue
      }
      if s.name == "aggregate" {
        folded.append(Step(name: "aggregate", node: OptionNode(.mapping([
          .init(key: "values", keyLocation: s.keyLocation, value: s.node),
        ]), at: s.node.location), keyLocation: s.keyLocation))
        continue
      }
      folded.append(s)
    }
    if let g = pendingGroup {
      throw NotebookError(g.keyLocation, "group_by needs an 'aggregate' step after it saying what to compute per group")
    }
    return folded
  }

  /// Syntax checks that need no data: expressions parse, aggregate calls are well formed.
  static func checkStatically(_ step: Step) throws(NotebookError) {
    // Text with `{{ … }}` is only known after interpolation, at run time.
    if case .scalar(let s, _) = step.node.kind, s.contains("{{") { return }
    switch step.name {
    case "filter":
      _ = try expression(step.node, what: "filter")
    case "derive":
      for e in try step.node.entries("derive") {
        if case .scalar(let s, _) = e.value.kind, s.contains("{{") { continue }
        _ = try expression(e.value, what: "derive.\(e.key)")
      }
    case "aggregate":
      for e in try step.node["values"]?.entries("aggregate") ?? [] { _ = try AggregateCall.parse(e.value, output: e.key) }
    case "limit":
      _ = try step.node.int("limit")
    default: break
    }
  }

  /// An expression option, with parse errors placed in the notebook.
  static func expression(_ node: OptionNode, what: String) throws(NotebookError) -> Expression {
    guard case .scalar(let text, let quoted) = node.kind else {
      throw NotebookError(node.location, "\(what): expected an expression, found \(node.shapeName)")
    }
    let base = quoted ? node.location.advanced(byColumns: 1) : node.location
    do { return try Expression.parse(text) } catch {
      throw NotebookError(error.location(base: base), error.message)
    }
  }

  /// The base location of an expression option's text.
  static func expressionBase(_ node: OptionNode) -> SourceLocation {
    if case .scalar(_, true) = node.kind { return node.location.advanced(byColumns: 1) }
    return node.location
  }

  static func apply(_ step: Step, to frame: Frame, context: ExecutionContext) throws(NotebookError) -> Frame {
    let node = step.node
    /// Runs a transform, placing its error at `at` (an expression's error at the offending character).
    func run(at location: SourceLocation, _ body: () throws(TransformError) -> Frame) throws(NotebookError) -> Frame {
      do { return try body() } catch {
        let e = error.located(at: location)
        throw NotebookError(e.location ?? location, e.message)
      }
    }
    switch step.name {
    case "select":
      let names = try node.stringList("select")
      return try run(at: node.location) { () throws(TransformError) in try frame.select(names) }
    case "rename":
      var pairs: [(old: String, new: String)] = []
      for e in try node.entries("rename") { pairs.append((e.key, try e.value.string("rename.\(e.key)"))) }
      return try run(at: node.location) { () throws(TransformError) in try frame.rename(pairs) }
    case "fill":
      return try fill(node, frame: frame)
    case "filter":
      let expr = try expression(node, what: "filter")
      return try run(at: expressionBase(node)) { () throws(TransformError) in try frame.filter(expr) }
    case "derive":
      var f = frame
      for e in try node.entries("derive") {
        let expr = try expression(e.value, what: "derive.\(e.key)")
        let current = f
        f = try run(at: expressionBase(e.value)) { () throws(TransformError) in try current.derive([(name: e.key, expression: expr)]) }
      }
      return f
    case "aggregate":
      var keys: [String] = []
      if let by = node["by"] { keys = try by.stringList("group_by") }
      var aggs: [Aggregation] = []
      for e in try node["values"]?.entries("aggregate") ?? [] { aggs.append(try AggregateCall.parse(e.value, output: e.key)) }
      let at = node["by"]?.location ?? node.location
      return try run(at: at) { () throws(TransformError) in try frame.aggregate(groupBy: keys, aggs) }
    case "join":
      return try join(node, frame: frame, context: context)
    case "pivot":
      return try pivot(node, frame: frame)
    case "sort":
      var keys: [(column: String, descending: Bool)] = []
      for name in try node.stringList("sort") {
        keys.append(name.hasPrefix("-") ? (String(name.dropFirst()), true) : (name, false))
      }
      return try run(at: node.location) { () throws(TransformError) in try frame.sort(keys) }
    case "limit":
      let n = try node.int("limit")
      return try run(at: node.location) { () throws(TransformError) in try frame.limit(n) }
    default:
      throw NotebookError(step.keyLocation, "unknown step '\(step.name)'")
    }
  }
}
