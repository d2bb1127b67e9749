import FolioData

/// A YAML value with the source location of every node: the options of a
/// directive block and the front matter, decoupled from the YAML library.
///
/// Scalars keep their text and whether they were quoted, so `"007"` stays a
/// string while `007` may be read as a number when a number is expected.
public struct OptionNode: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case null
    case scalar(String, quoted: Bool)
    case sequence([OptionNode])
    /// Keys in document order; a key's own location is kept for "unknown option" errors.
    case mapping([Entry])
  }

  /// One `key: value` pair of a mapping.
  public struct Entry: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: OptionNode
    public init(key: String, keyLocation: SourceLocation, value: OptionNode) {
      self.key = key
      self.keyLocation = keyLocation
      self.value = value
    }
  }

  public var kind: Kind
  public var location: SourceLocation

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// An empty mapping, the options of a directive block with an empty body.
  public static func emptyMapping(at location: SourceLocation) -> OptionNode {
    OptionNode(.mapping([]), at: location)
  }

  /// Short name of the node's shape for messages ("a list", "a mapping", …).
  public var shapeName: String {
    switch kind {
    case .null: return "nothing"
    case .scalar(let s, _): return "'\(s)'"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }

  /// The entries of a mapping node, or an error saying a mapping was expected.
  public func entries(_ what: String) throws(NotebookError) -> [Entry] {
    switch kind {
    case .mapping(let e): return e
    case .null: return []
    default: throw NotebookError(location, "\(what): expected a mapping of name: value, found \(shapeName)")
    }
  }

  /// The value for `key` in a mapping node, if present.
  public subscript(key: String) -> OptionNode? {
    guard case .mapping(let e) = kind else { return nil }
    return e.first(where: { $0.key == key })?.value
  }

  // MARK: - Typed accessors

  /// Scalar text; numbers and booleans are accepted as their text.
  public func string(_ what: String) throws(NotebookError) -> String {
    if case .scalar(let s, _) = kind { return s }
    throw NotebookError(location, "\(what): expected text, found \(shapeName)")
  }

  public func double(_ what: String) throws(NotebookError) -> Double {
    if case .scalar(let s, let quoted) = kind, !quoted, let v = OptionNode.parseNumber(s) { return v }
    throw NotebookError(location, "\(what): expected a number, found \(shapeName)")
  }

  public func int(_ what: String) throws(NotebookError) -> Int {
    if case .scalar(let s, let quoted) = kind, !quoted, let v = Int(s.replacingOccurrences(of: "_", with: "")) {
      return v
    }
    throw NotebookError(location, "\(what): expected a whole number, found \(shapeName)")
  }

  public func bool(_ what: String) throws(NotebookError) -> Bool {
    if case .scalar(let s, let quoted) = kind, !quoted {
      switch s.lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: break
      }
    }
    throw NotebookError(location, "\(what): expected true or false, found \(shapeName)")
  }

  /// A list of strings; a single scalar counts as a one-element list.
  public func stringList(_ what: String) throws(NotebookError) -> [String] {
    switch kind {
    case .scalar(let s, _): return [s]
    case .sequence(let items):
      var out: [String] = []
      for item in items { out.append(try item.string(what)) }
      return out
    default: throw NotebookError(location, "\(what): expected a name or a list of names, found \(shapeName)")
    }
  }

  /// The items of a list node (a scalar or mapping counts as one item).
  public func list() -> [OptionNode] {
    switch kind {
    case .sequence(let items): return items
    case .null: return []
    default: return [self]
    }
  }

  /// YAML 1.2 core-schema numbers, plus `.inf`/`.nan`.
  static func parseNumber(_ s: String) -> Double? {
    let t = s.replacingOccurrences(of: "_", with: "")
    switch t.lowercased() {
    case ".inf", "+.inf": return .infinity
    case "-.inf": return -.infinity
    case ".nan": return .nan
    default: break
    }
    guard let first = t.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else { return nil }
    return Double(t)
  }
}
