import FolioData
import FolioModels

/// What a `{bayes}` block adds to its `MMMFit`: the posterior in currency
/// units (thinned draws for curves, plans and forecasts; every draw's ROI
/// and coefficient for intervals), the sampler settings and the convergence
/// diagnostics. `{roi}` summarizes it instead of resampling.
struct MMMPosteriorRecord: Sendable {
  var posterior: BayesianMMMPosterior
  var diagnostics: BayesianMMMDiagnostics
  var chains: Int, warmup: Int, draws: Int
  var seed: UInt64
  var targetAcceptance: Double

  /// The posterior's per-channel summaries at `level` (see
  /// `BayesianMMMPosterior.channelBootstraps`).
  func channelBootstraps(level: Double) -> [ChannelBootstrap] { posterior.channelBootstraps(level: level) }

  func encode(_ w: inout BinaryWriter) {
    for v in [chains, warmup, draws] { w.int(v) }
    w.string(String(seed))
    w.double(targetAcceptance)
    let d = diagnostics
    w.int(d.divergences)
    for v in [d.maxRHat, d.minBulkESS, d.minTailESS, d.minEBFMI, d.treeDepthShare] { w.double(v) }
    w.int(d.chains)
    w.int(d.drawsPerChain)
    let p = posterior
    w.int(p.draws.count)
    for draw in p.draws {
      w.double(draw.intercept)
      w.raw(draw.controlCoefficients)
      w.raw(Self.flatten(draw.parameters))
      w.raw(draw.coefficients)
      w.raw(draw.roi)
    }
    w.int(p.roiDraws.count)
    for (roi, coef) in zip(p.roiDraws, p.coefficientDraws) {
      w.raw(roi)
      w.raw(coef)
    }
    let m = p.pointModel
    w.raw(Self.flatten(m.parameters))
    w.double(m.ridge.intercept)
    w.raw(m.ridge.coefficients)
    w.double(m.ridgeAlpha)
  }

  /// Reads what `encode` wrote; the point model is rebuilt on `input` by
  /// `BayesianMMMPosterior.pointModel` from the stored doubles and the
  /// `MMMFit`'s adstock form, so it is bit-identical to the one the block
  /// made.
  static func decode(_ r: inout BinaryReader, input: MMMInput, adstock: AdstockKind) throws -> MMMPosteriorRecord {
    let chains = try r.int(), warmup = try r.int(), draws = try r.int()
    guard let seed = UInt64(try r.string()) else { throw BinaryReader.Corrupt() }
    let target = try r.double()
    let divergences = try r.int()
    var v: [Double] = []
    for _ in 0..<5 { v.append(try r.double()) }
    let diagnostics = BayesianMMMDiagnostics(
      divergences: divergences, maxRHat: v[0], minBulkESS: v[1], minTailESS: v[2], minEBFMI: v[3], treeDepthShare: v[4],
      chains: try r.int(), drawsPerChain: try r.int())
    var kept: [BayesianMMMDraw] = []
    for _ in 0..<(try r.count()) {
      let intercept = try r.double(), controls = try r.raw(Double.self)
      let parameters = try unflatten(try r.raw(Double.self))
      kept.append(BayesianMMMDraw(
        intercept: intercept, controlCoefficients: controls, parameters: parameters, coefficients: try r.raw(Double.self),
        roi: try r.raw(Double.self)))
    }
    var roiDraws: [[Double]] = [], coefDraws: [[Double]] = []
    for _ in 0..<(try r.count()) {
      roiDraws.append(try r.raw(Double.self))
      coefDraws.append(try r.raw(Double.self))
    }
    let parameters = try unflatten(try r.raw(Double.self))
    let intercept = try r.double(), coefficients = try r.raw(Double.self), ridgeAlpha = try r.double()
    let media = input.channelCount
    guard parameters.count == media, coefficients.count == media + input.controls.count else { throw BinaryReader.Corrupt() }
    let model = BayesianMMMPosterior.pointModel(
      input, adstock: adstock, parameters: parameters, intercept: intercept, controlCoefficients: Array(coefficients[media...]),
      coefficients: Array(coefficients[..<media]), ridgeAlpha: ridgeAlpha)
    return MMMPosteriorRecord(
      posterior: BayesianMMMPosterior(draws: kept, roiDraws: roiDraws, coefficientDraws: coefDraws, pointModel: model),
      diagnostics: diagnostics, chains: chains, warmup: warmup, draws: draws, seed: seed, targetAcceptance: target)
  }

  static func flatten(_ p: [ChannelParameters]) -> [Double] { p.flatMap { [$0.theta, $0.alpha, $0.gamma, $0.shape, $0.scale] } }

  static func unflatten(_ flat: [Double]) throws -> [ChannelParameters] {
    guard flat.count % 5 == 0 else { throw BinaryReader.Corrupt() }
    return stride(from: 0, to: flat.count, by: 5).map {
      ChannelParameters(theta: flat[$0], alpha: flat[$0 + 1], gamma: flat[$0 + 2], shape: flat[$0 + 3], scale: flat[$0 + 4])
    }
  }
}
