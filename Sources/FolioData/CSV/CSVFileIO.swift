#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with POSIX calls, errors as `CSVError`.
enum CSVFileIO {
  /// Calls `body` with the file's bytes mapped read-only into memory (no
  /// copy; pages come straight from the page cache). The mapping is gone
  /// when `body` returns, so `body` must not keep pointers into it. An
  /// empty file is an empty buffer.
  static func withMappedFile<R>(
    path: String, displayName: String, _ body: (UnsafeBufferPointer<UInt8>) throws(CSVError) -> R
  ) throws(CSVError) -> R {
    func failure() -> CSVError {
      CSVError(location: SourceLocation(file: displayName, line: 1, column: 1), reason: .cannotRead(String(cString: strerror(errno))))
    }
    let fd = open(path, O_RDONLY)
    if fd < 0 { throw failure() }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) != 0 { throw failure() }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      errno = EISDIR
      throw failure()
    }
    let size = Int(info.st_size)
    if size == 0 { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    #if os(Linux)
    let flags = MAP_PRIVATE | MAP_POPULATE
    #else
    let flags = MAP_PRIVATE
    #endif
    guard let map = mmap(nil, size, PROT_READ, flags, fd, 0), map != MAP_FAILED else { throw failure() }
    defer { munmap(map, size) }
    return try body(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
  }

  /// Writes `bytes` to `path`, replacing it.
  static func writeAll(_ bytes: [UInt8], path: String) throws(CSVError) {
    func failure() -> CSVError {
      CSVError(location: SourceLocation(file: path, line: 1, column: 1), reason: .cannotWrite(String(cString: strerror(errno))))
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { throw failure() }
    defer { close(fd) }
    var failed = false
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var done = 0
      while done < buffer.count {
        let n = write(fd, base + done, buffer.count - done)
        if n < 0 { if errno == EINTR { continue }; failed = true; return }
        done += n
      }
    }
    if failed { throw failure() }
  }
}
