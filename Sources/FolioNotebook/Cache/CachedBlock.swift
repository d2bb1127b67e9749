import FolioData

/// What a cached block replays, split so that a rerender pays only for what
/// it shows.
///
/// The **view** (outputs, attachments, result tables, inputs, the
/// results.json fragment) is what the report needs and is decoded on every
/// hit. The **result** (the value later blocks read, and a typed model) is
/// kept as undecoded bytes, with every dataset in it a reference to the
/// object store: it is decoded, and its datasets read, only when a block
/// downstream actually runs or a placeholder needs it.
struct CachedBlock {
  var outputs: [BlockOutput]
  var attachments: [Attachment]
  var tables: [(name: String, ref: ObjectRef)]
  var inputs: [(path: String, sha256: String)]
  /// The result value as results.json writes it (nested two levels deep), UTF-8.
  var valueJSON: [UInt8]
  /// The datasets `result` refers to (checked present on every hit).
  var resultObjects: [ObjectRef]
  /// `ResultCoding`'s bytes of the value and model.
  var result: [UInt8]

  func encode(_ w: inout BinaryWriter) {
    w.list(outputs)
    w.list(attachments)
    w.int(tables.count)
    for t in tables { w.string(t.name); w.ref(t.ref) }
    w.int(inputs.count)
    for i in inputs { w.string(i.path); w.string(i.sha256) }
    w.blob(valueJSON)
    w.int(resultObjects.count)
    for r in resultObjects { w.ref(r) }
    w.blob(result)
  }

  static func decode(_ r: inout BinaryReader) throws -> CachedBlock {
    let outputs = try r.list(BlockOutput.self)
    let attachments = try r.list(Attachment.self)
    var tables: [(String, ObjectRef)] = []
    for _ in 0..<(try r.count()) { tables.append((try r.string(), try r.ref())) }
    var inputs: [(String, String)] = []
    for _ in 0..<(try r.count()) { inputs.append((try r.string(), try r.string())) }
    let valueJSON = try r.blob()
    var objects: [ObjectRef] = []
    for _ in 0..<(try r.count()) { objects.append(try r.ref()) }
    let result = try r.blob()
    guard r.isAtEnd else { throw BinaryReader.Corrupt() }
    return CachedBlock(
      outputs: outputs, attachments: attachments, tables: tables, inputs: inputs, valueJSON: valueJSON,
      resultObjects: objects, result: result)
  }
}

/// The value and model of a block result, with each dataset written as a
/// reference to an object (tag 8) instead of its rows.
enum ResultCoding {
  /// Every dataset in `value`, in the order `encode` refers to them.
  static func frames(in value: Value) -> [Frame] {
    switch value {
    case .table(let f): return [f]
    case .array(let items): return items.flatMap(frames(in:))
    case .object(let fields): return fields.flatMap { frames(in: $0.1) }
    default: return []
    }
  }

  /// Writes `value` with its datasets as `refs` (in `frames(in:)` order), then the model.
  static func encode(_ value: Value, model: (any BlockModel)?, refs: [ObjectRef]) -> [UInt8] {
    var w = BinaryWriter()
    var next = 0
    func write(_ v: Value) {
      switch v {
      case .table:
        w.u8(8)
        w.ref(refs[next])
        next += 1
      case .array(let items):
        w.u8(5)
        w.int(items.count)
        for i in items { write(i) }
      case .object(let fields):
        w.u8(6)
        w.int(fields.count)
        for (k, x) in fields { w.string(k); write(x) }
      default: w.value(v)
      }
    }
    write(value)
    w.optional(model) { $0.model($1) }
    return w.bytes
  }

  /// Reads what `encode` wrote, loading each referenced dataset with `load`.
  static func decode(_ bytes: [UInt8], load: (ObjectRef) throws -> Frame) throws -> (Value, (any BlockModel)?) {
    try BinaryReader.reading(bytes) { r in
      func read(_ depth: Int) throws -> Value {
        guard depth < 64 else { throw BinaryReader.Corrupt() }
        let start = r
        switch try r.u8() {
        case 8: return .table(try load(try r.ref()))
        case 5:
          var items: [Value] = []
          for _ in 0..<(try r.count()) { items.append(try read(depth + 1)) }
          return .array(items)
        case 6:
          var fields: [(String, Value)] = []
          for _ in 0..<(try r.count()) { fields.append((try r.string(), try read(depth + 1))) }
          return .object(fields)
        default:
          r = start
          return try r.value(depth: depth)
        }
      }
      let value = try read(0)
      let model = try r.optional { try $0.model() }
      guard r.isAtEnd else { throw BinaryReader.Corrupt() }
      return (value, model)
    }
  }
}

extension BinaryWriter {
  mutating func ref(_ r: ObjectRef) {
    string(r.hash)
    int(r.size)
  }
}

extension BinaryReader {
  mutating func ref() throws -> ObjectRef {
    let hash = try string()
    guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { throw Corrupt() }
    return ObjectRef(hash: hash, size: try int())
  }
}
