import Dispatch

/// The SHA-256 of an input file's bytes, computed on another core while the
/// block that read the file goes on parsing and transforming it.
///
/// The hash is only needed for the report's provenance and a block's cache
/// entry, both written after the block has run, so a 270 MB CSV's hash
/// (0.17 s) need not hold up its parse. Reading `hex` waits for it. Small
/// inputs (under `backgroundThreshold` bytes) are hashed at once: a thread
/// hop would cost more than it saves. The digest is the same either way.
final class InputDigest: @unchecked Sendable {
  /// Inputs at least this large are hashed in the background (1 MiB).
  static let backgroundThreshold = 1 << 20

  private let group = DispatchGroup()
  // Written once before `group.leave()`, read only after `group.wait()`.
  private var value = ""

  /// A digest already known (from the cache key or a cached entry).
  init(known hex: String) { value = hex }

  /// Starts hashing `bytes` (kept alive until hashed; no copy is made).
  init(hashing bytes: [UInt8]) {
    guard bytes.count >= Self.backgroundThreshold else {
      value = SHA256Digest.hex(of: bytes)
      return
    }
    group.enter()
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      value = SHA256Digest.hex(of: bytes)
      group.leave()
    }
  }

  /// Starts hashing the file at `path` (through `index`, which remembers
  /// the digest by the file's stat); `hex` is empty when it cannot be read.
  init(hashingFile path: String, index: InputDigestIndex) {
    group.enter()
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      value = index.sha256(ofFile: path) ?? ""
      group.leave()
    }
  }

  /// The lowercase hex SHA-256, waiting for the hash if it is still running.
  var hex: String {
    group.wait()
    return value
  }
}
