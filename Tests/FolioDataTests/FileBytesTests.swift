import Foundation
import XCTest

@testable import FolioData

/// Whole-file reads and writes: exact bytes, and failures as messages.
final class FileBytesTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-filebytes-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func testWriteThenReadAndMapGiveTheSameBytes() throws {
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
    try FileBytes.write(bytes, to: dir + "/b.bin")
    XCTAssertEqual(try FileBytes.read(dir + "/b.bin"), bytes)
    let mapped = try FileBytes.withMappedFile(dir + "/b.bin") { (m: UnsafeBufferPointer<UInt8>) -> [UInt8] in Array(m) }
    XCTAssertEqual(mapped, bytes)
  }

  func testTextIsWrittenAsUTF8AndReplacesALongerFile() throws {
    try FileBytes.write(String(repeating: "x", count: 100), to: dir + "/t.txt")
    try FileBytes.write("é€\n", to: dir + "/t.txt")
    XCTAssertEqual(try FileBytes.read(dir + "/t.txt"), Array("é€\n".utf8))
  }

  func testEmptyFileIsEmptyBuffer() throws {
    try FileBytes.write([], to: dir + "/e")
    XCTAssertEqual(try FileBytes.read(dir + "/e"), [])
    XCTAssertEqual(try FileBytes.withMappedFile(dir + "/e") { (m: UnsafeBufferPointer<UInt8>) -> Int in m.count }, 0)
  }

  func testMissingFileDirectoryAndUnwritablePathFailWithTheSystemsReason() {
    XCTAssertThrowsError(try FileBytes.read(dir + "/missing")) {
      XCTAssertEqual(($0 as? FileBytes.Failure)?.reason, "No such file or directory")
    }
    XCTAssertThrowsError(try FileBytes.read(dir)) {
      XCTAssertEqual(($0 as? FileBytes.Failure)?.reason, "Is a directory")
    }
    XCTAssertThrowsError(try FileBytes.write([1], to: dir + "/no/such/dir/f")) {
      XCTAssertEqual(($0 as? FileBytes.Failure)?.reason, "No such file or directory")
    }
  }

  func testAnErrorThrownByTheMappedBodyComesBackAsItself() {
    struct Stop: Error, Equatable {}
    XCTAssertThrowsError(try FileBytes.withMappedFile(dir) { (_: UnsafeBufferPointer<UInt8>) throws(Stop) -> Int in 0 }) {
      guard case .cannotRead(let f)? = $0 as? FileBytes.MappedFileError<Stop> else { return XCTFail("\($0)") }
      XCTAssertEqual(f.reason, "Is a directory")
    }
    try? FileBytes.write([1, 2], to: dir + "/f")
    XCTAssertThrowsError(try FileBytes.withMappedFile(dir + "/f") { (_: UnsafeBufferPointer<UInt8>) throws(Stop) -> Int in throw Stop() }) {
      guard case .body(let e)? = $0 as? FileBytes.MappedFileError<Stop> else { return XCTFail("\($0)") }
      XCTAssertEqual(e, Stop())
    }
  }
}
