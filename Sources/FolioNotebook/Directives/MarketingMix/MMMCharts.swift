import FolioData
import FolioModels

/// The charts of the marketing-mix directives, built directly as `ChartSpec`s.
///
/// Money axes use compact currency-free numbers ("350k"); weeks use the date
/// scale. Channel series are named by their display label, so a channel keeps
/// its colour across charts (the renderer picks colours by series name).
enum MMMCharts {
  static let compact = NumberFormat(.compact, digits: 1)
  static func weeks(_ input: MMMInput) -> [Double] { input.weekStarts.map(Double.init) }

  /// Weekly spend per channel, stacked.
  static func weeklySpend(_ input: MMMInput, labels: [String]) -> ChartSpec {
    let x = weeks(input)
    return ChartSpec(
      title: "Weekly spend by channel", subtitle: "Stacked; the model sees one spend series per channel key",
      description: "Stacked area chart of weekly media spend for \(labels.count) channels.",
      x: ChartAxis(label: "Week", scale: .date), y: ChartAxis(label: "Spend per week", scale: .numeric(compact), includeZero: true),
      layers: [.area(zip(labels, input.spend).map { ChartSeries(name: $0, x: x, y: $1) }, stacked: true)])
  }

  /// Best-so-far loss against evaluations, from the first evaluation that
  /// beats the mean (loss ≤ 1): earlier candidates with negative media
  /// effects carry penalties orders of magnitude larger and would flatten
  /// the curve.
  static func convergence(_ history: [Double]) -> ChartSpec {
    let start = history.firstIndex { $0 <= 1 } ?? 0
    let shown = Array(history[start...])
    return ChartSpec(
      title: "Search convergence",
      subtitle: start > 0 ? "Best loss (1 − R² + sign penalty) after each evaluation, from evaluation \(start + 1)" : "Best loss (1 − R² + sign penalty) after each evaluation",
      description: "Line chart of the best loss found so far over \(history.count) evaluations of the differential-evolution search.",
      x: ChartAxis(label: "Evaluation", scale: .numeric(NumberFormat(.thousands, digits: 0))),
      y: ChartAxis(label: "Best loss", scale: .numeric(NumberFormat(.fixed, digits: 3))),
      layers: [.line([ChartSeries(name: "Best loss", x: shown.indices.map { Double(start + $0 + 1) }, y: shown)])])
  }

  /// Each channel's weekly revenue contribution, stacked. The baseline
  /// (intercept, trend, seasonality, market controls) is left out so the
  /// channels keep their colours (the palette has 8) and the media part is
  /// readable; its share is in the value (`media_share`).
  static func decomposition(_ model: MMMModel, labels: [String]) -> ChartSpec {
    let x = weeks(model.input)
    return ChartSpec(
      title: "Revenue contributed by each channel, week by week",
      subtitle: "Stacked media contributions β·Hill(adstock(spend)); the baseline (trend, season, market) comes on top of these",
      description: "Stacked area chart of the weekly revenue contribution of \(labels.count) channels.",
      x: ChartAxis(label: "Week", scale: .date), y: ChartAxis(label: "Revenue per week", scale: .numeric(compact), includeZero: true),
      layers: [.area(zip(labels, model.contributions).map { ChartSeries(name: $0, x: x, y: $1) }, stacked: true)])
  }

  /// Share of a unit of spend still acting k weeks later.
  static func adstockDecay(_ model: MMMModel, labels: [String], lags: Int = 13) -> ChartSpec {
    let x = (0..<lags).map(Double.init)
    return ChartSpec(
      title: "Carry-over: how long spend keeps working", subtitle: "Weight of one week's spend k weeks later (adstock decay)",
      description: "Line chart of adstock decay weights over \(lags) weeks for each channel.",
      x: ChartAxis(label: "Weeks after spend", scale: .numeric(NumberFormat(.thousands, digits: 0))),
      y: ChartAxis(label: "Weight", scale: .numeric(NumberFormat(.percent, digits: 0)), domain: 0...1),
      layers: [.line(labels.indices.map { ChartSeries(name: labels[$0], x: x, y: model.decayWeights(channel: $0, lags: lags)) })])
  }

