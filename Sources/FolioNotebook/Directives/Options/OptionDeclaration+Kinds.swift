import FolioData

/// Factories for option declarations, one per `OptionKind`:
/// `static let minSpend = DirectiveOption.number("min_spend", default: 1000, in: .nonNegative, "…")`.
/// Each comes in a defaulted form (`default:` given) and an optional form
/// (value type `T?`, `nil` when absent); references come required or optional.
public enum DirectiveOption {
  // MARK: - Numbers

  /// A number within `bounds`, with a default.
  public static func number(
    _ name: String, default d: Double, in bounds: NumberBounds = .any, _ help: String
  ) -> OptionDeclaration<Double> {
    OptionDeclaration<Double>(name, kind: .number(bounds), default: d, defaultText: NumberFormat.automatic.format(d), help: help) {
      node, name throws(NotebookError) in try OptionScalars.number(node, name, bounds)
    }
  }

  /// An optional number within `bounds` (`nil` when absent).
  public static func number(_ name: String, in bounds: NumberBounds = .any, _ help: String) -> OptionDeclaration<Double?> {
    OptionDeclaration<Double?>(name, kind: .number(bounds), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.number(node, name, bounds)
    }
  }

  /// A whole number in `range`, with a default.
  public static func integer(
    _ name: String, default d: Int, in range: ClosedRange<Int>? = nil, atLeast: Int? = nil, unit: String = "", _ help: String
  ) -> OptionDeclaration<Int> {
    let lo = range?.lowerBound ?? atLeast, hi = range?.upperBound
    return OptionDeclaration<Int>(name, kind: .integer(lower: lo, upper: hi), default: d, defaultText: String(d), help: help) {
      node, name throws(NotebookError) in try OptionScalars.integer(node, name, lower: lo, upper: hi, unit: unit)
    }
  }

  /// An optional whole number.
  public static func integer(
    _ name: String, in range: ClosedRange<Int>? = nil, atLeast: Int? = nil, unit: String = "", _ help: String
  ) -> OptionDeclaration<Int?> {
    let lo = range?.lowerBound ?? atLeast, hi = range?.upperBound
    return OptionDeclaration<Int?>(name, kind: .integer(lower: lo, upper: hi), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.integer(node, name, lower: lo, upper: hi, unit: unit)
    }
  }

  /// A seed: a whole number 0 to 2⁶⁴ − 1 (optional; the directive derives one from the notebook seed).
  public static func seed(help: String) -> OptionDeclaration<UInt64?> {
    let name = "seed"
    return OptionDeclaration<UInt64?>(name, kind: .integer(lower: 0, upper: nil), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in
      if case .scalar(let s, _) = node.kind, let v = UInt64(s.replacingOccurrences(of: "_", with: "")) { return v }
      throw NotebookError(node.location, "\(name): expected a whole number from 0 to 18446744073709551615, found \(node.shapeName)")
    }
  }

  // MARK: - Booleans, names and text

  /// `true` or `false` (also yes/no, on/off), with a default.
  public static func bool(_ name: String, default d: Bool, _ help: String) -> OptionDeclaration<Bool> {
    OptionDeclaration<Bool>(name, kind: .bool, default: d, defaultText: String(d), help: help) {
      node, name throws(NotebookError) in try node.bool(name)
    }
  }

  /// One of the cases of `E`, matched case-insensitively, with a default.
  public static func choice<E: RawRepresentable & CaseIterable & Sendable>(
    _ name: String, default d: E, _ help: String
  ) -> OptionDeclaration<E> where E.RawValue == String {
    OptionDeclaration<E>(name, kind: .enumeration(E.allCases.map(\.rawValue)), default: d, defaultText: d.rawValue, help: help) {
      node, name throws(NotebookError) in try OptionScalars.choice(node, name, E.self)
    }
  }

  /// One of the cases of `E`, required.
  public static func choice<E: RawRepresentable & CaseIterable & Sendable>(
    required name: String, _ type: E.Type, _ help: String
  ) -> OptionDeclaration<E> where E.RawValue == String {
    OptionDeclaration<E>(name, kind: .enumeration(E.allCases.map(\.rawValue)), default: nil, defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.choice(node, name, E.self)
    }
  }

