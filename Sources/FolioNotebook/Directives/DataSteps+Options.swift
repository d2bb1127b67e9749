import FolioData

/// The `{data}` steps whose options are mappings: fill, join, pivot, and the
/// `OUT: fn(COL)` spelling of aggregate.
extension DataSteps {
  static let joinKind = OptionKind.record([
    RecordField("data", .reference), RecordField("on", .list(.column)), RecordField("how", .enumeration(JoinKind.allCases.map(\.rawValue))),
  ])
  static let pivotKind = OptionKind.record([
    RecordField("index", .list(.column)), RecordField("columns", .column), RecordField("values", .column),
    RecordField("aggregate", .enumeration(AggregateFunction.allCases.map(\.rawValue))), RecordField("fill", .text),
  ])

  /// `fill: {COL: value}` (typed as the column) or `{COL: forward}`.
  static func fill(_ entries: [DataStep.FillEntry], at location: SourceLocation, frame: Frame) throws(NotebookError) -> Frame {
    var constants: [(column: String, value: Cell)] = []
    var forward: [String] = []
    for e in entries {
      guard let column = frame[e.column] else {
        throw NotebookError(e.keyLocation, "fill: unknown column '\(e.column)'\(NearMatches.hint(for: e.column, in: frame.columnNames, noun: "column"))")
      }
      guard let text = e.constant else { forward.append(e.column); continue }
      constants.append((e.column, try cell(text, as: column.type, at: e.location, what: "fill.\(e.column)")))
    }
    var f = frame
    do {
      if !constants.isEmpty { f = try f.fill(constants) }
      if !forward.isEmpty { f = try f.fillForward(forward) }
    } catch {
      throw NotebookError(location, error.message)
    }
    return f
  }

  /// A YAML scalar as a cell of `type`.
  static func cell(_ text: String, as type: ColumnType, at loc: SourceLocation, what: String) throws(NotebookError) -> Cell {
    switch type {
    case .number:
      if let d = OptionNode.parseNumber(text) { return .number(d) }
    case .integer:
      if let i = Int(text) { return .integer(i) }
    case .string:
      return .string(text)
    case .date, .week:
      let parts = text.split(separator: "-").compactMap { Int($0) }
      if parts.count == 3, CivilDate.isValid(year: parts[0], month: parts[1], day: parts[2]) {
        return .date(CivilDate.days(year: parts[0], month: parts[1], day: parts[2]))
      }
    }
    throw NotebookError(loc, "\(what): expected \(type == .date ? "a date YYYY-MM-DD" : "a value of the column's type, \(type.rawValue)"), found '\(text)'")
  }

  /// Decodes `join: {data: label, on: [KEYS], how: inner|left}`.
  static func join(_ node: OptionNode) throws(NotebookError) -> DataStep.JoinStep {
    let allowed = ["data", "on", "how"]
    for e in try node.entries("join") where !allowed.contains(e.key) {
      throw NotebookError(e.keyLocation, "join: unknown field '\(e.key)'\(NearMatches.hint(for: e.key, in: allowed, noun: "field"))")
    }
    guard let dataNode = node["data"], let onNode = node["on"] else {
      throw NotebookError(node.location, "join: expected {data: <label>, on: [KEY, …]}")
    }
    let how = try node["how"].map { n throws(NotebookError) in try OptionScalars.choice(n, "join.how", JoinKind.self) } ?? .inner
    return DataStep.JoinStep(
      data: try OptionScalars.reference(dataNode, "join.data"), on: try onNode.stringList("join.on"), onLocation: onNode.location, how: how)
  }

  static func join(_ j: DataStep.JoinStep, frame: Frame, context: ExecutionContext) throws(NotebookError) -> Frame {
    let right = try context.dataset(j.data)
    do { return try frame.join(right, on: j.on, how: j.how) } catch {
      throw NotebookError(j.onLocation, error.message)
    }
  }

  /// Decodes `pivot: {index: [KEYS], columns: COL, values: COL, aggregate: sum, fill: 0}`.
  static func pivot(_ node: OptionNode) throws(NotebookError) -> DataStep.PivotStep {
    let allowed = ["index", "columns", "values", "aggregate", "fill"]
    for e in try node.entries("pivot") where !allowed.contains(e.key) {
      throw NotebookError(e.keyLocation, "pivot: unknown field '\(e.key)'\(NearMatches.hint(for: e.key, in: allowed, noun: "field"))")
    }
    guard let index = node["index"], let columns = node["columns"], let values = node["values"] else {
      throw NotebookError(node.location, "pivot: expected {index: [KEY, …], columns: COLUMN, values: COLUMN}")
    }
    let function = try node["aggregate"].map { n throws(NotebookError) in try OptionScalars.choice(n, "pivot.aggregate", AggregateFunction.self) } ?? .sum
    var fill: (String, SourceLocation)?
    if let fl = node["fill"] { fill = (try fl.string("pivot.fill"), fl.location) }
    return DataStep.PivotStep(
      index: try index.stringList("pivot.index"), columns: try columns.string("pivot.columns"), values: try values.string("pivot.values"),
      aggregate: function, fill: fill, location: node.location)
  }

  static func pivot(_ p: DataStep.PivotStep, frame: Frame) throws(NotebookError) -> Frame {
    var fillCell: Cell?
    if let (text, loc) = p.fill {
      let type = p.aggregate.resultType(for: frame[p.values]?.type) ?? .number
      fillCell = try cell(text, as: type, at: loc, what: "pivot.fill")
    }
    do throws(TransformError) {
      return try frame.pivot(index: p.index, columns: p.columns, values: p.values, aggregate: p.aggregate, fill: fillCell)
    } catch {
      throw NotebookError(p.location, error.message)
    }
  }
}

/// `OUT: fn(COL)` in an aggregate step.
enum AggregateCall {
  static func parse(_ node: OptionNode, output: String) throws(NotebookError) -> Aggregation {
    let text = try node.string("aggregate.\(output)")
    do { return try Aggregation(output, parsing: text) } catch {
      throw NotebookError(error.location(base: DataSteps.expressionBase(node)), error.message)
    }
  }
}
