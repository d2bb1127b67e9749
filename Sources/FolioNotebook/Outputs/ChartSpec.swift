/// A chart as data: a small grammar of graphics that `ChartBuilder` fills from
/// a frame (or analyses fill directly) and `SVGChartRenderer` draws.
///
/// Every layer shares the two axes. `x` is always the horizontal axis and `y`
/// the vertical one: a horizontal bar chart or a forest plot has a
/// categorical `y` and a numeric `x`. Values that are NaN or infinite are
/// skipped by every mark (lines break there), so a spec never needs cleaning.
public struct ChartSpec: Sendable, Equatable {
  /// Headline, shown at the top and as the SVG `<title>`.
  public var title: String
  /// Optional second line under the title (e.g. the period or the data source).
  public var subtitle: String?
  /// Plain-language summary for screen readers, the SVG `<desc>`.
  public var description: String
  public var x: ChartAxis
  public var y: ChartAxis
  /// Drawn in order, first at the back.
  public var layers: [ChartLayer]

  public init(
    title: String, subtitle: String? = nil, description: String = "",
    x: ChartAxis = ChartAxis(), y: ChartAxis = ChartAxis(), layers: [ChartLayer] = []
  ) {
    self.title = title
    self.subtitle = subtitle
    self.description = description
    self.x = x
    self.y = y
    self.layers = layers
  }
}

/// One axis: its title, how its values are read and labelled, and its extent.
public struct ChartAxis: Sendable, Equatable {
  /// How positions along the axis are read.
  public enum Scale: Sendable, Equatable {
    /// Continuous numbers; tick labels use `format`, or a format chosen from
    /// the tick step when `nil`.
    case numeric(NumberFormat?)
    /// Days since 1970-01-01; ticks fall on day, week, month, quarter or year
    /// boundaries depending on the span.
    case date
    /// Named categories in order (a band scale). An empty list means "the
    /// categories of the layers, in order of first appearance".
    case categorical([String])
  }

  /// Axis title, e.g. "Weekly revenue ($)"; empty for none.
  public var label: String
  public var scale: Scale
  /// A fixed extent (numeric and date axes); `nil` fits the data with nice ticks.
  public var domain: ClosedRange<Double>?
  /// Extend the fitted extent to include 0 (bars and histograms always do).
  public var includeZero: Bool

  public init(
    label: String = "", scale: Scale = .numeric(nil), domain: ClosedRange<Double>? = nil,
    includeZero: Bool = false
  ) {
    self.label = label
    self.scale = scale
    self.domain = domain
    self.includeZero = includeZero
  }

  /// The number format of a numeric axis, if one was set.
  public var format: NumberFormat? {
    if case .numeric(let f) = scale { return f }
    return nil
  }
}
