import FolioData

/// `{chart}`: an inline SVG chart of a dataset: line, bar (grouped or
/// stacked), scatter, area, band (confidence bands) or histogram.
///
/// ```yaml
/// data: weekly
/// type: line
/// x: WEEK
/// y: [SALES, FORECAST]
/// y_format: "compact:1"
/// title: Weekly sales
/// ```
///
/// Charts stay light at any size (`ChartLimits`): long lines are
/// downsampled and scatters of more than 5,000 points are drawn as density
/// when rendered; `sample: 5000` (with an optional `seed:`) draws a random
/// sample of a scatter's rows instead.
public enum ChartDirective: Directive {
  public static let name = "chart"
  public static let summary = "Inline SVG chart: line, bar, scatter, area, band or histogram."
  static let data = DirectiveOption.reference("data", "Label of the dataset to plot.")
  static let type = DirectiveOption.choice(required: "type", ChartOptions.ChartType.self, "The kind of chart.")
  static let x = DirectiveOption.column("x", "Column on the x axis (the binned column for histograms).")
  static let y = DirectiveOption.columns("y", default: [], "One or more columns on the y axis.")
  static let color = DirectiveOption.column("color", "Column whose values split rows into series.")
  static let group = DirectiveOption.column("group", "Same as color.")
  static let stacked = DirectiveOption.bool("stacked", default: false, "Stack bars or areas.")
  static let horizontal = DirectiveOption.bool("horizontal", default: false, "Horizontal bars.")
  static let low = DirectiveOption.column("low", "Lower bound column of a band.")
  static let high = DirectiveOption.column("high", "Upper bound column of a band.")
  static let bins = DirectiveOption.integer("bins", in: 1...500, unit: "bins", "Histogram bin count (default: automatic).")
  static let xFormat = formatText("x_format", "Number format of x tick labels.")
  static let yFormat = formatText("y_format", "Number format of y tick labels.")
  static let title = DirectiveOption.text("title", "Chart title.")
  static let subtitle = DirectiveOption.text("subtitle", "Chart subtitle.")
  static let xLabel = DirectiveOption.text("x_label", "x axis label.")
  static let yLabel = DirectiveOption.text("y_label", "y axis label.")
  static let sample = DirectiveOption.integer(
    "sample", in: 1...ChartLimits.scatterPoints, unit: "rows",
    "Scatter only: draw a uniform random sample of this many rows (default: all rows; over \(ChartLimits.scatterPoints) points are drawn as density).")
  static let seed = DirectiveOption.seed(help: "Seed of the sample (default: from the notebook seed and the block label).")
  public static let options: [any AnyOptionDeclaration] = [
    data, type, x, y, color, group, stacked, horizontal, low, high, bins, xFormat, yFormat, title, subtitle, xLabel, yLabel,
    sample, seed,
  ]

  /// A number format option kept as its text (the chart builder parses it), validated when decoded.
  static func formatText(_ name: String, _ help: String) -> OptionDeclaration<String?> {
    DirectiveOption.structured(name, kind: .structured(NumberFormatOption.grammar), help) { node, name throws(NotebookError) in
      _ = try NumberFormatOption.parse(node, name)
      return try node.string(name)
    }
  }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let frame = try context.dataset(options[data])
    var chart = ChartOptions(type: options[type])
    chart.x = options[x]
    chart.y = options[y]
    chart.group = options[color] ?? options[group]
    chart.stacked = options[stacked]
    chart.horizontal = options[horizontal]
    chart.low = options[low]
    chart.high = options[high]
    chart.bins = options[bins]
    chart.xFormat = options[xFormat]
    chart.yFormat = options[yFormat]
    chart.title = options[title]
    chart.subtitle = options[subtitle]
    chart.xLabel = options[xLabel]
    chart.yLabel = options[yLabel]
    chart.sample = options[sample]
    chart.sampleSeed = options[seed] ?? BlockSeed.derive(context.seed, label: options.label)
    let spec: ChartSpec
    do { spec = try ChartBuilder.build(frame, chart, at: options.blockLocation) } catch {
      throw NotebookError.wrapping(error, at: options.blockLocation)
    }
    return DirectiveResult(value: .object([("type", .string(chart.type.rawValue)), ("rows", .integer(frame.rowCount))]), outputs: [.chart(spec)])
  }
}
