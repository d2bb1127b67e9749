#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the streaming reader splits its work (tests pin it; the reader's
/// result never depends on it).
struct CSVReadLayout: Sendable {
  /// Worker threads.
  var threads: Int
  /// Target bytes per segment (segments are record-aligned, so a segment
  /// may be longer; at least 1).
  var segmentBytes: Int
  /// Fields scanned before they are decoded (a block; at least one record).
  var blockFields: Int

  /// One thread per core (at most 16), four segments per thread of at
  /// least 1 MiB, blocks of 16Ki fields (their bytes and ends stay in the
  /// core's cache between scanning and decoding).
  static func automatic(dataLength: Int) -> CSVReadLayout {
    let processors = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let threads = dataLength < 1 << 20 ? 1 : min(processors, 16)
    return CSVReadLayout(threads: threads, segmentBytes: max(1 << 20, dataLength / (threads * 4) + 1), blockFields: 1 << 14)
  }
}

/// Reads the data records of a CSV buffer in one streaming pass: the
/// record-aligned segments (found by `CSVRecordScanner.chunkRanges`) are
/// counted, then each is scanned and decoded in small blocks straight into
/// the final column buffers, several segments at once. Nothing is kept per
/// field, and the file's pages can be released as the pass moves on.
///
/// Column types are fixed before the pass: declared, or guessed from each
/// column's first non-missing cell (the guess the column-at-a-time decoder
/// starts from, so when every cell fits it, both give the same column). A
/// column where some cell does not fit, or that the pass does not decode
/// (declared weeks), is returned as `nil` for `CSVColumnDecoder` to read
/// with widening. Anything that is an error goes back as `.exactPathNeeded`:
/// the exact path then finds and reports the first error as it always has.
enum CSVStreamingReader {
  enum Outcome {
    /// Decoded columns in header order; `nil` = read it column-at-a-time.
    case columns([Column?], rowCount: Int)
    case exactPathNeeded
  }

  static func read(
    scanner: CSVRecordScanner, names: [String], dataStart: Int, options: CSVOptions, layout: CSVReadLayout,
    releasePages: Bool
  ) -> Outcome {
    let columnCount = names.count
    let tokens = CSVMissingTokens(options.missingTokens)
    guard let plans = plans(scanner: scanner, names: names, dataStart: dataStart, options: options, tokens: tokens)
    else { return .exactPathNeeded }

    let dataLength = scanner.count - dataStart
    var segmentCount = dataLength / max(layout.segmentBytes, 1) + 1
    segmentCount = max(segmentCount, dataLength / (1 << 31) + 1)  // block offsets are UInt32
    let segments = scanner.chunkRanges(dataStart: dataStart, chunkCount: segmentCount)
    let counts = parallelMap(segments.count, threads: layout.threads) { s in
      CSVRecordCounter.count(scanner.bytes, segments[s], endsFile: segments[s].upperBound == scanner.count)
    }
    var firstRows: [Int] = []
    var rowCount = 0
    for c in counts {
      firstRows.append(rowCount)
      rowCount += c
    }

    let declared = names.map { options.types[$0] != nil }
    let fill = { (outputs: [CSVColumnOutput]) -> CSVColumnArrays.Filled? in
      let decoder = CSVSegmentDecoder(
        scanner: scanner, outputs: outputs, plans: plans, declared: declared, missingTokens: tokens,
        blockFields: max(layout.blockFields, 1), releasePages: releasePages)
      let outcomes = parallelMap(segments.count, threads: layout.threads) { s in
        decoder.decode(segments[s], firstRow: firstRows[s], rowCount: counts[s])
      }
      if outcomes.contains(where: \.needsExactPath) { return nil }
      let levels = mergeLevels(outputs, outcomes, firstRows: firstRows, counts: counts)
      let complete = (0..<columnCount).map { j in plans[j] != .deferred && !outcomes.contains { $0.mismatched[j] } }
      return CSVColumnArrays.Filled(complete: complete, levels: levels)
    }
    let columns: [Column?]
    if columnCount <= CSVColumnArrays.maxColumns {
      guard let built = CSVColumnArrays.build(plans: plans, rowCount: rowCount, fill) else { return .exactPathNeeded }
      columns = built
    } else {
      let outputs = plans.map { CSVColumnOutput(plan: $0, rowCount: rowCount) }
      guard let filled = fill(outputs) else { return .exactPathNeeded }
      columns = parallelMap(columnCount, threads: layout.threads) { j -> Column? in
        filled.complete[j] ? outputs[j].take(levels: filled.levels[j]) : nil
      }
    }
    return .columns(columns, rowCount: rowCount)
  }

