import FolioData

/// Builds a `ChartSpec` from a frame and the `chart` directive's options.
///
/// Rules, the same for every chart type:
/// - A column named in an option must exist (the error lists the available
///   ones); y, low and high columns must be number or integer.
/// - Rows whose x (or group) is missing are skipped; a missing y stays NaN, so
///   lines and areas break there instead of bridging the gap.
/// - Line, area, band and scatter need a number, integer or date x and are
///   sorted by x (stable, so ties keep file order).
/// - Bars take any x as categories: text in order of first appearance, numbers
///   and dates in ascending order. Several rows with the same category and
///   series are summed.
/// - `group` splits rows into one series per distinct value, in order of first
///   appearance; with several y columns the series is named "y · group".
/// - An empty frame is not an error: the chart renders with "No data".
/// - `sample: n` (scatter only) draws a uniform random sample of n of the
///   rows with an x value (`sampledRows`, seeded), noted in the subtitle.
public enum ChartBuilder {
  public static func build(
    _ frame: Frame, _ options: ChartOptions, at location: SourceLocation? = nil
  ) throws(ChartBuildError) -> ChartSpec {
    var context = try Context(frame: frame, options: options, location: location)
    switch options.type {
    case .line, .area, .scatter: return try context.xySeriesChart()
    case .bar: return try context.barChart()
    case .band: return try context.bandChart()
    case .histogram: return try context.histogramChart()
    }
  }

  /// Resolved columns and formats shared by the chart kinds.
  struct Context {
    let frame: Frame
    let options: ChartOptions
    let location: SourceLocation?
    let xFormat: NumberFormat?
    let yFormat: NumberFormat?

    init(frame: Frame, options: ChartOptions, location: SourceLocation?) throws(ChartBuildError) {
      self.frame = frame
      self.options = options
      self.location = location
      xFormat = try Self.parseFormat(options.xFormat, option: "x_format", location)
      yFormat = try Self.parseFormat(options.yFormat, option: "y_format", location)
      if let b = options.bins, b < 1 { throw ChartBuildError(.badBins(b), location: location) }
      if options.sample != nil, options.type != .scatter {
        throw ChartBuildError(.notForChartType(option: "sample", chart: options.type), location: location)
      }
    }

    static func parseFormat(
      _ text: String?, option: String, _ location: SourceLocation?
    ) throws(ChartBuildError) -> NumberFormat? {
      guard let text else { return nil }
      do {
        return try NumberFormat(parsing: text)
      } catch {
        throw ChartBuildError(.badFormat(option: option, error), location: location)
      }
    }

    func fail(_ p: ChartBuildError.Problem) -> ChartBuildError {
      ChartBuildError(p, location: location)
    }

    /// The column named by `option`, which must be given.
    func column(_ option: String, _ name: String?) throws(ChartBuildError) -> Column {
      guard let name else { throw fail(.missingOption(option: option, chart: options.type)) }
      guard let c = frame[name] else {
        throw fail(.unknownColumn(option: option, name: name, available: frame.columnNames))
      }
      return c
    }

    /// A number/integer column as doubles (missing → NaN).
    func numbers(_ option: String, _ name: String?) throws(ChartBuildError) -> [Double] {
      let c = try column(option, name)
      guard let d = c.doubles else {
        throw fail(.wrongType(option: option, name: name ?? "", got: c.type, expected: "number or integer"))
      }
      return d
    }

    /// A continuous x: numbers, integers or dates (as days), missing → NaN.
    func continuousX() throws(ChartBuildError) -> (values: [Double], isDate: Bool) {
      let c = try column("x", options.x)
      if let d = c.doubles { return (d, false) }
      if case .date(let dc) = c {
        return (zip(dc.days, dc.missing).map { $1 ? .nan : Double($0) }, true)
      }
      throw fail(
        .wrongType(
          option: "x", name: options.x ?? "", got: c.type,
          expected: "number, integer or date for a \(options.type.rawValue) chart (use type: bar for text categories)"))
    }

    /// Row groups: one (name, rows) per distinct `group` value, or all rows.
    func groups() throws(ChartBuildError) -> [(name: String?, rows: [Int])] {
      guard let g = options.group else { return [(nil, Array(0..<frame.rowCount))] }
      let c = try column("group", g)
      var order: [String] = []
      var rows: [String: [Int]] = [:]
      for i in 0..<frame.rowCount where !c.isMissing(i) {
        let key = c[i].text
        if rows[key] == nil { order.append(key) }
        rows[key, default: []].append(i)
      }
      return order.map { ($0, rows[$0] ?? []) }
    }

    func seriesName(y: String, group: String?) -> String {
      guard let group else { return y }
      return options.y.count > 1 ? "\(y) · \(group)" : group
    }

    func xAxis(isDate: Bool) -> ChartAxis {
      ChartAxis(label: options.xLabel ?? options.x ?? "", scale: isDate ? .date : .numeric(xFormat))
    }

    func yAxis(default label: String, includeZero: Bool) -> ChartAxis {
      ChartAxis(label: options.yLabel ?? label, scale: .numeric(yFormat), includeZero: includeZero)
    }

    func title(default text: String) -> String { options.title ?? text }

    func describe(_ kind: String, rows: Int) -> String {
      let ys = options.y.isEmpty ? "" : " of \(options.y.joined(separator: ", "))"
      let by = options.x.map { " by \($0)" } ?? ""
      let grouped = options.group.map { ", one series per \($0)" } ?? ""
      return "\(kind)\(ys)\(by)\(grouped); \(rows) rows."
    }

    /// Row indices with a present x, sorted by x (stable).
    static func sortedRows(_ rows: [Int], x: [Double]) -> [Int] {
      rows.filter { !x[$0].isNaN }.enumerated()
        .sorted { ($0.element == $1.element) ? $0.offset < $1.offset : x[$0.element] < x[$1.element] }
        .map(\.element)
    }

    mutating func xySeriesChart() throws(ChartBuildError) -> ChartSpec {
      let (x, isDate) = try continuousX()
      if options.y.isEmpty { throw fail(.missingOption(option: "y", chart: options.type)) }
      var ys: [(String, [Double])] = []
      for name in options.y { ys.append((name, try numbers("y", name))) }
      var series: [ChartSeries] = []
      let (groups, sampleNote) = try sampledGroups(x: x)
      for (yName, y) in ys {
        for (group, rows) in groups {
          let ordered = options.type == .scatter ? rows.filter { !x[$0].isNaN } : Self.sortedRows(rows, x: x)
          series.append(
            ChartSeries(
              name: seriesName(y: yName, group: group), x: ordered.map { x[$0] }, y: ordered.map { y[$0] }))
        }
      }
      let layer: ChartLayer
      switch options.type {
      case .area: layer = .area(series, stacked: options.stacked)
      case .scatter: layer = .scatter(series)
      default: layer = .line(series)
      }
      let kind = options.type == .scatter ? "Scatter plot" : options.type == .area ? "Area chart" : "Line chart"
      var subtitle = options.subtitle
      if let sampleNote { subtitle = subtitle.map { $0 + " · " + sampleNote } ?? sampleNote }
      return ChartSpec(
        title: title(default: "\(options.y.joined(separator: ", ")) by \(options.x ?? "")"),
        subtitle: subtitle, description: describe(kind, rows: frame.rowCount) + (sampleNote.map { " " + $0 + "." } ?? ""),
        x: xAxis(isDate: isDate),
        y: yAxis(default: options.y.count == 1 ? options.y[0] : "", includeZero: options.type == .area),
        layers: [layer])
    }
  }
}
