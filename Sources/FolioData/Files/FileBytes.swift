#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with POSIX calls and no intermediate copies.
///
/// Folio reads data files and cache entries on every render; `Data` plus an
/// `[UInt8]` conversion copies each file twice, and on a warm render the
/// copies (page faults on fresh memory) cost more than the work itself.
public enum FileBytes {
  /// Why a file could not be read: the `strerror` text of the failing call.
  public struct Failure: Error, Sendable {
    public var reason: String
  }

  /// The file's bytes in one read into a buffer of exactly its size.
  public static func read(_ path: String) throws(Failure) -> [UInt8] {
    let fd = try openForReading(path)
    defer { close(fd) }
    let size = try regularFileSize(fd)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size, let base = buffer.baseAddress {
        let n = readSome(fd, base + done, size - done)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { failed = n < 0; break }  // 0: the file shrank while being read
        done += n
      }
      count = done
    }
    if failed { throw lastFailure() }
    return bytes
  }

  /// Writes `bytes` to `path`, replacing it.
  public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
    try bytes.withUnsafeBufferPointer { buffer in Result { () throws(Failure) in try write(buffer, to: path) } }.get()
  }

  /// Writes `text` as UTF-8 to `path`, replacing it, straight from the
  /// string's storage (a report or results.json can be megabytes).
  public static func write(_ text: String, to path: String) throws(Failure) {
    var text = text
    try text.withUTF8 { buffer in Result { () throws(Failure) in try write(buffer, to: path) } }.get()
  }

  /// Writes `text` as UTF-8 to a new file beside `path` (`.<name>.tmp-<pid>`),
  /// then renames it over `path`: a reader sees the old file or the whole
  /// new one, and a failed write leaves the old file as it was.
  public static func writeReplacing(_ text: String, at path: String) throws(Failure) {
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = "\(folder).\(name).tmp-\(getpid())"
    do throws(Failure) {
      try write(text, to: temporary)
      if rename(temporary, path) != 0 { throw lastFailure() }
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// Writes the whole buffer; a short or failed `write(2)` or `close(2)`
  /// (NFS reports some errors only at close) is an error.
  private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to path: String) throws(Failure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { throw lastFailure() }
    var done = 0
    while let base = buffer.baseAddress, done < buffer.count {
      let n = writeSome(fd, base + done, buffer.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        let failure = lastFailure()
        close(fd)
        throw failure
      }
      done += n
    }
    if close(fd) != 0 { throw lastFailure() }
  }

  /// Calls `body` with the file's bytes mapped read-only into memory (no
  /// copy; pages come straight from the page cache). The mapping is gone
  /// when `body` returns, so `body` must not keep pointers into it. An
  /// empty file is an empty buffer.
  ///
  /// `populate` (Linux) faults every page in at once, which is fastest for
  /// a body that reads it all; without it pages come in as they are touched,
  /// so a body that streams through the file and releases pages behind it
  /// (`madvise(MADV_DONTNEED)`) never holds it all.
  public static func withMappedFile<R, E: Error>(
    _ path: String, populate: Bool = true, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
  ) throws(MappedFileError<E>) -> R {
    let fd: Int32
    do { fd = try openForReading(path) } catch { throw .cannotRead(error) }
    defer { close(fd) }
    let size: Int
    do { size = try regularFileSize(fd) } catch { throw .cannotRead(error) }
    func run(_ buffer: UnsafeBufferPointer<UInt8>) throws(MappedFileError<E>) -> R {
      do { return try body(buffer) } catch { throw .body(error) }
    }
    if size == 0 { return try run(UnsafeBufferPointer(start: nil, count: 0)) }
    #if os(Linux)
    let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
    #else
    let flags = MAP_PRIVATE
    #endif
    guard let map = mmap(nil, size, PROT_READ, flags, fd, 0), map != MAP_FAILED else { throw .cannotRead(lastFailure()) }
    defer { munmap(map, size) }
    return try run(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
  }

  /// Whether `path` names a regular file (or symlink to one) this process
  /// can open for reading: the check a caller makes before handing the path
  /// to a reader whose own error would be less specific.
  public static func isReadableFile(_ path: String) -> Bool {
    guard let fd = try? openForReading(path) else { return false }
    defer { close(fd) }
    return (try? regularFileSize(fd)) != nil
  }

  /// What `withMappedFile` throws: the file could not be read, or `body` threw.
  public enum MappedFileError<E: Error>: Error {
    case cannotRead(Failure)
    case body(E)
  }

  private static func lastFailure() -> Failure { Failure(reason: String(cString: strerror(errno))) }

  private static func openForReading(_ path: String) throws(Failure) -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw lastFailure() }
    return fd
  }

  /// The size of an open file; a directory is refused with EISDIR.
  private static func regularFileSize(_ fd: Int32) throws(Failure) -> Int {
    var info = stat()
    if fstat(fd, &info) != 0 { throw lastFailure() }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      errno = EISDIR
      throw lastFailure()
    }
    return Int(info.st_size)
  }
}

/// `read(2)` and `write(2)`, named apart from `FileBytes.read` and `write`.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
  read(fd, buffer, count)
}

private func writeSome(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
  write(fd, buffer, count)
}
