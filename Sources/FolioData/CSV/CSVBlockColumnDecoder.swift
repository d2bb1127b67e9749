#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses one column's cells of a block into the column's output, in the
/// planned type, for one segment (it keeps the segment's string levels and
/// a small cache of parsed dates).
///
/// Cells are parsed exactly as `CSVColumnDecoder` parses them, so a column
/// that decodes here without a mismatch holds the same values.
struct CSVBlockColumnDecoder {
  enum Result { case ok, mismatch, exactPathNeeded }

  let output: CSVColumnOutput
  let declared: Bool
  /// Every cell must be missing (`CSVColumnPlan.allMissing`).
  let onlyMissing: Bool
  let missingTokens: CSVMissingTokens
  private var interner = CSVByteInterner()
  private var scratch: [UInt8] = []
  /// Direct-mapped cache of parsed dates by their 10 bytes (panels repeat
  /// a few dozen week dates, not necessarily in adjacent rows).
  private var dateKeys = [(UInt64, UInt16)](repeating: (0, 0), count: 256)  // no date starts with 8 NUL bytes
  private var dateDays = [Int32](repeating: 0, count: 256)

  init(output: CSVColumnOutput, declared: Bool, onlyMissing: Bool, missingTokens: CSVMissingTokens) {
    self.output = output
    self.declared = declared
    self.onlyMissing = onlyMissing
    self.missingTokens = missingTokens
  }

  /// The segment's string levels (empty for other columns).
  var levels: [String] { interner.levels }

  /// Decodes the block's cells of `column` into rows from `firstRow`.
  mutating func decode(_ block: CSVBlock, column: Int, firstRow: Int) -> Result {
    let tokens = missingTokens
    var fits = true
    switch output.storage {
    case .integer(let out, let missing):
      block.forEachCell(column) { r, p, n, _ in
        if tokens.contains(p, n) {
          (out[firstRow + r], missing[firstRow + r]) = (0, true)
        } else if let x = CSVScalarParser.integer(p, n) {
          (out[firstRow + r], missing[firstRow + r]) = (x, false)
        } else {
          fits = false
        }
        return fits
      }
    case .number(let out):
      let onlyMissing = onlyMissing
      block.forEachCell(column) { r, p, n, _ in
        if tokens.contains(p, n) {
          out[firstRow + r] = .nan
        } else if onlyMissing {
          fits = false
        } else if let x = CSVScalarParser.number(p, n) {
          out[firstRow + r] = x
        } else {
          fits = false
        }
        return fits
      }
    case .date(let out, let missing):
      block.forEachCell(column) { r, p, n, _ in
        if tokens.contains(p, n) {
          (out[firstRow + r], missing[firstRow + r]) = (0, true)
          return true
        }
        guard n == 10 else {
          fits = false
          return false
        }
        let raw = UnsafeRawPointer(p)
        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        let slot = Int(truncatingIfNeeded: ((key.0 ^ UInt64(key.1) &* 0xBF58_476D_1CE4_E5B9) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if dateKeys[slot] == key {
          (out[firstRow + r], missing[firstRow + r]) = (dateDays[slot], false)
          return true
        }
        guard let d = CSVScalarParser.date(p, n) else {
          fits = false
          return false
        }
        (dateKeys[slot], dateDays[slot]) = (key, d)
        (out[firstRow + r], missing[firstRow + r]) = (d, false)
        return true
      }
    case .string(let out):
      var invalid = false
      block.forEachCell(column) { r, p, n, quoted in
        if tokens.contains(p, n) {
          out[firstRow + r] = -1
          return true
        }
        let code = interner.code(forField: p, count: n, quoted: quoted, scratch: &scratch)
        guard let code else {
          invalid = true
          return false
        }
        out[firstRow + r] = code
        return true
      }
      if invalid { return .exactPathNeeded }
    case .deferred:
      return .ok
    }
    if fits { return .ok }
    return declared ? .exactPathNeeded : .mismatch
  }
}
