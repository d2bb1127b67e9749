import FolioData
import FolioNotebook

/// Sample specs covering every layer kind, shared by the renderer tests and
/// by `SVGChartSampleFilesTests` (which writes them out for a visual check).
enum SVGChartSamples {
  static func weekly() -> ChartSpec {
    let start = Double(CivilDate.days(year: 2024, month: 1, day: 1))
    let x = (0..<40).map { start + 7 * Double($0) }
    let actual = (0..<40).map { i -> Double in
      i == 17 ? .nan : 120_000 + 2_500 * Double(i) + 15_000 * sin(Double(i) / 3)
    }
    let fitted = (0..<40).map { 118_000 + 2_600 * Double($0) }
    return ChartSpec(
      title: "Weekly revenue, actual and model fit", subtitle: "All stores, 2024",
      description: "Weekly revenue in 2024 with the model fit and its 95% interval.",
      x: ChartAxis(label: "Week", scale: .date),
      y: ChartAxis(label: "Revenue ($)", scale: .numeric(NumberFormat(.compact, digits: 0))),
      layers: [
        .shade([ShadedRange(from: x[30], to: x[35], label: "test window")]),
        .band(BandLayer(name: "95% interval", x: x, low: fitted.map { $0 - 20_000 }, high: fitted.map { $0 + 20_000 })),
        .line([ChartSeries(name: "actual", x: x, y: actual), ChartSeries(name: "fitted", x: x, y: fitted)]),
        .rule(RuleLayer(.horizontal, at: 150_000, label: "target")),
      ])
  }

  static func groupedBars() -> ChartSpec {
    let regions = ["North", "South", "East", "West", "Central"]
    return ChartSpec(
      title: "Incremental sales by region and promotion type",
      x: ChartAxis(label: "Region", scale: .categorical([])),
      y: ChartAxis(label: "Incremental units", scale: .numeric(NumberFormat(.thousands, digits: 0))),
      layers: [
        .bar(
          BarLayer(
            categories: regions,
            series: [
              .init(name: "Discount", values: [1200, 950, -150, 1800, 600]),
              .init(name: "Display", values: [400, 620, 380, 510, .nan]),
              .init(name: "Feature", values: [800, 300, 450, 900, 700]),
            ]))
      ])
  }

  static func horizontalStacked() -> ChartSpec {
    ChartSpec(
      title: "Media spend by channel",
      x: ChartAxis(label: "Spend", scale: .numeric(NumberFormat(.currency, digits: 0))),
      y: ChartAxis(label: "", scale: .categorical([])),
      layers: [
        .bar(
          BarLayer(
            categories: ["Television", "Paid search", "Social media", "Print and outdoor"],
            series: [
              .init(name: "Q1", values: [420_000, 180_000, 95_000, 60_000]),
              .init(name: "Q2", values: [380_000, 210_000, 120_000, -20_000]),
            ], arrangement: .stacked, horizontal: true)),
        .rule(RuleLayer(.vertical, at: 500_000, label: "budget")),
      ])
  }

  static func forest() -> ChartSpec {
    ChartSpec(
      title: "Promotion effect on weekly units (95% CI)",
      x: ChartAxis(label: "Effect (%)", scale: .numeric(NumberFormat(.percent, digits: 0))),
      y: ChartAxis(scale: .categorical([])),
      layers: [
        .interval(
          IntervalLayer(
            name: "effect", categories: ["Discount 10%", "Discount 20%", "Display", "Feature", "Bundle"],
            estimate: [0.05, 0.12, 0.03, 0.08, -0.02], low: [0.01, 0.07, -0.02, 0.02, -0.09],
            high: [0.09, 0.17, 0.08, 0.14, 0.05]))
      ])
  }

  static func histogram() -> ChartSpec {
    let values = (0..<500).map { i -> Double in
      let u = (Double(i) + 0.5) / 500
      return 50 + 12 * log(u / (1 - u))
    }
    return ChartSpec(
      title: "Basket size distribution", x: ChartAxis(label: "Basket value ($)"),
      y: ChartAxis(label: "Baskets"),
      layers: [.histogram(Histogram.bins(values), name: "baskets"),
               .rule(RuleLayer(.vertical, at: 50, label: "median"))])
  }

  static func scatter() -> ChartSpec {
    let x = (0..<30).map { Double($0) * 3.3 + 5 }
    let y = x.map { 0.8 * $0 + 10 * sin($0) }
    return ChartSpec(
      title: "Response to spend by store", x: ChartAxis(label: "Spend ($k)"), y: ChartAxis(label: "Lift (units)"),
      layers: [.scatter([ChartSeries(name: "stores", x: x, y: y, size: x.map { $0 * $0 })])])
  }

  static func stackedArea() -> ChartSpec {
    let x = (0..<24).map { Double(CivilDate.days(year: 2023, month: 1 + $0 % 12, day: 1) + ($0 / 12) * 365) }
    return ChartSpec(
      title: "Monthly orders by channel", x: ChartAxis(scale: .date),
      y: ChartAxis(label: "Orders", scale: .numeric(nil)),
      layers: [
        .area(
          [ChartSeries(name: "Online", x: x, y: x.indices.map { 3000 + 150 * Double($0) }),
           ChartSeries(name: "Store", x: x, y: x.indices.map { 5000 - 50 * Double($0) }),
           ChartSeries(name: "Phone", x: x, y: x.indices.map { 800 + 20 * Double($0 % 5) })],
          stacked: true)
      ])
  }

  static func empty() -> ChartSpec {
    ChartSpec(title: "Returns by week", x: ChartAxis(label: "Week", scale: .date), y: ChartAxis(label: "Returns"),
              layers: [.line([ChartSeries(name: "returns", x: [], y: [])])])
  }

  static func longCategories() -> ChartSpec {
    let names = (1...12).map { "Store \($0) \(["downtown", "mall", "airport"][$0 % 3])" }
    return ChartSpec(
      title: "Average basket by store", subtitle: "Last 13 weeks",
      x: ChartAxis(label: "Store", scale: .categorical([])),
      y: ChartAxis(label: "Average basket", scale: .numeric(NumberFormat(.currency, digits: 2))),
      layers: [.bar(BarLayer(categories: names, series: [.init(name: "basket", values: names.indices.map { 20 + Double($0 * 7 % 11) })]))])
  }

  static let all: [(String, ChartSpec)] = [
    ("stores", longCategories()),
    ("weekly", weekly()), ("grouped", groupedBars()), ("horizontal", horizontalStacked()),
    ("forest", forest()), ("histogram", histogram()), ("scatter", scatter()), ("area", stackedArea()),
    ("empty", empty()),
  ]
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