  /// String columns' levels merged over the segments in file order (so
  /// codes follow first appearance, as one pass would give), the segments'
  /// codes rewritten to them.
  private static func mergeLevels(
    _ outputs: [CSVColumnOutput], _ outcomes: [CSVSegmentOutcome], firstRows: [Int], counts: [Int]
  ) -> [[String]] {
    var levels = Array(repeating: [String](), count: outputs.count)
    for j in outputs.indices {
      guard case .string(let codes) = outputs[j].storage else { continue }
      var index: [String: Int32] = [:]
      for (s, o) in outcomes.enumerated() {
        let remap = o.levels[j].map { level -> Int32 in
          if let c = index[level] { return c }
          let c = Int32(levels[j].count)
          index[level] = c
          levels[j].append(level)
          return c
        }
        if remap.elementsEqual(0..<Int32(remap.count)) { continue }
        remap.withUnsafeBufferPointer { map in
          for r in firstRows[s]..<(firstRows[s] + counts[s]) where codes[r] >= 0 { codes[r] = map[Int(codes[r])] }
        }
      }
    }
    return levels
  }

  /// Each column's planned type: declared, or inferred from the first
  /// records (at most 1 MiB of them) as `CSVColumnDecoder` would infer it
  /// from those alone: the first non-missing cell's type, widened by later
  /// cells that do not fit (integer → number → string, date → string). A
  /// type the whole file widens further shows as a mismatch later. A
  /// column with no value in the sample is planned `allMissing`. `nil` when
  /// the sample is malformed.
  private static func plans(
    scanner: CSVRecordScanner, names: [String], dataStart: Int, options: CSVOptions, tokens: CSVMissingTokens
  ) -> [CSVColumnPlan]? {
    var plans: [CSVColumnPlan?] = names.map { name in
      switch options.types[name] {
      case .integer?: return .integer
      case .number?: return .number
      case .date?: return .date
      case .string?: return .string
      case .week?: return .deferred
      case nil: return nil
      }
    }
    let inferred = names.map { options.types[$0] == nil }
    var p = dataStart
    let limit = min(scanner.count, dataStart + (1 << 20))
    while p < limit {
      var field = 0
      while true {
        let f: CSVRecordScanner.Field
        do { f = try scanner.scanField(at: p, limit: scanner.count, field: field + 1) } catch { return nil }
        if field < plans.count && inferred[field] {
          var text = scanner.bytes + p
          var n = f.end - p
          if n >= 2 && text[0] == CSVRecordScanner.quote {
            text += 1
            n -= 2
          }
          if !tokens.contains(text, n) { plans[field] = widened(plans[field], text, n) }
        }
        field += 1
        p = f.next
        if f.endsRecord { break }
      }
      if field != names.count { return nil }
    }
    return plans.map { $0 ?? .allMissing }
  }

  /// The plan after seeing the value `p[0..<n]`: the decoder's first
  /// candidate for a first value, else the narrowest widening that fits it.
  private static func widened(_ plan: CSVColumnPlan?, _ p: UnsafePointer<UInt8>, _ n: Int) -> CSVColumnPlan {
    switch plan {
    case nil: return guess(p, n)
    case .integer?:
      if CSVScalarParser.integer(p, n) != nil { return .integer }
      return CSVScalarParser.number(p, n) != nil ? .number : .string
    case .number?: return CSVScalarParser.number(p, n) != nil ? .number : .string
    case .date?: return CSVScalarParser.date(p, n) != nil ? .date : .string
    case .string?, .deferred?, .allMissing?: return .string
    }
  }

  /// The type `CSVColumnDecoder` tries first for a column whose first value is `p[0..<n]`.
  private static func guess(_ p: UnsafePointer<UInt8>, _ n: Int) -> CSVColumnPlan {
    if CSVScalarParser.integer(p, n) != nil { return .integer }
    if CSVScalarParser.number(p, n) != nil { return .number }
    if CSVScalarParser.date(p, n) != nil { return .date }
    return .string
  }
}
