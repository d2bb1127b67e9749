import Crypto
import FolioData

/// The cache key of a block: SHA-256 over everything its result depends on.
///
/// That is the Folio version, the directive name and label, the block's own
/// option text, the keys of the blocks it references (so a change upstream
/// propagates), the values of the params it reads, the seed, and the SHA-256
/// of every file it reads. Anything else (prose, other blocks, other params)
/// can change without invalidating it.
struct BlockKey {
  private var parts: [String] = []

  init(version: String, call: DirectiveCall, seed: UInt64) {
    parts = ["folio-block-key-1", version, call.name, call.label ?? "", call.body, "seed=\(seed)"]
  }

  mutating func upstream(_ label: String, key: String) { parts.append("upstream \(label)=\(key)") }
  mutating func param(_ name: String, _ value: Value) { parts.append("param \(name)=\(value.jsonString())") }
  mutating func input(_ path: String, sha256: String) { parts.append("input \(path)=\(sha256)") }
  mutating func extra(_ part: String) { parts.append("extra \(part)") }

  var hex: String {
    // Length-prefix every part so no two different part lists hash alike.
    SHA256Digest.hex(of: parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
  }
}
