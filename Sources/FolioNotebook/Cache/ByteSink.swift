import Crypto
import Foundation

/// Where an encoder appends bytes: memory (`BinaryWriter`) or a file being
/// streamed and hashed as it is written (`HashingFileSink`), so a dataset of
/// hundreds of megabytes is never held twice.
protocol ByteSink {
  mutating func append(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
  mutating func u8(_ v: UInt8) { withUnsafeBytes(of: v) { append($0) } }
  mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { append($0) } }
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      int(utf8.count)
      append(UnsafeRawBufferPointer(utf8))
    }
  }
}

extension BinaryWriter: ByteSink {}

/// Writes to an open file through a 4 MiB buffer and hashes (SHA-256)
/// everything written; `failed` is set when a write fails (disk full), and
/// the caller then discards the file.
struct HashingFileSink: ByteSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var hasher = SHA256()
  private(set) var failed = false
  private(set) var written = 0
  private static let chunk = 4 << 20

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(Self.chunk)
  }

  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    hasher.update(bufferPointer: bytes)
    written += bytes.count
    if buffer.count + bytes.count > Self.chunk { flush() }
    if bytes.count >= Self.chunk { writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
  }

  /// Writes what is buffered.
  mutating func flush() {
    guard !buffer.isEmpty else { return }
    // Swapped out rather than copied: `let pending = buffer` then emptying
    // the buffer made a fresh 4 MiB allocation on every flush.
    var pending: [UInt8] = []
    swap(&pending, &buffer)
    pending.withUnsafeBytes { writeAll($0) }
    pending.removeAll(keepingCapacity: true)
    buffer = pending
  }

  /// Flushes and returns the SHA-256 of everything appended, as hex.
  mutating func finish() -> String {
    flush()
    return SHA256Digest.hex(hasher.finalize())
  }

  private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    var done = 0
    while done < bytes.count, !failed {
      let n = Foundation.write(fd, base + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        failed = true
      } else {
        done += n
      }
    }
  }
}
