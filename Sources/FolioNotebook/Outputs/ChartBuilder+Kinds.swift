import FolioData

extension ChartBuilder.Context {
  /// Categories of the x column and each row's category index (−1 = missing x).
  func categories() throws(ChartBuildError) -> (names: [String], index: [Int]) {
    let c = try column("x", options.x)
    var index = [Int](repeating: -1, count: frame.rowCount)
    switch c {
    case .string(let s):
      var seen: [Int32: Int] = [:]
      var names: [String] = []
      for i in 0..<frame.rowCount where s.codes[i] >= 0 {
        if let k = seen[s.codes[i]] {
          index[i] = k
        } else {
          seen[s.codes[i]] = names.count
          index[i] = names.count
          names.append(s.levels[Int(s.codes[i])])
        }
      }
      return (names, index)
    default:
      // Numbers and dates: ascending distinct values.
      let keys: [Double]
      if case .date(let dc) = c {
        keys = zip(dc.days, dc.missing).map { $1 ? .nan : Double($0) }
      } else {
        keys = c.doubles ?? []
      }
      let distinct = Array(Set(keys.filter { !$0.isNaN })).sorted()
      var position: [Double: Int] = [:]
      for (k, v) in distinct.enumerated() { position[v] = k }
      for i in 0..<frame.rowCount where !keys[i].isNaN { index[i] = position[keys[i]] ?? -1 }
      let format = xFormat ?? .automatic
      let names = distinct.map { v -> String in
        if case .date = c { return CivilDate.isoString(days: Int(v)) }
        return format.format(v)
      }
      return (names, index)
    }
  }

  func barChart() throws(ChartBuildError) -> ChartSpec {
    let (names, index) = try categories()
    if options.y.isEmpty { throw fail(.missingOption(option: "y", chart: .bar)) }
    var series: [BarLayer.Series] = []
    for yName in options.y {
      let y = try numbers("y", yName)
      for (group, rows) in try groups() {
        var sums = [Double](repeating: .nan, count: names.count)
        for i in rows where index[i] >= 0 && !y[i].isNaN {
          let k = index[i]
          sums[k] = sums[k].isNaN ? y[i] : sums[k] + y[i]
        }
        series.append(BarLayer.Series(name: seriesName(y: yName, group: group), values: sums))
      }
    }
    let layer = BarLayer(
      categories: names, series: series, arrangement: options.stacked ? .stacked : .grouped,
      horizontal: options.horizontal)
    let categoryAxis = ChartAxis(label: options.xLabel ?? options.x ?? "", scale: .categorical(names))
    let valueAxis = yAxis(default: options.y.count == 1 ? options.y[0] : "", includeZero: true)
    return ChartSpec(
      title: title(default: "\(options.y.joined(separator: ", ")) by \(options.x ?? "")"),
      subtitle: options.subtitle, description: describe("Bar chart", rows: frame.rowCount),
      x: options.horizontal ? valueAxis : categoryAxis,
      y: options.horizontal ? categoryAxis : valueAxis,
      layers: [.bar(layer)])
  }

  func bandChart() throws(ChartBuildError) -> ChartSpec {
    let (x, isDate) = try continuousX()
    let low = try numbers("low", options.low)
    let high = try numbers("high", options.high)
    var centres: [(String, [Double])] = []
    for name in options.y { centres.append((name, try numbers("y", name))) }
    var layers: [ChartLayer] = []
    var lines: [ChartSeries] = []
    for (group, rows) in try groups() {
      let ordered = Self.sortedRows(rows, x: x)
      let bandName = group ?? "\(options.low ?? "")–\(options.high ?? "")"
      layers.append(
        .band(
          BandLayer(
            name: bandName, x: ordered.map { x[$0] }, low: ordered.map { low[$0] },
            high: ordered.map { high[$0] })))
      for (yName, y) in centres {
        lines.append(
          ChartSeries(name: seriesName(y: yName, group: group), x: ordered.map { x[$0] }, y: ordered.map { y[$0] }))
      }
    }
    if !lines.isEmpty { layers.append(.line(lines)) }
    let label = options.y.first ?? "\(options.low ?? "") – \(options.high ?? "")"
    return ChartSpec(
      title: title(default: "\(label) by \(options.x ?? "")"),
      subtitle: options.subtitle, description: describe("Band chart", rows: frame.rowCount),
      x: xAxis(isDate: isDate), y: yAxis(default: label, includeZero: false), layers: layers)
  }

  func histogramChart() throws(ChartBuildError) -> ChartSpec {
    let option = options.x != nil ? "x" : "y"
    let name = options.x ?? options.y.first
    let values = try numbers(option, name)
    let hist = Histogram.bins(values, count: options.bins)
    let n = values.filter { $0.isFinite }.count
    return ChartSpec(
      title: title(default: "Distribution of \(name ?? "")"),
      subtitle: options.subtitle,
      description: "Histogram of \(name ?? "") in \(hist.counts.count) bins; \(n) values.",
      x: ChartAxis(label: options.xLabel ?? name ?? "", scale: .numeric(xFormat)),
      y: ChartAxis(label: options.yLabel ?? "Count", scale: .numeric(yFormat), includeZero: true),
      layers: n == 0 ? [] : [.histogram(hist, name: name ?? "")])
  }
}
