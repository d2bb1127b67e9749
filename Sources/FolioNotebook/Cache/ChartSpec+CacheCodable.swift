/// The block cache's binary form of a chart: fields in declaration order,
/// number arrays as raw bytes (NaN gaps and infinities survive exactly).
extension ChartSpec: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(title)
    w.optional(subtitle) { $0.string($1) }
    w.string(description)
    x.encode(to: &w)
    y.encode(to: &w)
    w.list(layers)
  }

  init(from r: inout BinaryReader) throws {
    self.init(
      title: try r.string(), subtitle: try r.optional { try $0.string() }, description: try r.string(),
      x: try ChartAxis(from: &r), y: try ChartAxis(from: &r), layers: try r.list(ChartLayer.self))
  }
}

extension ChartAxis: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(label)
    switch scale {
    case .numeric(let format): w.u8(0); w.optional(format) { $1.encode(to: &$0) }
    case .date: w.u8(1)
    case .categorical(let names): w.u8(2); w.strings(names)
    }
    w.optional(domain) { $0.double($1.lowerBound); $0.double($1.upperBound) }
    w.bool(includeZero)
  }

  init(from r: inout BinaryReader) throws {
    let label = try r.string()
    let scale: Scale
    switch try r.u8() {
    case 0: scale = .numeric(try r.optional { try NumberFormat(from: &$0) })
    case 1: scale = .date
    case 2: scale = .categorical(try r.strings())
    default: throw BinaryReader.Corrupt()
    }
    let domain = try r.optional { r -> ClosedRange<Double> in
      let low = try r.double(), high = try r.double()
      guard low <= high else { throw BinaryReader.Corrupt() }
      return low...high
    }
    self.init(label: label, scale: scale, domain: domain, includeZero: try r.bool())
  }
}

extension ChartLayer: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    switch self {
    case .line(let s): w.u8(0); w.list(s)
    case .scatter(let s): w.u8(1); w.list(s)
    case .bar(let b): w.u8(2); b.encode(to: &w)
    case .area(let s, let stacked): w.u8(3); w.list(s); w.bool(stacked)
    case .band(let b): w.u8(4); b.encode(to: &w)
    case .interval(let i): w.u8(5); i.encode(to: &w)
    case .histogram(let h, let name): w.u8(6); w.doubles(h.edges); w.doubles(h.counts); w.string(name)
    case .rule(let rule): w.u8(7); rule.encode(to: &w)
    case .shade(let ranges): w.u8(8); w.list(ranges)
    }
  }

  init(from r: inout BinaryReader) throws {
    switch try r.u8() {
    case 0: self = .line(try r.list(ChartSeries.self))
    case 1: self = .scatter(try r.list(ChartSeries.self))
    case 2: self = .bar(try BarLayer(from: &r))
    case 3: self = .area(try r.list(ChartSeries.self), stacked: try r.bool())
    case 4: self = .band(try BandLayer(from: &r))
    case 5: self = .interval(try IntervalLayer(from: &r))
    case 6: self = .histogram(Histogram(edges: try r.doubles(), counts: try r.doubles()), name: try r.string())
    case 7: self = .rule(try RuleLayer(from: &r))
    case 8: self = .shade(try r.list(ShadedRange.self))
    default: throw BinaryReader.Corrupt()
    }
  }
}

extension ChartSeries: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(name)
    w.doubles(x)
    w.doubles(y)
    w.optional(size) { $0.doubles($1) }
  }

  init(from r: inout BinaryReader) throws {
    self.init(name: try r.string(), x: try r.doubles(), y: try r.doubles(), size: try r.optional { try $0.doubles() })
  }
}

extension BarLayer: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.strings(categories)
    w.int(series.count)
    for s in series { w.string(s.name); w.doubles(s.values) }
    w.bool(arrangement == .stacked)
    w.bool(horizontal)
  }

  init(from r: inout BinaryReader) throws {
    let categories = try r.strings()
    let n = try r.count()
    var series: [Series] = []
    series.reserveCapacity(n)
    for _ in 0..<n { series.append(Series(name: try r.string(), values: try r.doubles())) }
    self.init(
      categories: categories, series: series, arrangement: try r.bool() ? .stacked : .grouped,
      horizontal: try r.bool())
  }
}

extension BandLayer: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(name)
    w.doubles(x)
    w.doubles(low)
    w.doubles(high)
  }

  init(from r: inout BinaryReader) throws {
    self.init(name: try r.string(), x: try r.doubles(), low: try r.doubles(), high: try r.doubles())
  }
}

extension IntervalLayer: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.string(name)
    w.strings(categories)
    w.doubles(estimate)
    w.doubles(low)
    w.doubles(high)
    w.optional(reference) { $0.double($1) }
  }

  init(from r: inout BinaryReader) throws {
    self.init(
      name: try r.string(), categories: try r.strings(), estimate: try r.doubles(), low: try r.doubles(),
      high: try r.doubles(), reference: try r.optional { try $0.double() })
  }
}

extension RuleLayer: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.bool(orientation == .vertical)
    w.double(value)
    w.string(label)
  }

  init(from r: inout BinaryReader) throws {
    self.init(try r.bool() ? .vertical : .horizontal, at: try r.double(), label: try r.string())
  }
}

extension ShadedRange: CacheCodable {
  func encode(to w: inout BinaryWriter) {
    w.double(from)
    w.double(to)
    w.string(label)
  }

  init(from r: inout BinaryReader) throws {
    self.init(from: try r.double(), to: try r.double(), label: try r.string())
  }
}
