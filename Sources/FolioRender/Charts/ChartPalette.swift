/// Series colours: the Okabe–Ito palette, distinguishable under the common
/// colour-vision deficiencies and in greyscale print by lightness order.
public enum ChartPalette {
  /// Blue, orange, bluish green, vermillion, sky blue, reddish purple, a
  /// darkened yellow (Okabe–Ito's #F0E442 is invisible on white), grey.
  public static let colors = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#B8A000", "#666666",
  ]
  /// Text, axis and gridline greys.
  static let text = "#1F2328"
  static let mutedText = "#57606A"
  static let axis = "#8C959F"
  static let grid = "#E6E8EB"
  static let reference = "#444C56"
}

/// Remembers which colour each series name got, so that a series keeps its
/// colour across all charts of a report: pass the same value to every
/// `SVGChartRenderer.render(_:id:colors:)` call.
///
/// Names get palette colours in order of first appearance; after the palette
/// is used up colours repeat.
public struct ChartColorAssignment: Sendable, Equatable {
  private var names: [String] = []

  public init() {}

  /// The colour for `name`, assigning the next free one if it is new.
  public mutating func color(for name: String) -> String {
    if let i = names.firstIndex(of: name) { return ChartPalette.colors[i % ChartPalette.colors.count] }
    names.append(name)
    return ChartPalette.colors[(names.count - 1) % ChartPalette.colors.count]
  }
}
