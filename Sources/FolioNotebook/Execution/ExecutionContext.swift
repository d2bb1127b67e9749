import Crypto
import FolioData
import Foundation

/// What a running block can see and record: params, seed, earlier results,
/// and the input files it reads (hashed for the report's provenance).
public struct ExecutionContext: Sendable {
  /// The notebook's path as given (for messages).
  public var notebookPath: String
  /// Folder that relative data paths are resolved against (the notebook's folder).
  public var baseDirectory: String
  public var params: Value
  public var seed: UInt64
  /// Results of labeled blocks run so far.
  public var results: [String: Value] = [:]
  /// Typed results (fitted models) of labeled blocks run so far, by label.
  public var models: [String: any BlockModel] = [:]
  /// Input files read so far: path as written → SHA-256 hex, in first-read
  /// order. Reading it waits for digests still being computed (`InputDigest`).
  public var inputs: [(path: String, sha256: String)] { recorded.map { ($0.path, $0.digest.hex) } }
  /// Input files read so far with their (possibly still running) digests.
  private var recorded: [(path: String, digest: InputDigest)] = []
  /// How many inputs have been recorded (does not wait for digests).
  public var inputCount: Int { recorded.count }

  public init(notebookPath: String, baseDirectory: String, params: Value, seed: UInt64) {
    self.notebookPath = notebookPath
    self.baseDirectory = baseDirectory
    self.params = params
    self.seed = seed
  }

  /// The scope for `{{ … }}`.
  public var scope: TemplateScope { TemplateScope(params: params, results: results) }

  /// Resolves a path written in the notebook against the notebook's folder.
  public func resolvePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
  }

  /// SHA-256 of input files the executor hashed (or is hashing) for the
  /// running block's cache key, by path as written, so a large CSV is not
  /// hashed twice.
  var knownDigests: [String: InputDigest] = [:]

  /// Records that the block read `path` (as written) with these bytes. A
  /// large input is hashed on another core while the block goes on.
  public mutating func recordInput(path: String, bytes: [UInt8]) {
    if recorded.contains(where: { $0.path == path }) { return }
    recorded.append((path, knownDigests[path] ?? InputDigest(hashing: bytes)))
  }

  /// Records an input whose hash is already known (a block replayed from the cache).
  public mutating func recordInput(path: String, sha256: String) {
    guard !recorded.contains(where: { $0.path == path }) else { return }
    recorded.append((path, InputDigest(known: sha256)))
  }

  /// The inputs recorded after the first `start` (a block's own inputs), with their digests.
  public func inputs(from start: Int) -> [(path: String, sha256: String)] {
    recorded[start...].map { ($0.path, $0.digest.hex) }
  }

  /// The result of an earlier block by label (or `label.field.field`).
  public func result(_ reference: String, at location: SourceLocation) throws(NotebookError) -> Value {
    let parts = reference.split(separator: ".").map(String.init)
    guard let root = parts.first, var value = results[root] else {
      let known = results.keys.sorted()
      throw NotebookError(location, "unknown block '\(reference)'\(NearMatches.hint(for: reference, in: known, noun: "block label"))")
    }
    var walked = root
    for p in parts.dropFirst() {
      guard let v = value[p] else {
        throw NotebookError(location, "'\(walked)' has no field '\(p)'")
      }
      value = v
      walked += ".\(p)"
    }
    return value
  }

  /// The typed model a `reference` option names, or an error saying which
  /// kind of block was expected.
  public func model<M: BlockModel>(_ type: M.Type, _ reference: BlockReference) throws(NotebookError) -> M {
    guard let m = models[reference.path] else {
      let v = try result(reference.path, at: reference.location)
      throw NotebookError(reference.location, "'\(reference.path)' is a \(v.typeName), expected \(M.description)")
    }
    guard let typed = m as? M else {
      throw NotebookError(reference.location, "'\(reference.path)' is \(Swift.type(of: m).description), expected \(M.description)")
    }
    return typed
  }

  /// The result a `reference` option names.
  public func result(_ reference: BlockReference) throws(NotebookError) -> Value {
    try result(reference.path, at: reference.location)
  }

  /// The dataset a `reference` option names.
  public func dataset(_ reference: BlockReference) throws(NotebookError) -> Frame {
    try dataset(reference.path, at: reference.location)
  }

  /// The dataset an option refers to, or an error saying a dataset was expected.
  public func dataset(_ reference: String, at location: SourceLocation) throws(NotebookError) -> Frame {
    let v = try result(reference, at: location)
    guard case .table(let frame) = v else {
      throw NotebookError(location, "'\(reference)' is a \(v.typeName), expected a dataset")
    }
    return frame
  }
}

/// SHA-256 as lowercase hex, for provenance and cache keys.
public enum SHA256Digest {
  public static func hex(of bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }
  public static func hex(of text: String) -> String { hex(of: Array(text.utf8)) }
  /// The hash of a file's bytes, read through a read-only mapping (no copy);
  /// `nil` when the file cannot be read.
  public static func hex(ofFile path: String) -> String? {
    try? FileBytes.withMappedFile(path) { (buffer: UnsafeBufferPointer<UInt8>) -> String in
      hex(SHA256.hash(data: UnsafeRawBufferPointer(buffer)))
    }
  }

  /// The hash of bytes in memory (a mapped cache object), without copying them.
  public static func hex(of buffer: UnsafeRawBufferPointer) -> String { hex(SHA256.hash(data: buffer)) }

  static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for b in digest {
      text.append(digits[Int(b >> 4)])
      text.append(digits[Int(b & 15)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
