import Crypto
import FolioData
import Foundation

/// A content-addressed store of block results: `<directory>/<key>.block`.
///
/// An entry is `FOLIO-BLOCK-1\n`, the SHA-256 of the payload (32 bytes) and
/// the payload; an entry whose hash does not match, that is truncated, or
/// that fails to decode is treated as absent (and overwritten on the next
/// store), so a damaged cache costs a recomputation, never a wrong report.
public struct BlockCache: Sendable {
  public let directory: String
  static let magic = Array("FOLIO-BLOCK-2\n".utf8)

  public init(directory: String) {
    self.directory = directory
  }

  func path(_ key: String) -> String { (directory as NSString).appendingPathComponent("\(key).block") }

  /// The entry for `key`, or `nil` when absent or damaged.
  func load(_ key: String) -> CachedBlock? {
    guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
    let bytes = [UInt8](data)
    let head = Self.magic.count
    guard bytes.count >= head + 32, Array(bytes[0..<head]) == Self.magic else { return nil }
    let digest = Array(bytes[head..<(head + 32)])
    let payload = Array(bytes[(head + 32)...])
    guard Array(SHA256.hash(data: payload)) == digest else { return nil }
    var reader = BinaryReader(payload)
    return try? CachedBlock.decode(&reader)
  }

  /// Stores an entry atomically (write to a temporary file, then rename).
  func store(_ entry: CachedBlock, key: String) {
    var writer = BinaryWriter()
    guard (try? entry.encode(&writer)) != nil else { return }
    let payload = writer.bytes
    let file = Self.magic + Array(SHA256.hash(data: payload)) + payload
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let tmp = path(key) + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    guard fm.createFile(atPath: tmp, contents: Data(file)) else { return }
    _ = try? fm.removeItem(atPath: path(key))
    try? fm.moveItem(atPath: tmp, toPath: path(key))
  }
}

/// What a cached block replays: its result and the input files it read.
struct CachedBlock {
  var result: DirectiveResult
  var inputs: [(path: String, sha256: String)]
  /// The result value as results.json writes it (nested two levels deep).
  var valueJSON: String

  func encode(_ w: inout BinaryWriter) throws {
    w.value(result.value)
    let json = JSONEncoder()
    json.outputFormatting = [.sortedKeys]
    // Charts hold NaN for gaps; JSON has no NaN, so spell the specials out.
    json.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    w.blob(Array(try json.encode(result.outputs)))
    w.blob(Array(try json.encode(result.attachments)))
    w.int(result.tables.count)
    for t in result.tables { w.string(t.name); w.frame(t.frame) }
    w.int(inputs.count)
    for i in inputs { w.string(i.path); w.string(i.sha256) }
    w.string(valueJSON)
  }

  static func decode(_ r: inout BinaryReader) throws -> CachedBlock {
    let value = try r.value()
    let json = JSONDecoder()
    json.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let outputs = try json.decode([BlockOutput].self, from: Data(try r.blob()))
    let attachments = try json.decode([Attachment].self, from: Data(try r.blob()))
    var tables: [ResultTable] = []
    let nt = try r.int()
    guard nt >= 0, nt < 10_000 else { throw BinaryReader.Corrupt() }
    for _ in 0..<nt { tables.append(ResultTable(name: try r.string(), frame: try r.frame())) }
    var inputs: [(String, String)] = []
    let ni = try r.int()
    guard ni >= 0, ni < 10_000 else { throw BinaryReader.Corrupt() }
    for _ in 0..<ni { inputs.append((try r.string(), try r.string())) }
    let valueJSON = try r.string()
    guard r.isAtEnd else { throw BinaryReader.Corrupt() }
    return CachedBlock(
      result: DirectiveResult(value: value, outputs: outputs, attachments: attachments, tables: tables),
      inputs: inputs, valueJSON: valueJSON)
  }
}
