import Crypto
import FolioData
import Foundation

/// The cache's content-addressed datasets: `<cache>/objects/ab/cdef…`, each
/// named by the SHA-256 of its content.
///
/// A dataset is stored as one object per column (`ColumnarFrameCoding`) plus
/// a small manifest object naming its columns' objects. So a dataset that
/// several blocks return (a `table` of `d`, a filter that keeps every row)
/// is stored once, and so is every column a derived dataset shares with its
/// source (a `derive` adds only its new columns; equal GLM residual columns
/// are one object).
///
/// A file is a magic line followed by the content. Objects are written to a
/// temporary file in `objects/` and renamed into place, so a reader (in this
/// or another process) sees a whole object or none; two writers of the same
/// object write identical bytes, and the second rename is harmless. A read
/// re-hashes the object and treats a mismatch as absent.
struct ObjectStore: Sendable {
  let directory: String
  static let columnMagic = Array("FOLIO-COLUMN-1\n".utf8)
  static let frameMagic = Array("FOLIO-FRAME-2\n".utf8)

  init(cacheDirectory: String) {
    directory = (cacheDirectory as NSString).appendingPathComponent("objects")
  }

  /// Where the object with this hash lives.
  func path(_ hash: String) -> String {
    "\(directory)/\(hash.prefix(2))/\(hash.dropFirst(2))"
  }

  /// Writes `frame` (its columns through `memo`, then its manifest) and
  /// returns the manifest's reference, or `nil` when it cannot be written.
  ///
  /// Columns not written before are encoded two at a time (`concurrentPerform`):
  /// on a one-block render of a large CSV nothing else is left to overlap with.
  func put(_ frame: Frame, memo: inout ObjectMemo) -> ObjectRef? {
    var known = frame.columns.map { memo.known($0, store: self) }
    let missing = known.indices.filter { known[$0] == nil }
    // Each iteration writes only its own slot of a buffer; concurrentPerform returns after all.
    let slots = UnsafeMutableBufferPointer<ObjectRef?>.allocate(capacity: missing.count)
    slots.initialize(repeating: nil)
    defer {
      _ = slots.deinitialize()
      slots.deallocate()
    }
    nonisolated(unsafe) let shared = slots
    let store = self, columns = frame.columns
    DispatchQueue.concurrentPerform(iterations: missing.count) { k in
      shared[k] = store.put(columns[missing[k]])
    }
    for (k, i) in missing.enumerated() {
      guard let ref = slots[k] else { return nil }
      memo.remember(frame.columns[i], ref)
      known[i] = ref
    }
    let columnRefs = known.compactMap { $0 }
    guard columnRefs.count == frame.columns.count else { return nil }
    return write(magic: Self.frameMagic) { w in
      w.int(frame.columnNames.count)
      w.int(frame.rowCount)
      for (name, ref) in zip(frame.columnNames, columnRefs) {
        w.string(name)
        w.string(ref.hash)
        w.int(ref.size)
      }
    }
  }

  /// Writes one column's object.
  func put(_ column: Column) -> ObjectRef? {
    write(magic: Self.columnMagic) { ColumnarFrameCoding.encode(column, into: &$0) }
  }

  /// Streams `magic + content` to a temporary file, hashing the content,
  /// and renames it to the content's name (or drops it when that object is
  /// already stored, marking the stored one used).
  private func write(magic: [UInt8], _ content: (inout HashingFileSink) -> Void) -> ObjectRef? {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let tmp = "\(directory)/tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return nil }
    var header = HashingFileSink(fd: fd)  // the magic is written, not hashed
    magic.withUnsafeBytes { header.append($0) }
    header.flush()
    var sink = HashingFileSink(fd: fd)
    content(&sink)
    let hash = sink.finish()
    let ok = !header.failed && !sink.failed && close(fd) == 0
    guard ok else {
      unlink(tmp)
      return nil
    }
    let ref = ObjectRef(hash: hash, size: magic.count + sink.written)
    let final = path(hash)
    try? fm.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    if CacheFiles.size(final) == ref.size {
      unlink(tmp)
      CacheFiles.touch(final)
    } else if rename(tmp, final) != 0 {
      unlink(tmp)
      return nil
    }
    return ref
  }

  /// Whether the dataset is present: its manifest verifies and every column
  /// object has its expected size (checked on every cache hit; columns are
  /// verified when read). Marks them all used.
  func isPresent(_ ref: ObjectRef) -> Bool {
    guard let columns = manifest(ref) else { return false }
    for c in columns.refs {
      guard CacheFiles.size(path(c.hash)) == c.size else { return false }
    }
    for c in columns.refs { CacheFiles.touch(path(c.hash)) }
    CacheFiles.touch(path(ref.hash))
    return true
  }

  /// The dataset `ref` names, every object verified against its hash; `nil`
  /// when any is missing, truncated or damaged. Marks them used.
  func get(_ ref: ObjectRef) -> Frame? {
    guard let m = manifest(ref) else { return nil }
    var frame = Frame()
    for (name, c) in zip(m.names, m.refs) {
      let column = read(c, magic: Self.columnMagic) { r -> Column? in
        let col = try ColumnarFrameCoding.decodeColumn(&r)
        return col.count == m.rows ? col : nil
      }
      guard let column = column ?? nil else { return nil }
      do { try frame.append(name, column) } catch { return nil }
      CacheFiles.touch(path(c.hash))
    }
    CacheFiles.touch(path(ref.hash))
    return frame
  }

  /// A dataset's column names, row count and column objects.
  private func manifest(_ ref: ObjectRef) -> (names: [String], rows: Int, refs: [ObjectRef])? {
    read(ref, magic: Self.frameMagic) { r in
      let n = try r.count()
      let rows = try r.int()
      var names: [String] = [], refs: [ObjectRef] = []
      for _ in 0..<n {
        names.append(try r.string())
        refs.append(try r.ref())
      }
      return (names, rows, refs)
    }
  }

  /// Decodes the object `ref` after checking its size, magic and hash;
  /// `nil` when any check or the decoding fails.
  private func read<T>(_ ref: ObjectRef, magic: [UInt8], _ decode: (inout BinaryReader) throws -> T) -> T? {
    let value = try? FileBytes.withMappedFile(path(ref.hash)) { (mapped: UnsafeBufferPointer<UInt8>) -> T? in
      let bytes = UnsafeRawBufferPointer(mapped)
      let head = magic.count
      guard bytes.count == ref.size, bytes.count >= head, bytes[0..<head].elementsEqual(magic) else { return nil }
      guard SHA256Digest.hex(of: UnsafeRawBufferPointer(rebasing: bytes[head...])) == ref.hash else { return nil }
      var reader = BinaryReader(bytes, from: head)
      guard let v = try? decode(&reader), reader.isAtEnd else { return nil }
      return v
    }
    return value ?? nil
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
