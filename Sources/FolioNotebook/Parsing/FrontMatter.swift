import FolioData

/// The notebook's YAML front matter: report metadata, parameters and seed.
///
/// `date` is never filled from the clock: a report is a function of its
/// inputs, so reruns are byte-identical.
public struct FrontMatter: Sendable {
  public var title: String = "Untitled notebook"
  public var subtitle: String?
  public var author: String?
  public var date: String?
  /// Declared parameters with their defaults, in document order.
  public var params: [Parameter] = []
  /// Seed for every random step (DE search, bootstrap); 0 when not given.
  public var seed: UInt64 = 0
  /// Whether `seed` was written in the front matter.
  public var seedDeclared = false
  /// A template path relative to the notebook, overriding the default report template.
  public var template: String?
  /// Where the front matter starts (line 1), for messages about it.
  public var location: SourceLocation
  /// False when the front matter could not be read at all (invalid YAML), so
  /// `params` may be missing names the notebook declares: `folio check` then
  /// does not call references to params unknown.
  public var paramsKnown = true

  /// One `params:` entry.
  public struct Parameter: Sendable {
    public var name: String
    public var value: Value
    public var location: SourceLocation
  }

  /// Keys the front matter understands; anything else is a typo until proven otherwise.
  public static let knownKeys = ["title", "subtitle", "author", "date", "params", "seed", "template"]

  init(location: SourceLocation) { self.location = location }

  /// Reads the front matter mapping; a bad entry is recorded in `problems`
  /// and skipped, so the others (params above all) are still read.
  static func parse(_ node: OptionNode, problems: inout [NotebookError]) -> FrontMatter {
    var fm = FrontMatter(location: node.location)
    let entries: [OptionNode.Entry]
    do throws(NotebookError) { entries = try node.entries("front matter") } catch {
      problems.append(error)
      fm.paramsKnown = false
      return fm
    }
    for entry in entries {
      do throws(NotebookError) { try fm.read(entry) } catch { problems.append(error) }
    }
    return fm
  }

  /// Reads one front-matter entry into `self`.
  private mutating func read(_ entry: OptionNode.Entry) throws(NotebookError) {
    do {
      let v = entry.value
      switch entry.key {
      case "title": self.title = try v.string("title")
      case "subtitle": self.subtitle = try v.string("subtitle")
      case "author": self.author = try v.stringList("author").joined(separator: ", ")
      case "date": self.date = try v.string("date")
      case "template": self.template = try v.string("template")
      case "seed":
        let s = try v.int("seed")
        guard s >= 0 else { throw NotebookError(v.location, "seed: expected a non-negative whole number") }
        self.seed = UInt64(s)
        self.seedDeclared = true
      case "params":
        for p in try v.entries("params") {
          self.params.append(Parameter(name: p.key, value: try Self.paramValue(p.value, name: p.key), location: p.keyLocation))
        }
      default:
        throw NotebookError(
          entry.keyLocation,
          "unknown front-matter key '\(entry.key)'\(NearMatches.hint(for: entry.key, in: Self.knownKeys, noun: "front-matter key"))")
      }
    }
  }

  /// A parameter default: a number, whole number, boolean or text.
  static func paramValue(_ node: OptionNode, name: String) throws(NotebookError) -> Value {
    switch node.kind {
    case .scalar(let s, let quoted):
      if quoted { return .string(s) }
      if let i = Int(s) { return .integer(i) }
      if let d = OptionNode.parseNumber(s) { return .number(d) }
      if let b = try? node.bool(name) { return .bool(b) }
      return .string(s)
    case .null:
      throw NotebookError(node.location, "params.\(name): expected a default value")
    default:
      throw NotebookError(node.location, "params.\(name): expected a number, boolean or text default, found \(node.shapeName)")
    }
  }

  /// Applies a `--param name=value` override, typed as the parameter's default.
  public mutating func override(_ name: String, with text: String) throws(NotebookError) {
    guard let i = params.firstIndex(where: { $0.name == name }) else {
      throw NotebookError(location, "unknown parameter '\(name)'\(NearMatches.hint(for: name, in: params.map(\.name), noun: "parameter"))")
    }
    let p = params[i]
    let value: Value?
    switch p.value {
    case .integer: value = Int(text).map(Value.integer)
    case .number: value = OptionNode.parseNumber(text).map(Value.number)
    case .bool:
      switch text.lowercased() {
      case "true", "yes", "1": value = .bool(true)
      case "false", "no", "0": value = .bool(false)
      default: value = nil
      }
    default: value = .string(text)
    }
    guard let value else {
      throw NotebookError(p.location, "parameter '\(name)': expected \(p.value.typeName) like its default, found '\(text)'")
    }
    params[i].value = value
  }
}
