#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cell texts that mean "missing": the empty cell always, plus the
/// non-empty tokens of `CSVOptions.missingTokens`, compared as bytes.
struct CSVMissingTokens: Sendable {
  private let tokens: [[UInt8]]

  init(_ tokens: Set<String>) {
    self.tokens = tokens.filter { !$0.isEmpty }.sorted().map { Array($0.utf8) }
  }

  @inline(__always)
  func contains(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n == 0 { return true }
    for token in tokens where token.count == n {
      if token.withUnsafeBufferPointer({ b in b.baseAddress.map { memcmp($0, p, n) == 0 } ?? false }) { return true }
    }
    return false
  }
}
