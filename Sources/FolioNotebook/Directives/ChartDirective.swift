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
public enum ChartDirective: Directive {
  public static let name = "chart"
  public static let summary = "Inline SVG chart: line, bar, scatter, area, band or histogram."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "Label of the dataset to plot."),
    OptionSpec("type", "line, bar, scatter, area, band or histogram."),
    OptionSpec("x", "Column on the x axis (the binned column for histograms)."),
    OptionSpec("y", "One or more columns on the y axis."),
    OptionSpec("color", "Column whose values split rows into series."),
    OptionSpec("group", "Same as color."),
    OptionSpec("stacked", "Stack bars or areas (default false)."),
    OptionSpec("horizontal", "Horizontal bars (default false)."),
    OptionSpec("low", "Lower bound column of a band."),
    OptionSpec("high", "Upper bound column of a band."),
    OptionSpec("bins", "Histogram bin count (default: automatic)."),
    OptionSpec("x_format", "Number format of x tick labels."),
    OptionSpec("y_format", "Number format of y tick labels."),
    OptionSpec("title", "Chart title."),
    OptionSpec("subtitle", "Chart subtitle."),
    OptionSpec("x_label", "x axis label."),
    OptionSpec("y_label", "y axis label."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if call.options["data"] == nil { errors.append(NotebookError(call.location, "{chart} needs 'data: <label>'")) }
    if call.options["type"] == nil {
      errors.append(NotebookError(call.location, "{chart} needs 'type': \(ChartOptions.ChartType.allCases.map(\.rawValue).joined(separator: ", "))"))
    } else if let t = call.options["type"], case .scalar(let s, _) = t.kind, !s.contains("{{"), ChartOptions.ChartType(rawValue: s) == nil {
      errors.append(typeError(s, at: t.location))
    }
    for key in ["x_format", "y_format"] {
      guard let n = call.options[key], case .scalar(let s, _) = n.kind, !s.contains("{{") else { continue }
      do { _ = try NumberFormat(parsing: s, at: n.location) } catch { errors.append(NotebookError.wrapping(error, at: n.location)) }
    }
    return errors
  }

  static func typeError(_ s: String, at loc: SourceLocation) -> NotebookError {
    let names = ChartOptions.ChartType.allCases.map(\.rawValue)
    return NotebookError(loc, "unknown chart type '\(s)'\(NearMatches.hint(for: s, in: names, noun: "chart type"))")
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    let o = call.options
    guard let dataNode = o["data"] else { throw NotebookError(call.location, "{chart} needs 'data: <label>'") }
    let frame = try context.dataset(try dataNode.string("data"), at: dataNode.location)
    guard let typeNode = o["type"] else {
      throw NotebookError(call.location, "{chart} needs 'type': \(ChartOptions.ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let typeText = try typeNode.string("type")
    guard let type = ChartOptions.ChartType(rawValue: typeText) else { throw typeError(typeText, at: typeNode.location) }
    var options = ChartOptions(type: type)
    options.x = try o["x"]?.string("x")
    options.y = try o["y"]?.stringList("y") ?? []
    options.group = try (o["color"] ?? o["group"])?.string("color")
    options.stacked = try o["stacked"]?.bool("stacked") ?? false
    options.horizontal = try o["horizontal"]?.bool("horizontal") ?? false
    options.low = try o["low"]?.string("low")
    options.high = try o["high"]?.string("high")
    if let b = o["bins"] {
      let n = try b.int("bins")
      guard (1...500).contains(n) else { throw NotebookError(b.location, "bins: expected 1 to 500 bins, found \(n)") }
      options.bins = n
    }
    options.xFormat = try o["x_format"]?.string("x_format")
    options.yFormat = try o["y_format"]?.string("y_format")
    options.title = try o["title"]?.string("title")
    options.subtitle = try o["subtitle"]?.string("subtitle")
    options.xLabel = try o["x_label"]?.string("x_label")
    options.yLabel = try o["y_label"]?.string("y_label")
    // Point each column error at the option that named the column.
    let spec: ChartSpec
    do { spec = try ChartBuilder.build(frame, options, at: call.location) } catch {
      throw NotebookError.wrapping(error, at: call.location)
    }
    return DirectiveResult(value: .object([("type", .string(type.rawValue)), ("rows", .integer(frame.rowCount))]), outputs: [.chart(spec)])
  }
}
