import FolioData

/// The transform steps of a `{data}` block, decoded from its options when the
/// options are decoded and applied in the order they are written.
///
/// Values that must be typed against the data (a `fill` constant is read as
/// its column's type) keep their text; everything else is decoded up front,
/// so expression syntax errors surface in `folio check`.
enum DataStep: Sendable {
  case select([String], at: SourceLocation)
  case rename([(old: String, new: String)], at: SourceLocation)
  case fill([FillEntry], at: SourceLocation)
  case filter(Expression, base: SourceLocation)
  case derive([(name: String, expression: Expression, base: SourceLocation)])
  /// `group_by` (when given) folded into the aggregate that follows it.
  case aggregate(by: [String], byLocation: SourceLocation?, values: [Aggregation], at: SourceLocation)
  case join(JoinStep)
  case pivot(PivotStep)
  case sort([(column: String, descending: Bool)], at: SourceLocation)
  case limit(Int, at: SourceLocation)

  /// One `COLUMN: value` or `COLUMN: forward` of a fill step.
  struct FillEntry: Sendable {
    var column: String
    var keyLocation: SourceLocation
    /// `nil` for `forward`.
    var constant: String?
    var location: SourceLocation
  }

  /// `join: {data: label, on: [KEYS], how: inner|left}`.
  struct JoinStep: Sendable {
    var data: BlockReference
    var on: [String]
    var onLocation: SourceLocation
    var how: JoinKind
  }

  /// `pivot: {index: [KEYS], columns: COL, values: COL, aggregate: sum, fill: 0}`.
  struct PivotStep: Sendable {
    var index: [String]
    var columns: String
    var values: String
    var aggregate: AggregateFunction
    var fill: (text: String, location: SourceLocation)?
    var location: SourceLocation
  }
}

/// Decoding and applying `DataStep`s.
enum DataSteps {
  /// A parsed step option before `group_by` is folded into its aggregate.
  enum Piece: Sendable {
    case step(DataStep)
    case groupBy([String], at: SourceLocation)
    case aggregate([Aggregation], at: SourceLocation)
  }

  static let stepNames = ["select", "rename", "fill", "filter", "derive", "group_by", "aggregate", "join", "pivot", "sort", "limit"]

  /// Decodes one step option (`name: value`).
  static func piece(_ name: String, _ node: OptionNode) throws(NotebookError) -> Piece {
    switch name {
    case "select": return .step(.select(try OptionScalars.names(node, "select"), at: node.location))
    case "rename":
      var pairs: [(old: String, new: String)] = []
      for e in try node.entries("rename") { pairs.append((e.key, try e.value.string("rename.\(e.key)"))) }
      return .step(.rename(pairs, at: node.location))
    case "fill":
      var entries: [DataStep.FillEntry] = []
      for e in try node.entries("fill") {
        let text = try e.value.string("fill.\(e.key)")
        let forward = text == "forward" && !e.value.isQuoted
        entries.append(.init(column: e.key, keyLocation: e.keyLocation, constant: forward ? nil : text, location: e.value.location))
      }
      return .step(.fill(entries, at: node.location))
    case "filter": return .step(.filter(try expression(node, what: "filter"), base: expressionBase(node)))
    case "derive":
      var out: [(name: String, expression: Expression, base: SourceLocation)] = []
      for e in try node.entries("derive") {
        out.append((e.key, try expression(e.value, what: "derive.\(e.key)"), expressionBase(e.value)))
      }
      return .step(.derive(out))
    case "group_by": return .groupBy(try OptionScalars.names(node, "group_by"), at: node.location)
    case "aggregate":
      var aggs: [Aggregation] = []
      for e in try node.entries("aggregate") { aggs.append(try AggregateCall.parse(e.value, output: e.key)) }
      return .aggregate(aggs, at: node.location)
    case "join": return .step(.join(try join(node)))
    case "pivot": return .step(.pivot(try pivot(node)))
    case "sort":
      let keys = try OptionScalars.names(node, "sort").map { name -> (column: String, descending: Bool) in
        name.hasPrefix("-") ? (String(name.dropFirst()), true) : (name, false)
      }
      return .step(.sort(keys, at: node.location))
    case "limit": return .step(.limit(try OptionScalars.integer(node, "limit", lower: 0, upper: nil, unit: "rows"), at: node.location))
    default:
      throw NotebookError(node.location, "unknown step '\(name)'\(NearMatches.hint(for: name, in: stepNames, noun: "step"))")
    }
  }

