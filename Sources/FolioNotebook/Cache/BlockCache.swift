import Crypto
import FolioData
import Foundation

/// The block cache: small entries `<directory>/<key>.block` (a block's view
/// and its result with datasets as references) and `<key>.prose` (filled-in
/// prose), plus the content-addressed datasets in `objects/` (`ObjectStore`).
///
/// An entry is `FOLIO-BLOCK-6\n`, the SHA-256 of the payload (32 bytes) and
/// the payload; an entry whose hash does not match, that is truncated, that
/// fails to decode, or whose objects are missing or of the wrong size is
/// treated as absent (and overwritten on the next store), so a damaged cache
/// costs a recomputation, never a wrong report. The magic names the
/// payload's layout: bump it whenever `CachedBlock`'s encoding changes.
///
/// Stores run on a background queue (`CacheWriter`), so encoding and writing
/// datasets overlaps the blocks that follow; `waitForWrites()` joins them.
/// Every file is written to a temporary name and renamed into place, so
/// several processes can share one cache directory (`--cache DIR`).
public struct BlockCache: Sendable {
  public let directory: String
  let objects: ObjectStore
  private let writer: CacheWriter
  static let magic = Array("FOLIO-BLOCK-6\n".utf8)
  static let proseMagic = Array("FOLIO-PROSE-1\n".utf8)
  static let resultsMagic = Array("FOLIO-RESULTS-1\n".utf8)

  public init(directory: String) {
    self.directory = directory
    objects = ObjectStore(cacheDirectory: directory)
    writer = CacheWriter()
  }

  func path(_ key: String, kind: String = "block") -> String {
    (directory as NSString).appendingPathComponent("\(key).\(kind)")
  }

  /// Whether an entry file exists for `key` (not whether it is intact:
  /// `load` checks that), without reading it.
  func hasEntry(_ key: String) -> Bool { FileManager.default.fileExists(atPath: path(key)) }

  /// The entry for `key`, or `nil` when absent, damaged or missing an object.
  /// Result tables (written to the report folder on every render) are read
  /// here; the result's datasets only by `loadResult`.
  func load(_ key: String) -> (entry: CachedBlock, tables: [ResultTable])? {
    let file = path(key)
    guard let payload = Self.readVerified(file, magic: Self.magic),
      let entry = try? BinaryReader.reading(payload, { try CachedBlock.decode(&$0) }),
      entry.resultObjects.allSatisfy(objects.isPresent)
    else { return nil }
    var tables: [ResultTable] = []
    for t in entry.tables {
      guard let frame = objects.get(t.ref) else { return nil }
      tables.append(ResultTable(name: t.name, frame: frame))
    }
    CacheFiles.touch(file)
    for r in entry.resultObjects { CacheFiles.touch(objects.path(r.hash)) }
    return (entry, tables)
  }

  /// The value and model of a loaded entry, reading its datasets; throws
  /// when an object turns out damaged or the entry kept no result (the
  /// caller then recomputes).
  func loadResult(_ entry: CachedBlock) throws -> (Value, (any BlockModel)?) {
    guard !entry.result.isEmpty else { throw BinaryReader.Corrupt() }
    return try ResultCoding.decode(entry.result) { ref in
      guard let f = objects.get(ref) else { throw BinaryReader.Corrupt() }
      return f
    }
  }

  /// Rate at which a rerender reads datasets back (mapping, hashing,
  /// decoding), bytes per second: a result whose datasets would take longer
  /// to read than the block took to compute is not kept (see `store`).
  static let readRate = 500e6
  /// Results with at most this many bytes of datasets are always kept.
  static let alwaysKept = 1 << 20

