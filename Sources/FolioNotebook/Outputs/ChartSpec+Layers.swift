/// One layer of marks in a `ChartSpec`.
public enum ChartLayer: Sendable, Equatable {
  /// Connected lines, one per series; a NaN breaks the line.
  case line([ChartSeries])
  /// Points; `ChartSeries.size` scales the area of each point.
  case scatter([ChartSeries])
  /// Bars over categories.
  case bar(BarLayer)
  /// Filled areas down to zero, optionally stacked.
  case area([ChartSeries], stacked: Bool)
  /// A translucent band between `low` and `high` (a confidence band).
  case band(BandLayer)
  /// Point estimates with low/high whiskers per category (a forest plot).
  case interval(IntervalLayer)
  /// Precomputed histogram bins.
  case histogram(Histogram, name: String)
  /// A labelled reference line across the plot.
  case rule(RuleLayer)
  /// Labelled shaded spans of x (e.g. cross-validation test windows).
  case shade([ShadedRange])
}

/// A named sequence of points; `x` and `y` are equally long.
public struct ChartSeries: Sendable, Equatable {
  /// Legend text; also the key that picks the series colour.
  public var name: String
  /// x values (numbers or days since 1970).
  public var x: [Double]
  public var y: [Double]
  /// Optional per-point size for scatter points (any positive unit; the
  /// largest maps to the largest radius, area proportional to size).
  public var size: [Double]?

  public init(name: String, x: [Double], y: [Double], size: [Double]? = nil) {
    self.name = name
    self.x = x
    self.y = y
    self.size = size
  }
}

/// Bars: one value per category per series.
public struct BarLayer: Sendable, Equatable {
  /// How several series share a category.
  public enum Arrangement: Sendable, Equatable {
    /// Side by side within the category.
    case grouped
    /// On top of each other; positives stack up from 0, negatives down.
    case stacked
  }

  public struct Series: Sendable, Equatable {
    public var name: String
    /// One value per category (NaN = no bar).
    public var values: [Double]
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  public var categories: [String]
  public var series: [Series]
  public var arrangement: Arrangement
  /// Categories on the vertical axis and bars growing to the right.
  public var horizontal: Bool

  public init(
    categories: [String], series: [Series], arrangement: Arrangement = .grouped,
    horizontal: Bool = false
  ) {
    self.categories = categories
    self.series = series
    self.arrangement = arrangement
    self.horizontal = horizontal
  }
}

/// A band between two curves over x.
public struct BandLayer: Sendable, Equatable {
  public var name: String
  public var x: [Double]
  public var low: [Double]
  public var high: [Double]

  public init(name: String, x: [Double], low: [Double], high: [Double]) {
    self.name = name
    self.x = x
    self.low = low
    self.high = high
  }
}

/// A forest plot: categories on the vertical axis, estimates on the horizontal one.
public struct IntervalLayer: Sendable, Equatable {
  public var name: String
  public var categories: [String]
  public var estimate: [Double]
  public var low: [Double]
  public var high: [Double]
  /// A dashed vertical reference line (usually 0 for effects, 1 for ratios).
  public var reference: Double?

  public init(
    name: String, categories: [String], estimate: [Double], low: [Double], high: [Double],
    reference: Double? = 0
  ) {
    self.name = name
    self.categories = categories
    self.estimate = estimate
    self.low = low
    self.high = high
    self.reference = reference
  }
}

/// A reference line, e.g. "current spend".
public struct RuleLayer: Sendable, Equatable {
  public enum Orientation: Sendable, Equatable {
    /// A horizontal line at y = value.
    case horizontal
    /// A vertical line at x = value.
    case vertical
  }

  public var orientation: Orientation
  public var value: Double
  public var label: String

  public init(_ orientation: Orientation, at value: Double, label: String = "") {
    self.orientation = orientation
    self.value = value
    self.label = label
  }
}

/// A shaded span of x, from `from` to `to`, with a label at its top.
public struct ShadedRange: Sendable, Equatable {
  public var from: Double
  public var to: Double
  public var label: String

  public init(from: Double, to: Double, label: String = "") {
    self.from = from
    self.to = to
    self.label = label
  }
}
