#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with POSIX calls, errors as `CSVError`.
enum CSVFileIO {
  /// The file's bytes, read with one allocation sized by `fstat`.
  static func readAll(path: String, displayName: String) throws(CSVError) -> [UInt8] {
    func failure() -> CSVError {
      CSVError(location: SourceLocation(file: displayName, line: 1, column: 1), reason: .cannotRead(String(cString: strerror(errno))))
    }
    let fd = open(path, O_RDONLY)
    if fd < 0 { throw failure() }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) != 0 { throw failure() }
    let size = Int(info.st_size)
    var readError = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var done = 0
      while done < size {
        let n = read(fd, buffer.baseAddress! + done, size - done)
        if n < 0 { if errno == EINTR { continue }; readError = true; break }
        if n == 0 { break }
        done += n
      }
      initialized = done
    }
    if readError { throw failure() }
    return bytes
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
      var done = 0
      while done < buffer.count {
        let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
        if n < 0 { if errno == EINTR { continue }; failed = true; return }
        done += n
      }
    }
    if failed { throw failure() }
  }
}