  /// Actual and predicted revenue with the cross-validation test windows shaded.
  static func actualVsPredicted(_ model: MMMModel, testWindows: [(from: Int, to: Int)], foldPredictions: [Double]) -> ChartSpec {
    let input = model.input
    let x = weeks(input)
    let shades = testWindows.enumerated().map { i, w in
      ShadedRange(from: Double(input.weekStarts[w.from]), to: Double(input.weekStarts[w.to]) + 7, label: "Test \(i + 1)")
    }
    var lines = [ChartSeries(name: "Actual", x: x, y: input.revenue), ChartSeries(name: "In-sample fit", x: x, y: model.fitted)]
    if foldPredictions.contains(where: { !$0.isNaN }) {
      lines.append(ChartSeries(name: "Out-of-sample forecast", x: x, y: foldPredictions))
    }
    return ChartSpec(
      title: "Actual vs predicted weekly revenue", subtitle: "Shaded: the test windows of the rolling cross-validation",
      description: "Line chart of actual revenue, the in-sample fit and out-of-sample forecasts over \(input.weekCount) weeks, with \(testWindows.count) shaded test windows.",
      x: ChartAxis(label: "Week", scale: .date), y: ChartAxis(label: "Revenue per week", scale: .numeric(compact)),
      layers: [.shade(shades), .line(lines)])
  }

  /// ROI per channel with its bootstrap interval, highest first.
  static func roiForest(labels: [String], roi: [Double], low: [Double], high: [Double], level: Double, intervalName: String = "bootstrap") -> ChartSpec {
    let order = labels.indices.sorted { (roi[$0].isNaN ? -.infinity : roi[$0]) > (roi[$1].isNaN ? -.infinity : roi[$1]) }
    return ChartSpec(
      title: "Revenue per dollar by channel", subtitle: "ROI with its \(NumberFormat(.percent, digits: 0).format(level)) \(intervalName) interval; dashed line: break-even (1.0)",
      description: "Forest plot of the return on investment of \(labels.count) channels with \(intervalName) intervals.",
      x: ChartAxis(label: "Revenue per $1 of spend", scale: .numeric(NumberFormat(.fixed, digits: 1)), includeZero: true),
      y: ChartAxis(scale: .categorical(order.map { labels[$0] })),
      layers: [.interval(IntervalLayer(
        name: "ROI", categories: order.map { labels[$0] }, estimate: order.map { roi[$0] }, low: order.map { low[$0] },
        high: order.map { high[$0] }, reference: 1))])
  }

  /// One response curve with its band and the current-spend marker.
  static func responseCurve(label: String, spend: [Double], response: [Double], low: [Double]?, high: [Double]?,
                            currentSpend: Double, currentResponse: Double, zone: String) -> ChartSpec {
    var layers: [ChartLayer] = []
    if let low, let high { layers.append(.band(BandLayer(name: "90% band", x: spend, low: low, high: high))) }
    layers.append(.line([ChartSeries(name: label, x: spend, y: response)]))
    layers.append(.rule(RuleLayer(.vertical, at: currentSpend, label: "current")))
    layers.append(.scatter([ChartSeries(name: "Current spend", x: [currentSpend], y: [currentResponse])]))
    return ChartSpec(
      title: "\(label): response curve", subtitle: "Weekly revenue at a constant weekly spend (steady state) · now \(zone)",
      description: "Response curve of \(label): predicted weekly revenue against constant weekly spend, with an uncertainty band and the current spend marked.",
      x: ChartAxis(label: "Weekly spend", scale: .numeric(compact), includeZero: true),
      y: ChartAxis(label: "Weekly revenue", scale: .numeric(compact), includeZero: true),
      layers: layers)
  }

  /// Current against recommended weekly spend per channel.
  static func spendComparison(labels: [String], current: [Double], recommended: [Double]) -> ChartSpec {
    ChartSpec(
      title: "Current vs recommended weekly spend", subtitle: "Same total budget unless a total change was asked for",
      description: "Grouped bar chart of current and recommended weekly spend for \(labels.count) channels.",
      x: ChartAxis(scale: .categorical(labels)), y: ChartAxis(label: "Spend per week", scale: .numeric(compact), includeZero: true),
      layers: [.bar(BarLayer(categories: labels, series: [
        .init(name: "Current", values: current), .init(name: "Recommended", values: recommended),
      ]))])
  }
}
