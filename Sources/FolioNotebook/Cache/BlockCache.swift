import Crypto
import FolioData
import Foundation

/// A content-addressed store of block results: `<directory>/<key>.block`.
///
/// An entry is `FOLIO-BLOCK-5\n`, the SHA-256 of the payload (32 bytes) and
/// the payload; an entry whose hash does not match, that is truncated, or
/// that fails to decode is treated as absent (and overwritten on the next
/// store), so a damaged cache costs a recomputation, never a wrong report.
/// The magic names the payload's layout: bump it whenever `CachedBlock`'s
/// encoding changes, and old entries are simply recomputed.
public struct BlockCache: Sendable {
  public let directory: String
  static let magic = Array("FOLIO-BLOCK-5\n".utf8)

  public init(directory: String) {
    self.directory = directory
  }

  func path(_ key: String) -> String { (directory as NSString).appendingPathComponent("\(key).block") }

  /// The entry for `key`, or `nil` when absent or damaged.
  ///
  /// The file is mapped read-only, hashed in place and decoded from the
  /// mapping, which the decoded entry does not point into: a warm render
  /// loads megabytes of entries, and copying them first costs page faults.
  /// Mapping is safe because Folio never rewrites an entry in place: `store`
  /// renames a new file over it, and the mapped old file stays intact.
  func load(_ key: String) -> CachedBlock? {
    let entry = try? FileBytes.withMappedFile(path(key)) { (file: UnsafeBufferPointer<UInt8>) -> CachedBlock? in
      let bytes = UnsafeRawBufferPointer(file)
      let head = Self.magic.count
      guard bytes.count >= head + 32, bytes[0..<head].elementsEqual(Self.magic) else { return nil }
      let payload = UnsafeRawBufferPointer(rebasing: bytes[(head + 32)...])
      guard SHA256.hash(data: payload).elementsEqual(bytes[head..<(head + 32)]) else { return nil }
      var reader = BinaryReader(bytes, from: head + 32)
      return try? CachedBlock.decode(&reader)
    }
    return entry ?? nil
  }

  /// Stores an entry atomically (write to a temporary file, then rename).
  func store(_ entry: CachedBlock, key: String) {
    var writer = BinaryWriter()
    entry.encode(&writer)
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
  /// The result value as results.json writes it (nested two levels deep), UTF-8.
  var valueJSON: [UInt8]

  func encode(_ w: inout BinaryWriter) {
    w.value(result.value)
    w.optional(result.model) { $0.model($1) }
    w.list(result.outputs)
    w.list(result.attachments)
    w.int(result.tables.count)
    for t in result.tables { w.string(t.name); w.frame(t.frame) }
    w.int(inputs.count)
    for i in inputs { w.string(i.path); w.string(i.sha256) }
    w.blob(valueJSON)
  }

  static func decode(_ r: inout BinaryReader) throws -> CachedBlock {
    let value = try r.value()
    let model = try r.optional { try $0.model() }
    let outputs = try r.list(BlockOutput.self)
    let attachments = try r.list(Attachment.self)
    var tables: [ResultTable] = []
    let nt = try r.count()
    for _ in 0..<nt { tables.append(ResultTable(name: try r.string(), frame: try r.frame())) }
    var inputs: [(String, String)] = []
    let ni = try r.count()
    for _ in 0..<ni { inputs.append((try r.string(), try r.string())) }
    let valueJSON = try r.blob()
    guard r.isAtEnd else { throw BinaryReader.Corrupt() }
    var result = DirectiveResult(value: value, outputs: outputs, attachments: attachments, tables: tables)
    result.model = model
    return CachedBlock(result: result, inputs: inputs, valueJSON: valueJSON)
  }
}