  /// One of the cases of `E`, optional.
  public static func choice<E: RawRepresentable & CaseIterable & Sendable>(
    _ name: String, _ type: E.Type, _ help: String
  ) -> OptionDeclaration<E?> where E.RawValue == String {
    OptionDeclaration<E?>(name, kind: .enumeration(E.allCases.map(\.rawValue)), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.choice(node, name, E.self)
    }
  }

  /// Free text, with a default.
  public static func text(_ name: String, default d: String, _ help: String) -> OptionDeclaration<String> {
    OptionDeclaration<String>(name, kind: .text, default: d, defaultText: d.isEmpty ? nil : d, help: help) {
      node, name throws(NotebookError) in try node.string(name)
    }
  }

  /// Optional free text.
  public static func text(_ name: String, _ help: String) -> OptionDeclaration<String?> {
    OptionDeclaration<String?>(name, kind: .text, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try node.string(name)
    }
  }

  /// Optional markdown text shown in the report (caption, headline, card label).
  public static func markdown(_ name: String, _ help: String) -> OptionDeclaration<String?> {
    OptionDeclaration<String?>(name, kind: .markdown, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try node.string(name)
    }
  }

  /// A list of markdown texts (a single text counts as a list of one), optional.
  public static func markdowns(_ name: String, _ help: String) -> OptionDeclaration<[String]?> {
    OptionDeclaration<[String]?>(name, kind: .list(.markdown), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try node.stringList(name)
    }
  }

  /// A column name, with a default.
  public static func column(_ name: String, default d: String, _ help: String) -> OptionDeclaration<String> {
    OptionDeclaration<String>(name, kind: .column, default: d, defaultText: d, help: help) {
      node, name throws(NotebookError) in try OptionScalars.name(node, name)
    }
  }

  /// An optional column name.
  public static func column(_ name: String, _ help: String) -> OptionDeclaration<String?> {
    OptionDeclaration<String?>(name, kind: .column, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.name(node, name)
    }
  }

  /// Column names (a single name counts as a list of one), with a default.
  public static func columns(_ name: String, default d: [String], _ help: String) -> OptionDeclaration<[String]> {
    OptionDeclaration<[String]>(name, kind: .list(.column), default: d, defaultText: d.isEmpty ? nil : d.joined(separator: ", "), help: help) {
      node, name throws(NotebookError) in try OptionScalars.names(node, name)
    }
  }

  /// Optional column names.
  public static func columns(_ name: String, _ help: String) -> OptionDeclaration<[String]?> {
    OptionDeclaration<[String]?>(name, kind: .list(.column), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.names(node, name)
    }
  }

  /// A list of texts (a single text counts as a list of one), optional.
  public static func texts(_ name: String, _ help: String) -> OptionDeclaration<[String]?> {
    OptionDeclaration<[String]?>(name, kind: .list(.text), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try node.stringList(name)
    }
  }

  // MARK: - Blocks and files

  /// The label of an earlier block (`label` or `label.field`), required.
  public static func reference(_ name: String, _ help: String) -> OptionDeclaration<BlockReference> {
    OptionDeclaration<BlockReference>(name, kind: .reference, default: nil, defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.reference(node, name)
    }
  }

  /// An optional block label.
  public static func reference(optional name: String, _ help: String) -> OptionDeclaration<BlockReference?> {
    OptionDeclaration<BlockReference?>(name, kind: .reference, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try OptionScalars.reference(node, name)
    }
  }

  /// A file the block reads (optional); its bytes join the cache key automatically.
  public static func inputFile(_ name: String, _ help: String) -> OptionDeclaration<InputFile?> {
    OptionDeclaration<InputFile?>(name, kind: .inputFile, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in
      let path = try OptionScalars.name(node, name)
      return InputFile(path: path, location: node.location)
    }
  }

  // MARK: - Maps and structured values

  /// A mapping `{name: value}` whose values decode with `item`, in written order (optional).
  public static func map<T: Sendable>(
    _ name: String, of item: OptionDeclaration<T>, _ help: String
  ) -> OptionDeclaration<[OptionEntry<T>]?> {
    OptionDeclaration<[OptionEntry<T>]?>(name, kind: .map(item.kind), default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in
      var out: [OptionEntry<T>] = []
      for e in try node.entries(name) {
        let v = try item.decoder(e.value, "\(name).\(e.key)")
        out.append(OptionEntry(key: e.key, keyLocation: e.keyLocation, value: v, location: e.value.location))
      }
      return out
    }
  }

