import FolioData

/// One directive option, declared once: its name, kind, default, help and
/// typed decoder.
///
/// The declaration is the parser, the validation and the documentation, as
/// swift-argument-parser's `@Option` is: `folio check` validates with it, the
/// executor hands `run` the decoded values (`ParsedOptions[declaration]`),
/// the directive reference is generated from it and every `inputFile` value
/// is hashed into the block's cache key. Build declarations with the
/// factories in `OptionDeclaration+Kinds.swift`.
public struct OptionDeclaration<Value: Sendable>: AnyOptionDeclaration {
  public let name: String
  public let help: String
  public let kind: OptionKind
  /// The value when the option is absent; `nil` when the option is required.
  let defaultValue: Value?
  /// The default as the reference writes it ("500", "GLOBAL"); `nil` when none.
  public let defaultText: String?
  let decoder: @Sendable (OptionNode, String) throws(NotebookError) -> Value

  init(
    _ name: String, kind: OptionKind, default defaultValue: Value?, defaultText: String?, help: String,
    decode: @escaping @Sendable (OptionNode, String) throws(NotebookError) -> Value
  ) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.defaultText = defaultText
    self.help = help
    self.decoder = decode
  }

  public var isRequired: Bool { defaultValue == nil }

  /// Decodes a present option's node (already interpolated).
  public func decode(_ node: OptionNode) throws(NotebookError) -> Value { try decoder(node, name) }

  public func decodeAny(_ node: OptionNode) throws(NotebookError) -> any Sendable { try decode(node) }
  public var defaultAny: (any Sendable)? { defaultValue.map { $0 as any Sendable } }

  /// The same option under another name (for options shared between directives
  /// whose spelling differs).
  public func named(_ other: String) -> OptionDeclaration {
    OptionDeclaration(other, kind: kind, default: defaultValue, defaultText: defaultText, help: help, decode: decoder)
  }

  /// The same option with another help text.
  public func help(_ text: String) -> OptionDeclaration {
    OptionDeclaration(name, kind: kind, default: defaultValue, defaultText: defaultText, help: text, decode: decoder)
  }

  /// The same option with the given default (making it optional to write).
  public func withDefault(_ value: Value, text: String) -> OptionDeclaration {
    OptionDeclaration(name, kind: kind, default: value, defaultText: text, help: help, decode: decoder)
  }
}

/// A declaration with its value type erased, for lists of a directive's options.
public protocol AnyOptionDeclaration: Sendable {
  var name: String { get }
  var help: String { get }
  var kind: OptionKind { get }
  var isRequired: Bool { get }
  var defaultText: String? { get }
  func decodeAny(_ node: OptionNode) throws(NotebookError) -> any Sendable
  var defaultAny: (any Sendable)? { get }
}

/// A block label read from an option, with the option's location.
public struct BlockReference: Sendable, Equatable, CustomStringConvertible {
  /// `label` or `label.field.field`, as written.
  public var path: String
  public var location: SourceLocation
  /// The block label (first path component).
  public var label: String { String(path.split(separator: ".", maxSplits: 1).first ?? Substring(path)) }
  public var description: String { path }
}

/// A file a block reads, as written in the notebook, with the option's location.
/// Its bytes are part of the block's cache key (hashed by the executor).
public struct InputFile: Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var location: SourceLocation
  public var description: String { path }
}

/// One `name: value` of a map option, with both locations.
public struct OptionEntry<Value: Sendable>: Sendable {
  public var key: String
  public var keyLocation: SourceLocation
  public var value: Value
  public var location: SourceLocation
}
