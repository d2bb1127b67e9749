/// A value the block cache stores in its binary format (`BinaryWriter`).
///
/// Written by hand rather than through `Codable`: a warm render decodes every
/// block's outputs, and a fixed field order with raw `[Double]` copies is an
/// order of magnitude faster than JSON and needs no runtime type lookups.
/// Every stored property is written; `CacheCodingTests` round-trips the
/// outputs of every shipped notebook, so a field added but not coded fails.
protocol CacheCodable {
  func encode(to w: inout BinaryWriter)
  init(from r: inout BinaryReader) throws
}

extension BinaryWriter {
  mutating func list<T: CacheCodable>(_ items: [T]) {
    int(items.count)
    for item in items { item.encode(to: &self) }
  }
  mutating func doubles(_ values: [Double]) { raw(values) }
}

extension BinaryReader {
  mutating func list<T: CacheCodable>(_: T.Type) throws -> [T] {
    let n = try count()
    var items: [T] = []
    items.reserveCapacity(n)
    for _ in 0..<n { items.append(try T(from: &self)) }
    return items
  }
  mutating func doubles() throws -> [Double] { try raw(Double.self) }
}

extension BlockOutput: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    switch self {
    case .table(let t): w.u8(0); t.encode(to: &w)
    case .chart(let c): w.u8(1); c.encode(to: &w)
    case .summary(let s): w.u8(2); s.encode(to: &w)
    case .note(let n): w.u8(3); w.string(n)
    case .markdown(let m): w.u8(4); w.string(m)
    }
  }

  init(from r: inout BinaryReader) throws {
    switch try r.u8() {
    case 0: self = .table(try TableSpec(from: &r))
    case 1: self = .chart(try ChartSpec(from: &r))
    case 2: self = .summary(try SummarySpec(from: &r))
    case 3: self = .note(try r.string())
    case 4: self = .markdown(try r.string())
    default: throw BinaryReader.Corrupt()
    }
  }
}

extension Attachment: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(fileName)
    w.string(contents)
  }

  init(from r: inout BinaryReader) throws {
    self.init(fileName: try r.string(), contents: try r.string())
  }
}

extension TableSpec: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.int(columns.count)
    for c in columns { w.string(c.header); w.bool(c.isNumeric) }
    w.int(rows.count)
    for row in rows { w.strings(row) }
    w.int(totalRows)
    w.optional(exportFile) { $0.string($1) }
    w.optional(caption) { $0.string($1) }
  }

  init(from r: inout BinaryReader) throws {
    let nc = try r.count()
    var columns: [Column] = []
    columns.reserveCapacity(nc)
    for _ in 0..<nc { columns.append(Column(header: try r.string(), isNumeric: try r.bool())) }
    let nr = try r.count()
    var rows: [[String]] = []
    rows.reserveCapacity(nr)
    for _ in 0..<nr { rows.append(try r.strings()) }
    self.init(
      columns: columns, rows: rows, totalRows: try r.int(),
      exportFile: try r.optional { try $0.string() }, caption: try r.optional { try $0.string() })
  }
}

extension SummarySpec: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.strings(headlines)
    w.int(cards.count)
    for c in cards {
      w.string(c.value)
      w.string(c.label)
      w.optional(c.note) { $0.string($1) }
    }
  }

  init(from r: inout BinaryReader) throws {
    let headlines = try r.strings()
    let n = try r.count()
    var cards: [Card] = []
    cards.reserveCapacity(n)
    for _ in 0..<n {
      cards.append(Card(value: try r.string(), label: try r.string(), note: try r.optional { try $0.string() }))
    }
    self.init(headlines: headlines, cards: cards)
  }
}

extension NumberFormat: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(style.rawValue)
    w.int(digits)
    w.string(symbol)
  }

  init(from r: inout BinaryReader) throws {
    guard let style = Style(rawValue: try r.string()) else { throw BinaryReader.Corrupt() }
    self.init(style, digits: try r.int(), symbol: try r.string())
  }
}
