import FolioData

/// The names a `{{ … }}` placeholder can see: `params` and the results of
/// blocks run so far, by label.
public struct TemplateScope: Sendable {
  public var params: Value
  public var results: [String: Value]
  /// Labels declared anywhere in the notebook, to tell "defined later" from "unknown".
  public var laterLabels: Set<String> = []
  /// Labels of blocks that failed, with their location, so a reference says so.
  public var failedLabels: [String: SourceLocation] = [:]

  public init(params: Value, results: [String: Value] = [:]) {
    self.params = params
    self.results = results
  }

  /// Resolves a placeholder's path to a value (before filters).
  public func resolve(_ e: InlineExpression) throws(InlineTemplateError) -> Value {
    var value: Value
    if e.root == "params" {
      value = params
    } else if let v = results[e.root] {
      value = v
    } else if let at = failedLabels[e.root] {
      throw InlineTemplateError(offset: e.offset, message: NotebookError.failedBlockMessage(e.root, at: at))
    } else if laterLabels.contains(e.root) {
      throw InlineTemplateError(offset: e.offset, message: "block '\(e.root)' is defined later in the notebook; blocks can only refer to blocks above them")
    } else {
      let known = ["params"] + results.keys.sorted()
      throw InlineTemplateError(offset: e.offset, message: "unknown name '\(e.root)'\(NearMatches.hint(for: e.root, in: known, noun: "name"))")
    }
    var walked = e.root
    for step in e.steps {
      value = try TemplateScope.step(value, step, walked: walked, offset: e.offset)
      switch step {
      case .field(let f): walked += ".\(f)"
      case .index(let i): walked += "[\(i)]"
      }
    }
    return value
  }

  static func step(_ value: Value, _ step: InlineExpression.Step, walked: String, offset: Int) throws(InlineTemplateError) -> Value {
    switch (value, step) {
    case (.object(let fields), .field(let f)):
      if let v = fields.first(where: { $0.0 == f })?.1 { return v }
      let names = fields.map(\.0)
      throw InlineTemplateError(offset: offset, message: "'\(walked)' has no field '\(f)'\(NearMatches.hint(for: f, in: names, noun: "field"))")
    case (.array(let items), .index(let i)):
      guard items.indices.contains(i) else {
        throw InlineTemplateError(offset: offset, message: "index \(i) is out of range: '\(walked)' has \(items.count) items")
      }
      return items[i]
    case (.table(let frame), .field(let f)):
      if f == "rows" { return .integer(frame.rowCount) }
      if f == "columns" { return .array(frame.columnNames.map(Value.string)) }
      if let col = frame[f] {
        if case .string(let c) = col {
          // Each level becomes a value once; rows share it.
          let levels = c.levels.map(Value.string)
          return .array(c.codes.map { $0 < 0 ? .null : levels[Int($0)] })
        }
        return .array((0..<col.count).map { Value(col[$0]) })
      }
      throw InlineTemplateError(offset: offset, message: "dataset '\(walked)' has no column '\(f)'\(NearMatches.hint(for: f, in: frame.columnNames, noun: "column"))")
    case (.object, .index(let i)):
      throw InlineTemplateError(offset: offset, message: "'\(walked)' is a record; expected a field name, not index \(i)")
    default:
      let what: String
      switch step { case .field(let f): what = "field '\(f)'"; case .index(let i): what = "index \(i)" }
      throw InlineTemplateError(offset: offset, message: "'\(walked)' is \(value.typeName == "dataset" ? "a dataset" : "a \(value.typeName)"); it has no \(what)")
    }
  }
}
