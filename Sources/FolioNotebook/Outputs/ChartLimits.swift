/// How much of a chart's data is drawn mark by mark, so that a chart of a
/// million rows still gives an SVG of a few hundred kilobytes that a browser
/// opens at once.
///
/// The renderer applies these limits (`FolioRender`'s `ChartReduction`); the
/// `chart` directive reads them to bound its `sample:` option. A chart under
/// every limit is drawn exactly as its spec says, so small charts are
/// unchanged byte for byte.
public enum ChartLimits {
  /// Points kept per line, area or band series: two per horizontal pixel of
  /// the 720 px canvas (1,440). Longer series are downsampled with
  /// largest-triangle-three-buckets, which keeps the first and last points
  /// and the visually important extremes; at two points per pixel the
  /// drawn line is indistinguishable from the full one.
  public static let pointsPerSeries = 1_440

  /// Scatter points drawn as circles, across all series of a scatter layer.
  /// A layer with more finite points is drawn as a density layer: counts on
  /// a grid of cells, shaded by count, with the exact point count in the
  /// subtitle. 5,000 circles of 4 px already overlap into a blot on a
  /// 720 × 400 canvas and cost about 0.4 MB of SVG.
  public static let scatterPoints = 5_000

  /// Categories a bar chart draws. Beyond this a bar is under 3 px wide on
  /// the canvas; the chart keeps the categories with the largest total
  /// absolute value across series, in axis order, and says so in the subtitle.
  public static let barCategories = 200
}
