import XCTest

@testable import FolioNotebook

/// Input files' SHA-256, hashed in the background when large: the digests
/// are Python's `hashlib.sha256` of the same bytes, made by
///
///     python3 -c "import hashlib; b = bytes((i*31+7) % 256 for i in range(3_000_000));
///                 print(hashlib.sha256(b).hexdigest(), hashlib.sha256(b[:1000]).hexdigest())"
final class InputDigestTests: XCTestCase {
  let bytes = (0..<3_000_000).map { UInt8(($0 * 31 + 7) % 256) }
  let large = "d781aa722f790c57bfd4fc25860267cfeb4ed410f07230aa41809a4c6c6246f1"
  let small = "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179"

  func testLargeInputHashedInTheBackgroundGivesTheFileSHA256() {
    XCTAssertGreaterThanOrEqual(bytes.count, InputDigest.backgroundThreshold)
    var context = ExecutionContext(notebookPath: "nb.md", baseDirectory: "/", params: .object([]), seed: 1)
    context.recordInput(path: "big.csv", bytes: bytes)
    context.recordInput(path: "small.csv", bytes: Array(bytes[..<1000]))
    context.recordInput(path: "big.csv", bytes: [])  // read again: the first record stands
    XCTAssertEqual(context.inputCount, 2)
    XCTAssertEqual(context.inputs.map(\.path), ["big.csv", "small.csv"])
    XCTAssertEqual(context.inputs.map(\.sha256), [large, small])
    XCTAssertEqual(context.inputs(from: 1).map(\.sha256), [small])
  }

  func testADigestTheCacheKeyAlreadyComputedIsRecordedWithoutHashing() {
    var context = ExecutionContext(notebookPath: "nb.md", baseDirectory: "/", params: .object([]), seed: 1)
    context.knownDigests = ["big.csv": InputDigest(known: large)]
    context.recordInput(path: "big.csv", bytes: [1, 2, 3])
    XCTAssertEqual(context.inputs.map(\.sha256), [large])
  }
}
