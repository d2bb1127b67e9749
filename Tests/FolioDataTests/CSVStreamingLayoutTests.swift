import XCTest

@testable import FolioData

/// The streaming reader splits the data into record-aligned segments,
/// decodes several at once and each in blocks of records; its frame (and
/// any error) must not depend on the thread count, the segment size or the
/// block size, and must equal the column-at-a-time exact path's, bit for bit
/// (number bit patterns, string codes and level order included).
final class CSVStreamingLayoutTests: XCTestCase {
  private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Quoted cells with LF, CRLF, delimiters and `""` escapes; a BOM; missing
  /// cells; integers, numbers, dates and strings; no newline after the last record.
  private var quotedFile: [UInt8] {
    var text = "id,note,price,day,qty\r\n"
    for i in 0..<24 {
      let note: String
      switch i % 4 {
      case 0: note = "\"first line\nsecond, \"\"quoted\"\"\r\nthird\""
      case 1: note = "plain \(i % 3)"
      case 2: note = ""
      default: note = "\"\"\"\""  // a lone quote character
      }
      let price = i % 5 == 0 ? "" : "\(Double(i) * 1.25 - 7)"
      let day = i % 7 == 3 ? "" : "2024-0\(1 + i % 9)-\(10 + i % 18)"
      text += "\(i * 37 - 400),\(note),\(price),\(day),\(i % 6 == 0 ? "" : String(i))"
      text += i == 23 ? "" : (i % 2 == 0 ? "\r\n" : "\n")
    }
    return bom + Array(text.utf8)
  }

  /// Columns whose type only a late cell decides: an integer column with a
  /// decimal in the last row, a number column with a word, a date column
  /// with a non-date, a column empty until its last row, an all-empty one,
  /// and an integer column with `-0` that widens (kept as −0.0).
  private var wideningFile: [UInt8] {
    var text = "a,b,c,late,empty,z\n"
    for i in 0..<40 { text += "\(i),\(Double(i) / 8),2023-12-\(10 + i % 20),,,\(i % 3 == 0 ? "-0" : String(i))\n" }
    text += "1.5,word,soon,7,,0.5\n"
    return Array(text.utf8)
  }

  /// Old Mac line ends (lone CR) with a quoted CR inside a cell.
  private var loneCRFile: [UInt8] {
    Array("k,v\r1,\"a\rb\"\r2,c\r3,\"\"\r".utf8)
  }

  private func layouts(for count: Int) -> [CSVReadLayout] {
    var sizes = Array(1...min(count, 64))
    sizes += [count / 3, count / 2, count, count + 1, 1 << 20].filter { $0 > 64 }
    var result: [CSVReadLayout] = []
    for threads in [1, 2, 4] {
      for size in sizes {
        for blockFields in [1, 7, 1 << 14] { result.append(CSVReadLayout(threads: threads, segmentBytes: size, blockFields: blockFields)) }
      }
    }
    return result
  }