  /// `steps: [- filter: …, - derive: …]`: each item one step (group_by may pair with aggregate).
  static func stepList(_ node: OptionNode, _ name: String) throws(NotebookError) -> [Piece] {
    var out: [Piece] = []
    for item in node.list() {
      let entries = try item.entries("steps item")
      guard entries.count == 1 || (entries.count == 2 && Set(entries.map(\.key)) == ["group_by", "aggregate"]) else {
        throw NotebookError(item.location, "steps: expected each item to be one step like '- filter: …' (group_by may pair with aggregate)")
      }
      for s in entries {
        guard stepNames.contains(s.key) else {
          throw NotebookError(s.keyLocation, "unknown step '\(s.key)'\(NearMatches.hint(for: s.key, in: stepNames, noun: "step"))")
        }
        out.append(try piece(s.key, s.value))
      }
    }
    return out
  }

  /// Folds each `group_by` into the `aggregate` after it.
  static func fold(_ pieces: [Piece]) throws(NotebookError) -> [DataStep] {
    var out: [DataStep] = []
    var pending: (keys: [String], at: SourceLocation)?
    for p in pieces {
      switch p {
      case .step(let s): out.append(s)
      case .groupBy(let keys, let at): pending = (keys, at)
      case .aggregate(let aggs, let at):
        out.append(.aggregate(by: pending?.keys ?? [], byLocation: pending?.at, values: aggs, at: at))
        pending = nil
      }
    }
    if let g = pending {
      throw NotebookError(g.at, "group_by needs an 'aggregate' step after it saying what to compute per group")
    }
    return out
  }

  /// An expression option, with parse errors placed in the notebook.
  static func expression(_ node: OptionNode, what: String) throws(NotebookError) -> Expression {
    guard case .scalar(let text, _) = node.kind else {
      throw NotebookError(node.location, "\(what): expected an expression, found \(node.shapeName)")
    }
    do { return try Expression.parse(text) } catch {
      throw NotebookError(error.location(base: expressionBase(node)), error.message)
    }
  }

  /// The base location of an expression option's text.
  static func expressionBase(_ node: OptionNode) -> SourceLocation {
    node.isQuoted ? node.location.advanced(byColumns: 1) : node.location
  }

  static func apply(_ step: DataStep, to frame: Frame, context: ExecutionContext) throws(NotebookError) -> Frame {
    /// Runs a transform, placing its error at `at` (an expression's error at the offending character).
    func run(at location: SourceLocation, _ body: () throws(TransformError) -> Frame) throws(NotebookError) -> Frame {
      do { return try body() } catch {
        let e = error.located(at: location)
        throw NotebookError(e.location ?? location, e.message)
      }
    }
    switch step {
    case .select(let names, let at): return try run(at: at) { () throws(TransformError) in try frame.select(names) }
    case .rename(let pairs, let at): return try run(at: at) { () throws(TransformError) in try frame.rename(pairs) }
    case .fill(let entries, let at): return try fill(entries, at: at, frame: frame)
    case .filter(let expr, let base): return try run(at: base) { () throws(TransformError) in try frame.filter(expr) }
    case .derive(let items):
      var f = frame
      for item in items {
        let current = f
        f = try run(at: item.base) { () throws(TransformError) in try current.derive([(name: item.name, expression: item.expression)]) }
      }
      return f
    case .aggregate(let keys, let byLocation, let aggs, let at):
      return try run(at: byLocation ?? at) { () throws(TransformError) in try frame.aggregate(groupBy: keys, aggs) }
    case .join(let j): return try join(j, frame: frame, context: context)
    case .pivot(let p): return try pivot(p, frame: frame)
    case .sort(let keys, let at): return try run(at: at) { () throws(TransformError) in try frame.sort(keys) }
    case .limit(let n, let at): return try run(at: at) { () throws(TransformError) in try frame.limit(n) }
    }
  }
}
