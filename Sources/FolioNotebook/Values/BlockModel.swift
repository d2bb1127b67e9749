import FolioData

/// A typed block result that later blocks read as itself: a fitted model
/// stays a model (`{cv}`, `{roi}`, `{curves}`, `{plan}` read the `{search}`
/// fit; `{promo_plan}` reads the `{promo_model}` fit) instead of rebuilding it
/// from string-keyed records.
///
/// `view` is the one place its JSON-like record is derived: what
/// `{{ label.path }}` reads and what results.json records. The cache stores
/// the model with `encode`/`decode`; register each conforming type in
/// `BlockModelKinds.all` so a cached entry can be decoded.
public protocol BlockModel: Sendable {
  /// A stable name of the kind, for messages and the cache ("mmm_fit").
  static var kind: String { get }
  /// What the model is, for messages ("a {search} model").
  static var description: String { get }
  /// The record that inline values and results.json read.
  var view: Value { get }
  /// Writes everything `decode` needs to rebuild an identical model.
  func encode(_ w: inout BinaryWriter)
  static func decode(_ r: inout BinaryReader) throws -> Self
}

/// Every `BlockModel` type, by kind, for decoding cache entries.
enum BlockModelKinds {
  static let all: [any BlockModel.Type] = [
    MMMPreparedData.self, MMMFit.self, MMMBootstrap.self, MMMValidation.self, PromoFit.self,
  ]

  static func type(named kind: String) -> (any BlockModel.Type)? { all.first { $0.kind == kind } }
}

extension BinaryWriter {
  /// A model as its kind followed by its own encoding.
  mutating func model(_ m: any BlockModel) {
    string(type(of: m).kind)
    m.encode(&self)
  }
}

extension BinaryReader {
  mutating func model() throws -> any BlockModel {
    guard let type = BlockModelKinds.type(named: try string()) else { throw Corrupt() }
    return try type.decode(&self)
  }
}
