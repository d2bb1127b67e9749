#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What decoding one segment found.
struct CSVSegmentOutcome {
  /// Segment-local string levels by column (empty for other columns);
  /// the segment's string cells hold codes into these.
  var levels: [[String]]
  /// Inferred columns with a cell that does not fit the planned type
  /// (the column-at-a-time decoder then reads them with widening).
  var mismatched: [Bool]
  /// Something only the exact path reports: a structural error, a value
  /// error in a declared column, invalid UTF-8, or a record count other
  /// than the pre-count (which only invalid CSV can give).
  var needsExactPath = false
}

/// Scans and decodes one record-aligned segment in small blocks: a block's
/// field ends (a few thousand records, so they and the block's bytes stay in
/// cache) are found, then each column's cells of the block are parsed and
/// written to their final rows. Nothing the size of the file is held:
/// after each block, the file pages behind it can be released.
struct CSVSegmentDecoder {
  let scanner: CSVRecordScanner
  let outputs: [CSVColumnOutput]
  let plans: [CSVColumnPlan]
  let declared: [Bool]
  let missingTokens: CSVMissingTokens
  /// Fields per block (at least one record).
  let blockFields: Int
  /// Drop the pages of a private file mapping behind the decoder
  /// (`MADV_DONTNEED`): the bytes stay in the page cache, out of this
  /// process's memory. Only for buffers `CSVReader` mapped itself.
  let releasePages: Bool

  /// Decodes `range` (record-aligned) into rows `firstRow..<firstRow + rowCount`.
  func decode(_ range: Range<Int>, firstRow: Int, rowCount: Int) -> CSVSegmentOutcome {
    let columnCount = outputs.count
    var outcome = CSVSegmentOutcome(
      levels: Array(repeating: [], count: columnCount), mismatched: Array(repeating: false, count: columnCount))
    if range.count >= Int(UInt32.max) || columnCount == 0 {
      outcome.needsExactPath = true
      return outcome
    }
    let maxRecords = max(1, blockFields / columnCount)
    let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: maxRecords * columnCount)
    defer { ends.deallocate() }
    var columns = outputs.enumerated().map { j, o in
      CSVBlockColumnDecoder(
        output: o, declared: declared[j], onlyMissing: plans[j] == .allMissing, missingTokens: missingTokens)
    }
    let limit = range.upperBound
    let rowEnd = firstRow + rowCount
    var p = range.lowerBound
    var row = firstRow
    var released = pageBoundary(range.lowerBound, up: true)
    while p < limit {
      let blockBase = p
      var records = 0
      var k = 0
      var ragged = false
      do throws(CSVPendingError) {
        while records < maxRecords && p < limit {
          var fieldsInRecord = 0
          while true {
            fieldsInRecord += 1
            let f = try scanner.scanField(at: p, limit: limit, field: fieldsInRecord)
            if fieldsInRecord <= columnCount {
              ends[k] = UInt32(truncatingIfNeeded: f.end - blockBase)
              k += 1
            }
            p = f.next
            if f.endsRecord { break }
          }
          if fieldsInRecord != columnCount {
            ragged = true
            break
          }
          records += 1
        }
      } catch {
        ragged = true  // a quoting error: reported by the exact path
      }
      if ragged || row + records > rowEnd {
        outcome.needsExactPath = true
        return outcome
      }
      let block = CSVBlock(base: scanner.bytes + blockBase, ends: ends, records: records, columnCount: columnCount)
      for j in 0..<columnCount where !outcome.mismatched[j] {
        switch columns[j].decode(block, column: j, firstRow: row) {
        case .ok: break
        case .mismatch: outcome.mismatched[j] = true
        case .exactPathNeeded:
          outcome.needsExactPath = true
          return outcome
        }
      }
      row += records
      if releasePages {
        let upTo = pageBoundary(p, up: false)
        if upTo - released >= 1 << 20 {
          release(released..<upTo)
          released = upTo
        }
      }
    }
    if row != rowEnd { outcome.needsExactPath = true }
    for j in 0..<columnCount { outcome.levels[j] = columns[j].levels }
    return outcome
  }

  private static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

  /// The offset of the page boundary at or above (`up`) / below `offset`,
  /// by address (the mapping starts on a page boundary).
  private func pageBoundary(_ offset: Int, up: Bool) -> Int {
    let address = Int(bitPattern: scanner.bytes) + offset
    let size = Self.pageSize
    let aligned = up ? (address + size - 1) / size * size : address / size * size
    return aligned - Int(bitPattern: scanner.bytes)
  }

  private func release(_ range: Range<Int>) {
    guard range.count > 0 else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: scanner.bytes + range.lowerBound), range.count, MADV_DONTNEED)
  }
}

/// The field ends of a few records: `ends[k]` is just past field `k`
/// (relative to `base`), as in `CSVScannedChunk`.
struct CSVBlock {
  let base: UnsafePointer<UInt8>
  let ends: UnsafeMutablePointer<UInt32>
  let records: Int
  let columnCount: Int

  /// Calls `body(record, text, count, quoted)` for each cell of `column`;
  /// `text` excludes surrounding quotes (keeps `""` escapes). Stops when
  /// `body` returns false.
  @inline(__always)
  func forEachCell(_ column: Int, _ body: (Int, UnsafePointer<UInt8>, Int, Bool) -> Bool) {
    var k = column
    for r in 0..<records {
      var start = 0
      if k > 0 {
        let previousEnd = Int(ends[k - 1])
        let crlf = column == 0 && base[previousEnd] == CSVRecordScanner.cr && base[previousEnd + 1] == CSVRecordScanner.lf
        start = crlf ? previousEnd + 2 : previousEnd + 1
      }
      var p = base + start
      var n = Int(ends[k]) - start
      let quoted = n >= 2 && p[0] == CSVRecordScanner.quote
      if quoted {
        p += 1
        n -= 2
      }
      if !body(r, p, n, quoted) { return }
      k += columnCount
    }
  }
}