  private func assertLayoutIndependent(
    _ bytes: [UInt8], _ options: CSVOptions = .init(), file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let reference = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: options, layout: nil, exactOnly: true)
    for layout in layouts(for: bytes.count) {
      let frame = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: options, layout: layout)
      assertIdentical(frame, reference, "\(layout)", file: file, line: line)
    }
  }

  private func assertSameError(_ bytes: [UInt8], _ options: CSVOptions = .init(), file: StaticString = #filePath, line: UInt = #line) {
    func message(_ layout: CSVReadLayout?, exactOnly: Bool) -> String {
      do {
        let f = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: options, layout: layout, exactOnly: exactOnly)
        return "no error (\(f.rowCount) rows)"
      } catch {
        return error.description
      }
    }
    let reference = message(nil, exactOnly: true)
    XCTAssertTrue(reference.hasPrefix("t.csv:"), reference, file: file, line: line)
    for layout in layouts(for: bytes.count) {
      XCTAssertEqual(message(layout, exactOnly: false), reference, "\(layout)", file: file, line: line)
    }
  }

  func testQuotedNewlinesCRLFAndBOMReadTheSameWithAnyThreadsSegmentsAndBlocks() throws {
    let bytes = quotedFile
    try assertLayoutIndependent(bytes)
    let f = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: CSVReadLayout(threads: 4, segmentBytes: 1, blockFields: 1))
    XCTAssertEqual(f.columnNames, ["id", "note", "price", "day", "qty"])
    XCTAssertEqual(f.columns.map(\.type), [.integer, .string, .number, .date, .integer])
    XCTAssertEqual(f.rowCount, 24)
    XCTAssertEqual(f["note"]?[4], .string("first line\nsecond, \"quoted\"\r\nthird"))
    XCTAssertEqual(f["note"]?[3], .string("\""))
    XCTAssertEqual(f["note"]?[2], .missing)
    XCTAssertEqual(f["id"]?[23], .integer(23 * 37 - 400))
    XCTAssertEqual(f["price"]?[7], .number(7 * 1.25 - 7))
    XCTAssertEqual(f["qty"]?[23], .integer(23))  // the last record has no line end
  }

  func testLateWideningAndAllMissingColumnsReadTheSameWithAnyLayout() throws {
    let bytes = wideningFile
    try assertLayoutIndependent(bytes)
    let f = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: CSVReadLayout(threads: 2, segmentBytes: 16, blockFields: 6))
    XCTAssertEqual(f.columns.map(\.type), [.number, .string, .string, .integer, .number, .number])
    XCTAssertEqual(f["b"]?[8], .string("1.0"))
    XCTAssertEqual(f["c"]?[0], .string("2023-12-10"))
    XCTAssertEqual(f["late"]?[40], .integer(7))
    XCTAssertEqual(f["late"]?[0], .missing)
    guard case .number(let z)? = f["z"] else { return XCTFail("z is not a number column") }
    XCTAssertEqual(z[0].bitPattern, (-0.0).bitPattern)  // "-0" read as a number keeps its sign
  }

  func testWideningBeyondTheTypeSampleReadsTheSameWithAnyLayout() throws {
    // Types are planned from the first MiB; these columns change type after it.
    var text = "a,b,c,d\n"
    var i = 0
    while text.utf8.count < (1 << 20) + 5000 {
      text += "\(i),\(i % 7),2024-01-0\(1 + i % 9),\n"
      i += 1
    }
    text += "1.5,word,2024-02-30,4\n7,8,2024-01-01,\n"
    let bytes = Array(text.utf8)
    let reference = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: nil, exactOnly: true)
    XCTAssertEqual(reference.columns.map(\.type), [.number, .string, .string, .integer])
    XCTAssertEqual(reference["a"]?[i], .number(1.5))
    XCTAssertEqual(reference["d"]?[i], .integer(4))
    let layouts = [
      CSVReadLayout(threads: 1, segmentBytes: 1 << 22, blockFields: 1 << 14),
      CSVReadLayout(threads: 2, segmentBytes: 100_000, blockFields: 5),
      CSVReadLayout(threads: 4, segmentBytes: 4096, blockFields: 1 << 14),
    ]
    for layout in layouts {
      let frame = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: layout)
      assertIdentical(frame, reference, "\(layout)", file: #filePath, line: #line)
    }
  }

  func testMultiMegabyteQuotedFileMatchesTheExactPathWithAutomaticLayout() throws {
    var rng = SeededGenerator(seed: 7)
    var text = "WEEK,SKU,STORE,NOTE,SPEND\r\n"
    for i in 0..<60_000 {
      let note = rng.next() % 9 == 0 ? "\"multi\r\nline, \"\"quoted\"\"\n\"" : "plain \(rng.next() % 40)"
      text += "2024-01-\(10 + i % 18),SKU\(rng.next() % 500),\(rng.next() % 50),\(note),\(Double(rng.next() % 100_000) / 100)\r\n"
    }
    let bytes = Array(text.utf8)
    XCTAssertGreaterThan(bytes.count, 2 << 20)
    let reference = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: nil, exactOnly: true)
    XCTAssertEqual(reference.rowCount, 60_000)
    for layout in [nil, CSVReadLayout(threads: 3, segmentBytes: 70_001, blockFields: 999)] {
      let frame = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: layout)
      assertIdentical(frame, reference, "\(String(describing: layout))", file: #filePath, line: #line)
    }
  }

  func testLoneCRLineEndsReadTheSameWithAnyLayout() throws {
    try assertLayoutIndependent(loneCRFile)
    let f = try CSVReader.read(bytes: loneCRFile, displayName: "t.csv")
    XCTAssertEqual(f.rowCount, 3)
    XCTAssertEqual(f["v"]?[0], .string("a\rb"))
  }

  func testDeclaredTypesAndWeeksReadTheSameWithAnyLayout() throws {
    var text = "week,code,x\n"
    for i in 0..<30 { text += "2024-W\(1 + i % 9),\(i % 4 == 0 ? "007" : String(i)),\(i)\n" }
    let options = CSVOptions(types: ["week": .week, "code": .string, "x": .number], missingTokens: ["NA"])
    try assertLayoutIndependent(Array(text.utf8), options)
    let f = try CSVReader.read(bytes: Array(text.utf8), displayName: "t.csv", options: options)
    XCTAssertEqual(f["code"]?[0], .string("007"))
    XCTAssertEqual(f["x"]?.type, .number)
  }

  func testRandomFilesReadTheSameWithAnyLayout() throws {
    var rng = SeededGenerator(seed: 2026)
    let pieces = ["a", "b,c", "\"", "\n", "\r\n", " ", "1", "2.5", "", "-0", "2024-02-29", "NA", "é"]
    for _ in 0..<12 {
      var text = "p,q,r\n"
      let rows = Int(rng.next() % 30)
      for i in 0..<rows {
        var cell = ""
        for _ in 0..<Int(rng.next() % 3) { cell += pieces[Int(rng.next() % UInt64(pieces.count))] }
        let number = rng.next() % 5 == 0 ? "" : String(Double(rng.next() % 1000) / 16)
        text += "\"\(cell.replacingOccurrences(of: "\"", with: "\"\""))\",\(number),\(rng.next() % 3 == 0 ? "NA" : String(i))"
        if i < rows - 1 || rng.next() % 2 == 0 { text += rng.next() % 2 == 0 ? "\n" : "\r\n" }
      }
      try assertLayoutIndependent(Array(text.utf8), CSVOptions(missingTokens: ["NA"]))
    }
  }

  func testErrorsAreTheSameWithAnyLayout() {
    // A ragged row, a stray quote and an unterminated quote late in the file;
    // a bad value in a declared column; invalid UTF-8 in a string column.
    let body = (0..<20).map { "\($0),x\($0),\(Double($0) / 2)\n" }.joined()
    assertSameError(Array(("a,b,c\n" + body + "1,2\n" + body).utf8))
    assertSameError(Array(("a,b,c\n" + body + "1,x\"y,3\n").utf8))
    assertSameError(Array(("a,b,c\n" + body + "1,\"open,3\n").utf8))
    assertSameError(Array(("a,b,c\n" + body + "1.5,x,3\n" + body).utf8), CSVOptions(types: ["a": .integer]))
    assertSameError(Array(("a,b,c\n" + body).utf8) + [0x31, 0x2C, 0xFF, 0x2C, 0x33, 0x0A])
    assertSameError(Array(("a,b,c\n" + body + "7,ok,3\n" + body + "8,ok,2024-01-01\n").utf8), CSVOptions(types: ["c": .number]))
  }

  func testFilesWiderThanTheInPlaceLimitReadTheSame() throws {
    let width = CSVColumnArrays.maxColumns + 20
    var text = (0..<width).map { "c\($0)" }.joined(separator: ",") + "\n"
    for r in 0..<12 {
      text += (0..<width).map { c in
        switch c % 4 {
        case 0: return String(r * c)
        case 1: return r == 11 && c == 5 ? "x" : "\(Double(r) / 4)"
        case 2: return r % 3 == 0 ? "" : "s\(r % 5)"
        default: return "2024-01-\(10 + r)"
        }
      }.joined(separator: ",") + "\n"
    }
    let bytes = Array(text.utf8)
    let reference = try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: nil, exactOnly: true)
    for layout in [CSVReadLayout(threads: 1, segmentBytes: 1, blockFields: 1), CSVReadLayout(threads: 2, segmentBytes: 700, blockFields: 300)] {
      assertIdentical(try CSVReader.read(bytes: bytes, displayName: "t.csv", options: .init(), layout: layout), reference, "\(layout)", file: #filePath, line: #line)
    }
    XCTAssertEqual(reference["c5"]?.type, .string)
    XCTAssertEqual(reference["c1"]?.type, .number)
  }

  func testStreamingPassDecodesAValidFileWithoutTheExactPath() throws {
    let bytes = quotedFile
    try bytes.withUnsafeBufferPointer { b in
      let scanner = CSVRecordScanner(bytes: try XCTUnwrap(b.baseAddress), count: b.count, delimiter: UInt8(ascii: ","))
      let dataStart = try scanner.scanHeader(at: 3).dataStart
      let outcome = CSVStreamingReader.read(
        scanner: scanner, names: ["id", "note", "price", "day", "qty"], dataStart: dataStart, options: .init(),
        layout: CSVReadLayout(threads: 2, segmentBytes: 50, blockFields: 10), releasePages: false)
      guard case .columns(let columns, let rows) = outcome else { return XCTFail("fell back to the exact path") }
      XCTAssertEqual(rows, 24)
      XCTAssertEqual(columns.filter { $0 == nil }.count, 0)
    }
  }

  func testRecordCounterCountsLineFeedsInEveryWordPosition() {
    for n in 0..<40 {
      for at in 0..<n {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: n)
        bytes[at] = 0x0A
        if at + 3 < n { bytes[at + 3] = 0x0A }
        let expected = bytes.filter { $0 == 0x0A }.count
        bytes.withUnsafeBufferPointer { b in
          XCTAssertEqual(CSVRecordCounter.countLineFeeds(b.baseAddress!, n), expected, "n=\(n) at=\(at)")
        }
      }
    }
    // Bytes that differ from LF only in the high bit or by one must not count.
    let near: [UInt8] = [0x8A, 0x0B, 0x09, 0x0A, 0x1A, 0x4A, 0xFF, 0x00, 0x0A]
    near.withUnsafeBufferPointer { b in XCTAssertEqual(CSVRecordCounter.countLineFeeds(b.baseAddress!, b.count), 2) }
  }

  /// Same column names, types, row count and cells, bit for bit.
  private func assertIdentical(_ a: Frame, _ b: Frame, _ context: String, file: StaticString, line: UInt) {
    XCTAssertEqual(a.columnNames, b.columnNames, context, file: file, line: line)
    XCTAssertEqual(a.rowCount, b.rowCount, context, file: file, line: line)
    for (x, y) in zip(a.columns, b.columns) {
      switch (x, y) {
      case (.number(let u), .number(let v)):
        XCTAssertEqual(u.map(\.bitPattern), v.map(\.bitPattern), context, file: file, line: line)
      case (.integer(let u), .integer(let v)):
        XCTAssertEqual(u.missing, v.missing, context, file: file, line: line)
        XCTAssertEqual(zip(u.values, u.missing).map { $1 ? 0 : $0 }, zip(v.values, v.missing).map { $1 ? 0 : $0 }, context, file: file, line: line)
      case (.date(let u), .date(let v)):
        XCTAssertEqual(u.missing, v.missing, context, file: file, line: line)
        XCTAssertEqual(u.days, v.days, context, file: file, line: line)
      case (.string(let u), .string(let v)):
        XCTAssertEqual(u.codes, v.codes, context, file: file, line: line)
        XCTAssertEqual(u.levels, v.levels, context, file: file, line: line)
      default:
        XCTFail("column types differ: \(x.type) vs \(y.type) (\(context))", file: file, line: line)
      }
    }
  }
}
