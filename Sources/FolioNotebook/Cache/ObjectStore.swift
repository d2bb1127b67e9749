import Crypto
import FolioData
import Foundation

/// The cache's content-addressed datasets: `<cache>/objects/ab/cdef…`, named
/// by the SHA-256 of their encoding (`ColumnarFrameCoding`), so a dataset that
/// several blocks return (a `table` of `d`, a filter that keeps every row)
/// is stored once and block entries only name it.
///
/// A file is `FOLIO-OBJECT-1\n` followed by the encoding. Objects are written
/// to a temporary file in `objects/` and renamed into place, so a reader (in
/// this or another process) sees a whole object or none; two writers of the
/// same object write identical bytes, and the second rename is harmless.
/// A read re-hashes the object and treats a mismatch as absent.
struct ObjectStore: Sendable {
  let directory: String
  static let magic = Array("FOLIO-OBJECT-1\n".utf8)

  init(cacheDirectory: String) {
    directory = (cacheDirectory as NSString).appendingPathComponent("objects")
  }

  /// Where the object with this hash lives.
  func path(_ hash: String) -> String {
    "\(directory)/\(hash.prefix(2))/\(hash.dropFirst(2))"
  }

  /// Writes `frame` and returns its reference, or `nil` when it cannot be
  /// written (the block's entry is then not stored either).
  func put(_ frame: Frame) -> ObjectRef? {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let tmp = "\(directory)/tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return nil }
    var sink = HashingFileSink(fd: fd)
    Self.magic.withUnsafeBytes { header in
      // The header is not part of the hashed content: write it around the sink.
      _ = header.baseAddress.map { Foundation.write(fd, $0, header.count) }
    }
    ColumnarFrameCoding.encode(frame, into: &sink)
    let hash = sink.finish()
    let ok = !sink.failed && close(fd) == 0
    guard ok else {
      unlink(tmp)
      return nil
    }
    let ref = ObjectRef(hash: hash, size: Self.magic.count + sink.written)
    let final = path(hash)
    try? fm.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    if CacheFiles.size(final) == ref.size {
      // Already stored (by an earlier block or another process): keep it, mark it used.
      unlink(tmp)
      CacheFiles.touch(final)
    } else if rename(tmp, final) != 0 {
      unlink(tmp)
      return nil
    }
    return ref
  }

  /// Whether the object is present with its expected size (a cheap check
  /// made on every cache hit; the content is verified when it is read).
  func isPresent(_ ref: ObjectRef) -> Bool { CacheFiles.size(path(ref.hash)) == ref.size }

  /// The dataset `ref` names, verified against its hash; `nil` when it is
  /// missing, truncated or damaged. Marks it recently used.
  func get(_ ref: ObjectRef) -> Frame? {
    let file = path(ref.hash)
    let frame = try? FileBytes.withMappedFile(file) { (mapped: UnsafeBufferPointer<UInt8>) -> Frame? in
      let bytes = UnsafeRawBufferPointer(mapped)
      let head = Self.magic.count
      guard bytes.count == ref.size, bytes.count >= head, bytes[0..<head].elementsEqual(Self.magic) else { return nil }
      let payload = UnsafeRawBufferPointer(rebasing: bytes[head...])
      guard SHA256Digest.hex(of: payload) == ref.hash else { return nil }
      var reader = BinaryReader(bytes, from: head)
      guard let f = try? ColumnarFrameCoding.decode(&reader), reader.isAtEnd else { return nil }
      return f
    }
    guard let frame = frame ?? nil else { return nil }
    CacheFiles.touch(file)
    return frame
  }
}

/// A stored dataset: the SHA-256 of its encoding and the object file's size.
struct ObjectRef: Sendable, Hashable {
  var hash: String
  var size: Int
}

/// Small file helpers for the cache (stat size, mark used).
enum CacheFiles {
  /// The size of a regular file, `nil` when there is none.
  static func size(_ path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(st.st_size)
  }

  /// Sets the file's modification time to now: the cache's recency for
  /// least-recently-used eviction (reading a file does not change it).
  static func touch(_ path: String) {
    _ = utimensat(AT_FDCWD, path, nil, 0)
  }
}
