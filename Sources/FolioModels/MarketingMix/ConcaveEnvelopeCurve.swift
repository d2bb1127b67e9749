/// A one-dimensional response curve f on a spend box [lower, upper] together
/// with its concave envelope f̂ (the smallest concave function ≥ f on the
/// box): what `SeparableAllocation` needs from each channel. Internal.
///
/// Conformers: `ChannelResponseEnvelope` (one Hill curve, envelope in closed
/// form up to one tangent point) and `MeanResponseEnvelope` (a mean of Hill
/// curves over posterior draws, envelope as the refined upper hull of a grid).
protocol ConcaveEnvelopeCurve {
  /// The box [lower, upper], currency per week.
  var lower: Double { get }
  var upper: Double { get }
  /// f(s), currency per week.
  func value(_ s: Double) -> Double
  /// f′(s).
  func derivative(_ s: Double) -> Double
  /// f̂(s) ≥ f(s).
  func envelopeValue(_ s: Double) -> Double
  /// f̂′(s), non-increasing in s.
  func envelopeDerivative(_ s: Double) -> Double
  /// The largest s ∈ [l, u] with f̂′(s) ≥ λ (l when none): argmax f̂(s) − λ·s.
  func spend(atMultiplier lambda: Double) -> Double
  /// f̂′ just above the lower bound, finite (for the multiplier's bracket).
  var finiteDerivativeNearLower: Double { get }
  /// The ends of f̂'s linear stretches (where f̂ > f inside), in order:
  /// candidates when a channel is resolved in one dimension.
  var stretchEnds: [Double] { get }
}

extension ChannelResponseEnvelope: ConcaveEnvelopeCurve {
  var stretchEnds: [Double] { hasSegment ? [segmentStart, segmentEnd] : [] }
}
