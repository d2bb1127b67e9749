/// Writes a `Frame` as RFC 4180 CSV: a header row, comma-separated fields,
/// LF line ends, a final LF.
///
/// - A field is quoted only when it must be: when it contains a comma, a
///   quote, CR or LF, or starts or ends with a space (inner quotes doubled).
/// - Numbers use `Double.description`, the shortest text that reads back to
///   the same Double. Integer-valued numbers keep their `.0` (`3.0`), so a
///   number column reads back as a number, not an integer; ±∞ is `inf` /
///   `-inf`, which `CSVReader` reads back. Integers are plain digits.
/// - Dates are ISO `YYYY-MM-DD`; missing cells (and NaN) are empty.
///
/// `CSVReader.read(bytes: Array(write(frame).utf8), …)` gives back an equal
/// frame, except that an empty string reads back as missing and a string
/// column whose values all look like numbers or dates is inferred as such
/// (declare it as `.string` in `CSVOptions.types` to keep it text).
public enum CSVWriter {
  /// The frame as CSV text.
  public static func write(_ frame: Frame) -> String {
    String(decoding: bytes(frame), as: UTF8.self)
  }

  /// Writes the frame as CSV to `path`, replacing the file.
  /// - Throws: `CSVError` with reason `.cannotWrite` when the file cannot be written.
  public static func write(_ frame: Frame, to path: String) throws(CSVError) {
    try CSVFileIO.writeAll(bytes(frame), path: path)
  }

  /// The frame as UTF-8 CSV bytes.
  public static func bytes(_ frame: Frame) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(64 + frame.rowCount * frame.columns.count * 8)
    for (j, name) in frame.columnNames.enumerated() {
      if j > 0 { out.append(UInt8(ascii: ",")) }
      appendField(name, to: &out)
    }
    out.append(UInt8(ascii: "\n"))
    for i in 0..<frame.rowCount {
      for (j, column) in frame.columns.enumerated() {
        if j > 0 { out.append(UInt8(ascii: ",")) }
        switch column {
        case .number(let v):
          if !v[i].isNaN { out.append(contentsOf: v[i].description.utf8) }
        case .integer(let c):
          if !c.missing[i] { out.append(contentsOf: String(c.values[i]).utf8) }
        case .date(let c):
          if !c.missing[i] { out.append(contentsOf: CivilDate.isoString(days: Int(c.days[i])).utf8) }
        case .string(let c):
          if c.codes[i] >= 0 { appendField(c.levels[Int(c.codes[i])], to: &out) }
        }
      }
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }

  /// Appends `text`, quoted if it holds a delimiter, quote or line end or
  /// has leading/trailing spaces.
  private static func appendField(_ text: String, to out: inout [UInt8]) {
    let utf8 = text.utf8
    let needsQuotes =
      utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
      || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
    guard needsQuotes else {
      out.append(contentsOf: utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in utf8 {
      if b == UInt8(ascii: "\"") { out.append(b) }
      out.append(b)
    }
    out.append(UInt8(ascii: "\""))
  }
}