  /// An item of a map or list option: a value of `kind` decoded by `decode`
  /// (the item's name in messages is the map's `name.key`).
  public static func item<Value: Sendable>(
    _ kind: OptionKind, decode: @escaping @Sendable (OptionNode, String) throws(NotebookError) -> Value
  ) -> OptionDeclaration<Value> {
    OptionDeclaration<Value>("item", kind: kind, default: nil, defaultText: nil, help: "", decode: decode)
  }

  /// A value with its own grammar, decoded by `decode` (optional).
  public static func structured<Value: Sendable>(
    _ name: String, kind: OptionKind, _ help: String,
    decode: @escaping @Sendable (OptionNode, String) throws(NotebookError) -> Value
  ) -> OptionDeclaration<Value?> {
    OptionDeclaration<Value?>(name, kind: kind, default: .some(nil), defaultText: nil, help: help) {
      node, name throws(NotebookError) in try decode(node, name)
    }
  }
}

/// Value decoders shared by the factories; each error names the option and
/// says what was expected.
enum OptionScalars {
  static func number(_ node: OptionNode, _ name: String, _ bounds: NumberBounds) throws(NotebookError) -> Double {
    let v = try node.double(name)
    guard bounds.contains(v) else {
      let want = bounds.isUnbounded ? "a finite number" : "a number \(bounds.text)"
      throw NotebookError(node.location, "\(name): expected \(want), found \(NumberFormat.automatic.format(v))")
    }
    return v
  }

  static func integer(_ node: OptionNode, _ name: String, lower: Int?, upper: Int?, unit: String) throws(NotebookError) -> Int {
    let v = try node.int(name)
    if (lower.map { v < $0 } ?? false) || (upper.map { v > $0 } ?? false) {
      let u = unit.isEmpty ? "" : " \(unit)"
      let range: String
      switch (lower, upper) {
      case (let l?, let h?): range = "\(l) to \(h)\(u)"
      case (let l?, nil): range = "\(l) or more\(u)"
      case (nil, let h?): range = "at most \(h)\(u)"
      default: range = "a whole number"
      }
      throw NotebookError(node.location, "\(name): expected \(range), found \(v)")
    }
    return v
  }

  static func choice<E: RawRepresentable & CaseIterable>(_ node: OptionNode, _ name: String, _ type: E.Type) throws(NotebookError) -> E
  where E.RawValue == String {
    let text = try node.string(name)
    if let v = E.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { return v }
    let names = E.allCases.map(\.rawValue)
    let expected = names.count == 2 ? "\(names[0]) or \(names[1])" : "one of \(names.joined(separator: ", "))"
    // The list is already in the message; only a close match adds to it.
    let hint = NearMatches.hint(for: text, in: names, noun: "value")
    throw NotebookError(node.location, "\(name): expected \(expected), found '\(text)'\(hint.hasPrefix("; did you mean") ? hint : "")")
  }

  /// A non-empty name (column, file path).
  static func name(_ node: OptionNode, _ name: String) throws(NotebookError) -> String {
    let s = try node.string(name)
    guard !s.isEmpty else { throw NotebookError(node.location, "\(name): expected a name, found an empty text") }
    return s
  }

  static func names(_ node: OptionNode, _ name: String) throws(NotebookError) -> [String] {
    let list = try node.stringList(name)
    if let i = list.firstIndex(of: "") {
      let items = node.list()
      throw NotebookError(items.indices.contains(i) ? items[i].location : node.location, "\(name): expected a name, found an empty text")
    }
    return list
  }

  static func reference(_ node: OptionNode, _ name: String) throws(NotebookError) -> BlockReference {
    let path = try node.string(name)
    guard !path.isEmpty, !path.hasPrefix("."), !path.hasSuffix("."), !path.contains("..") else {
      throw NotebookError(node.location, "\(name): expected a block label (or label.field), found '\(path)'")
    }
    return BlockReference(path: path, location: node.location)
  }
}

extension OptionNode {
  /// Whether the node is a quoted scalar (its text starts one column after its location).
  var isQuoted: Bool {
    if case .scalar(_, quoted: true) = kind { return true }
    return false
  }
}