  /// Stores a block's result in the background: its datasets as objects
  /// (each column once), then the entry naming them.
  ///
  /// A block that computed its datasets faster than they could be read
  /// back (`seconds` against `readRate`; a `derive` or `filter` on a large
  /// dataset) stores only its view: a rerender shows it from the cache, and
  /// rebuilds its datasets from the blocks above only if a block below
  /// reruns. That keeps chains of large derived datasets out of the cache.
  func store(_ result: DirectiveResult, inputs: [(path: String, sha256: String)], valueJSON: [UInt8], seconds: Double, key: String) {
    let objects = self.objects
    let file = path(key)
    let inputs = inputs.map { InputRecord(path: $0.path, sha256: $0.sha256) }
    let frames = ResultCoding.frames(in: result.value)
    let bytes = frames.reduce(0) { $0 + $1.estimatedBytes }
    let keepsResult = bytes <= Self.alwaysKept || seconds * Self.readRate >= Double(bytes)
    writer.enqueue { memo in
      var refs: [ObjectRef] = []
      for frame in keepsResult ? frames : [] {
        guard let r = objects.put(frame, memo: &memo) else { return }
        refs.append(r)
      }
      var tables: [(String, ObjectRef)] = []
      for t in result.tables {
        guard let r = objects.put(t.frame, memo: &memo) else { return }
        tables.append((t.name, r))
      }
      let entry = CachedBlock(
        outputs: result.outputs, attachments: result.attachments, tables: tables,
        inputs: inputs.map { ($0.path, $0.sha256) }, valueJSON: valueJSON, resultObjects: refs,
        result: keepsResult ? ResultCoding.encode(result.value, model: result.model, refs: refs) : [])
      var w = BinaryWriter()
      entry.encode(&w)
      Self.writeVerified(w.bytes, magic: Self.magic, to: file)
    }
  }

  /// Filled-in prose stored under `key` (see `Executor`), or `nil`.
  func loadProse(_ key: String) -> String? {
    let file = path(key, kind: "prose")
    guard let payload = Self.readVerified(file, magic: Self.proseMagic) else { return nil }
    CacheFiles.touch(file)
    return String(validating: payload, as: UTF8.self)
  }

  func storeProse(_ markdown: String, key: String) {
    let file = path(key, kind: "prose")
    writer.enqueue { _ in Self.writeVerified(Array(markdown.utf8), magic: Self.proseMagic, to: file) }
  }

  /// The "results" member of a results.json assembled before from the same
  /// blocks (`ExecutedDocument.resultsKey`), or `nil`.
  ///
  /// How a dataset appears in results.json depends on the datasets before it
  /// (a table of a dataset written earlier is `same_as` it), so a replayed
  /// block's own fragment is not enough: a rerender where nothing changed
  /// reuses the whole assembled member instead of decoding every dataset to
  /// compare them again.
  public func loadAssembledResults(_ key: String) -> [UInt8]? {
    let file = path(key, kind: "results")
    guard let payload = Self.readVerified(file, magic: Self.resultsMagic) else { return nil }
    CacheFiles.touch(file)
    return payload
  }

  /// Stores the assembled "results" member under `key` (in the background).
  public func storeAssembledResults(_ bytes: [UInt8], key: String) {
    let file = path(key, kind: "results")
    writer.enqueue { _ in Self.writeVerified(bytes, magic: Self.resultsMagic, to: file) }
  }

  /// Waits until every store so far is on disk (or given up).
  public func waitForWrites() { writer.wait() }

  // MARK: Files

  /// The payload of a `magic + sha256 + payload` file whose hash matches.
  private static func readVerified(_ file: String, magic: [UInt8]) -> [UInt8]? {
    let payload = try? FileBytes.withMappedFile(file) { (mapped: UnsafeBufferPointer<UInt8>) -> [UInt8]? in
      let bytes = UnsafeRawBufferPointer(mapped)
      let head = magic.count
      guard bytes.count >= head + 32, bytes[0..<head].elementsEqual(magic) else { return nil }
      let payload = UnsafeRawBufferPointer(rebasing: bytes[(head + 32)...])
      guard SHA256.hash(data: payload).elementsEqual(bytes[head..<(head + 32)]) else { return nil }
      return Array(payload)
    }
    return payload ?? nil
  }

  /// Writes `magic + sha256 + payload` atomically (a temporary file renamed over the old).
  private static func writeVerified(_ payload: [UInt8], magic: [UInt8], to file: String) {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let tmp = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    do {
      try FileBytes.write(magic + Array(SHA256.hash(data: payload)) + payload, to: tmp)
      try PathRename.move(tmp, to: file)
    } catch {
      unlink(tmp)
    }
  }
}

/// An input file a block read, as stored in its entry.
private struct InputRecord: Sendable {
  var path: String
  var sha256: String
}

extension Frame {
  /// Bytes of the frame's columns in memory (8 a number or integer, 4 a
  /// string code or date, plus masks): what reading it back costs, roughly.
  var estimatedBytes: Int {
    columns.reduce(0) { total, c in
      switch c {
      case .number(let v): return total + 8 * v.count
      case .integer(let x): return total + 9 * x.values.count
      case .string(let x): return total + 4 * x.codes.count
      case .date(let x): return total + 5 * x.days.count
      }
    }
  }
}
