import FolioData

/// What the notebook's `chart` directive reads from its YAML, as plain values.
///
/// ```yaml
/// type: line
/// x: week
/// y: [revenue, forecast]
/// y_format: compact:1
/// title: Weekly revenue
/// ```
public struct ChartOptions: Sendable, Equatable {
  /// The kinds of chart a directive can ask for.
  public enum ChartType: String, Sendable, Equatable, CaseIterable {
    case line, bar, scatter, area, band, histogram
  }

  public var type: ChartType
  /// The x column (for `histogram`, the column whose values are binned).
  public var x: String?
  /// One or more y columns (for `band`, an optional centre line).
  public var y: [String]
  /// A column whose values split the rows into series (YAML `color` or `group`).
  public var group: String?
  /// Stack bar or area series instead of grouping/overlapping them.
  public var stacked: Bool
  /// Bars grow to the right, categories on the vertical axis.
  public var horizontal: Bool
  /// Lower and upper band columns (`band`).
  public var low: String?
  public var high: String?
  /// Histogram bin count; `nil` uses `Histogram.bins`' automatic rule.
  public var bins: Int?
  /// Number format option strings (see `NumberFormat(parsing:)`).
  public var xFormat: String?
  public var yFormat: String?
  public var title: String?
  public var subtitle: String?
  public var xLabel: String?
  public var yLabel: String?
  /// Scatter only: draw a uniform random sample of this many rows instead of
  /// every row (see `ChartBuilder`); `nil` draws every row, and a scatter
  /// over `ChartLimits.scatterPoints` is then drawn as a density layer.
  public var sample: Int?
  /// Seed of the sample.
  public var sampleSeed: UInt64 = 0

  public init(
    type: ChartType, x: String? = nil, y: [String] = [], group: String? = nil,
    stacked: Bool = false, horizontal: Bool = false, low: String? = nil, high: String? = nil,
    bins: Int? = nil, xFormat: String? = nil, yFormat: String? = nil, title: String? = nil,
    subtitle: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) {
    self.type = type
    self.x = x
    self.y = y
    self.group = group
    self.stacked = stacked
    self.horizontal = horizontal
    self.low = low
    self.high = high
    self.bins = bins
    self.xFormat = xFormat
    self.yFormat = yFormat
    self.title = title
    self.subtitle = subtitle
    self.xLabel = xLabel
    self.yLabel = yLabel
  }
}

/// Why a chart could not be built from a frame; `location` is the directive's.
public struct ChartBuildError: LocatedError, Equatable {
  public enum Problem: Sendable, Equatable {
    /// `option` names a column the frame lacks.
    case unknownColumn(option: String, name: String, available: [String])
    /// The column has the wrong type for its role.
    case wrongType(option: String, name: String, got: ColumnType, expected: String)
    /// A required option was not given.
    case missingOption(option: String, chart: ChartOptions.ChartType)
    /// A `*_format` option did not parse.
    case badFormat(option: String, NumberFormatError)
    /// `bins` is below 1.
    case badBins(Int)
    /// `option` was given to a chart type that does not take it.
    case notForChartType(option: String, chart: ChartOptions.ChartType)
  }

  public var problem: Problem
  public var location: SourceLocation?

  public init(_ problem: Problem, location: SourceLocation? = nil) {
    self.problem = problem
    self.location = location
  }

  public var message: String {
    switch problem {
    case .unknownColumn(let option, let name, let available):
      let list = available.isEmpty ? "(the table has no columns)" : available.joined(separator: ", ")
      return "chart \(option): unknown column '\(name)'; available columns: \(list)"
    case .wrongType(let option, let name, let got, let expected):
      return "chart \(option): column '\(name)' is \(got.rawValue), expected \(expected)"
    case .missingOption(let option, let chart):
      return "a \(chart.rawValue) chart needs '\(option):' (a column name)"
    case .badFormat(let option, let error):
      return "chart \(option): \(error.message)"
    case .badBins(let n):
      return "chart bins: expected a whole number of at least 1, got \(n)"
    case .notForChartType(let option, let chart):
      return "chart \(option): only scatter charts take a sample (a \(chart.rawValue) chart is downsampled or binned by itself)"
    }
  }
}
