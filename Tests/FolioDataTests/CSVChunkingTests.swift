import XCTest

@testable import FolioData

/// Parallel reading splits the data at record boundaries found by counting
/// quotes; whatever the chunk count, the frame must equal the one-chunk read.
final class CSVChunkingTests: XCTestCase {
  private func read(_ text: String, chunks: Int) throws -> Frame {
    try CSVReader.read(bytes: Array(text.utf8), displayName: "t.csv", options: .init(), chunkCount: chunks)
  }

  func testQuotedNewlinesAtEveryPossibleSplitPointGiveTheSameFrame() throws {
    var text = "id,note,x\n"
    for i in 0..<40 { text += "\(i),\"line one\nline, \"\"two\"\"\r\nthree\",\(Double(i) / 4)\n" }
    let reference = try read(text, chunks: 1)
    XCTAssertEqual(reference.rowCount, 40)
    XCTAssertEqual(reference["note"]?[7], .string("line one\nline, \"two\"\r\nthree"))
    for chunks in 2...23 {
      XCTAssertEqual(try read(text, chunks: chunks), reference, "chunks = \(chunks)")
    }
  }

  func testChunkSplitScansOnlyWholeRecords() {
    let text = Array("h\n\"a\nb\"\n\"c\nd\"\n\"e\nf\"\n".utf8)
    text.withUnsafeBufferPointer { b in
      let scanner = CSVRecordScanner(bytes: b.baseAddress!, count: b.count, delimiter: UInt8(ascii: ","))
      let ranges = scanner.chunkRanges(dataStart: 2, chunkCount: 3)
      // Records start at 2, 8 and 14; every range must start at one of them.
      XCTAssertEqual(ranges.map(\.lowerBound).filter { ![2, 8, 14].contains($0) }, [])
      XCTAssertEqual(ranges.last?.upperBound, b.count)
    }
  }

  func testTypeWideningSeesValuesInEveryChunk() throws {
    var text = "a,b,c\n"
    for i in 0..<300 { text += "\(i),\(i),2024-01-01\n" }
    text += "1.5,word,2024-01-02\n"
    for chunks in [1, 2, 3, 7] {
      let f = try read(text, chunks: chunks)
      XCTAssertEqual(f["a"]?.type, .number, "chunks = \(chunks)")
      XCTAssertEqual(f["a"]?[300], .number(1.5))
      XCTAssertEqual(f["b"]?.type, .string)
      XCTAssertEqual(f["b"]?[300], .string("word"))
      XCTAssertEqual(f["b"]?[299], .string("299"))
      XCTAssertEqual(f["c"]?.type, .date)
    }
  }

  func testRandomQuotedFilesReadTheSameWithAnyChunkCount() throws {
    var rng = SeededGenerator(seed: 11)
    let pieces = ["a", "b,c", "\"", "\n", "\r\n", " ", "1", "2.5", ""]
    for _ in 0..<30 {
      var text = "p,q\n"
      var expected: [String] = []
      for _ in 0..<Int(rng.next() % 60) {
        var cell = ""
        for _ in 0..<Int(rng.next() % 4) { cell += pieces[Int(rng.next() % UInt64(pieces.count))] }
        expected.append(cell)
        text += "\"\(cell.replacingOccurrences(of: "\"", with: "\"\""))\",x\n"
      }
      let reference = try read(text, chunks: 1)
      XCTAssertEqual(reference.rowCount, expected.count)
      for chunks in 2...6 { XCTAssertEqual(try read(text, chunks: chunks), reference) }
    }
  }

  func testAutomaticChunkingOfAMultiMegabyteInputMatchesOneChunk() throws {
    var rng = SeededGenerator(seed: 99)
    var text = "WEEK,SKU,STORE,NOTE,SPEND\n"
    for i in 0..<40_000 {
      let note = rng.next() % 10 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "plain"
      text += "2024-01-\(10 + i % 18),SKU\(rng.next() % 500),\(rng.next() % 50),\(note),\(Double(rng.next() % 100_000) / 100)\n"
    }
    XCTAssertGreaterThan(text.utf8.count, 1 << 20)
    let automatic = try CSVReader.read(bytes: Array(text.utf8), displayName: "t.csv")
    XCTAssertEqual(automatic, try read(text, chunks: 1))
    XCTAssertEqual(automatic.rowCount, 40_000)
    XCTAssertEqual(automatic.columns.map(\.type), [.date, .string, .integer, .string, .number])
  }
}
