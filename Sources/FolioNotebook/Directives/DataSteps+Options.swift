import FolioData

/// The `{data}` steps whose options are mappings: fill, join, pivot, and the
/// `OUT: fn(COL)` spelling of aggregate.
extension DataSteps {
  /// `fill: {COL: value}` (typed as the column) or `{COL: forward}`.
  static func fill(_ node: OptionNode, frame: Frame) throws(NotebookError) -> Frame {
    var constants: [(column: String, value: Cell)] = []
    var forward: [String] = []
    for e in try node.entries("fill") {
      guard let column = frame[e.key] else {
        throw NotebookError(e.keyLocation, "fill: unknown column '\(e.key)'\(NearMatches.hint(for: e.key, in: frame.columnNames, noun: "column"))")
      }
      let text = try e.value.string("fill.\(e.key)")
      if text == "forward", case .scalar(_, false) = e.value.kind { forward.append(e.key); continue }
      constants.append((e.key, try cell(text, as: column.type, at: e.value.location, what: "fill.\(e.key)")))
    }
    var f = frame
    do {
      if !constants.isEmpty { f = try f.fill(constants) }
      if !forward.isEmpty { f = try f.fillForward(forward) }
    } catch {
      throw NotebookError(node.location, error.message)
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

  /// `join: {data: label, on: [KEYS], how: inner|left}`.
  static func join(_ node: OptionNode, frame: Frame, context: ExecutionContext) throws(NotebookError) -> Frame {
    let allowed = ["data", "on", "how"]
    for e in try node.entries("join") where !allowed.contains(e.key) {
      throw NotebookError(e.keyLocation, "join: unknown field '\(e.key)'\(NearMatches.hint(for: e.key, in: allowed, noun: "field"))")
    }
    guard let dataNode = node["data"], let onNode = node["on"] else {
      throw NotebookError(node.location, "join: expected {data: <label>, on: [KEY, …]}")
    }
    let right = try context.dataset(try dataNode.string("join.data"), at: dataNode.location)
    let keys = try onNode.stringList("join.on")
    var how = JoinKind.inner
    if let h = node["how"] {
      let t = try h.string("join.how")
      guard let k = JoinKind(rawValue: t) else {
        throw NotebookError(h.location, "join.how: expected one of \(JoinKind.allCases.map(\.rawValue).joined(separator: ", ")), found '\(t)'")
      }
      how = k
    }
    do { return try frame.join(right, on: keys, how: how) } catch {
      throw NotebookError(onNode.location, error.message)
    }
  }

  /// `pivot: {index: [KEYS], columns: COL, values: COL, aggregate: sum, fill: 0}`.
  static func pivot(_ node: OptionNode, frame: Frame) throws(NotebookError) -> Frame {
    let allowed = ["index", "columns", "values", "aggregate", "fill"]
    for e in try node.entries("pivot") where !allowed.contains(e.key) {
      throw NotebookError(e.keyLocation, "pivot: unknown field '\(e.key)'\(NearMatches.hint(for: e.key, in: allowed, noun: "field"))")
    }
    guard let index = node["index"], let columns = node["columns"], let values = node["values"] else {
      throw NotebookError(node.location, "pivot: expected {index: [KEY, …], columns: COLUMN, values: COLUMN}")
    }
    var function = AggregateFunction.sum
    if let a = node["aggregate"] {
      let t = try a.string("pivot.aggregate")
      guard let f = AggregateFunction(rawValue: t) else {
        throw NotebookError(a.location, "pivot.aggregate: expected one of \(AggregateFunction.allCases.map(\.rawValue).joined(separator: ", ")), found '\(t)'")
      }
      function = f
    }
    let valueName = try values.string("pivot.values")
    var fillCell: Cell?
    if let fl = node["fill"] {
      let type = function.resultType(for: frame[valueName]?.type) ?? .number
      fillCell = try cell(try fl.string("pivot.fill"), as: type, at: fl.location, what: "pivot.fill")
    }
    let indexNames = try index.stringList("pivot.index")
    let spread = try columns.string("pivot.columns")
    do throws(TransformError) {
      return try frame.pivot(index: indexNames, columns: spread, values: valueName, aggregate: function, fill: fillCell)
    } catch {
      throw NotebookError(node.location, error.message)
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
