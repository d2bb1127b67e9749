import FolioData
import FolioModels

/// The typed result of `{roi}`: per-channel bootstrap intervals, in the
/// channel order of the `{search}` model they came from. `{curves}` and
/// `{plan}` read it as itself.
struct MMMBootstrap: BlockModel {
  static let kind = "mmm_bootstrap"
  static let description = "a {roi} block's bootstrap intervals"

  /// One entry per channel of the model, with every resample's draws.
  var boot: [ChannelBootstrap]
  var resamples: Int
  var level: Double
  /// `iid` or `block(L)`.
  var method: String
  var refit: Bool
  var seed: UInt64
  var view: Value

  var channels: [String] { boot.map(\.channel) }
  var roiLow: [Double] { boot.map(\.roiLow) }
  var roiHigh: [Double] { boot.map(\.roiHigh) }
  var coefSD: [Double] { boot.map(\.coefSD) }
  var isSignificant: [Bool] { boot.map(\.isSignificant) }

  func encode(_ w: inout BinaryWriter) {
    w.int(boot.count)
    for b in boot {
      w.string(b.channel)
      for d in [b.roi, b.roiLow, b.roiHigh, b.roiSD, b.coef, b.coefLow, b.coefHigh, b.coefSD] { w.double(d) }
      w.bool(b.isSignificant)
      w.raw(b.roiDraws)
      w.raw(b.coefDraws)
      w.raw(b.parameterDraws.flatMap { [$0.theta, $0.alpha, $0.gamma, $0.shape, $0.scale] })
    }
    w.int(resamples)
    w.double(level)
    w.string(method)
    w.bool(refit)
    w.string(String(seed))
    w.value(view)
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMBootstrap {
    var boot: [ChannelBootstrap] = []
    for _ in 0..<(try r.count()) {
      let channel = try r.string()
      var d: [Double] = []
      for _ in 0..<8 { d.append(try r.double()) }
      let significant = try r.bool()
      let roiDraws = try r.raw(Double.self), coefDraws = try r.raw(Double.self), flat = try r.raw(Double.self)
      guard flat.count % 5 == 0 else { throw BinaryReader.Corrupt() }
      let params = stride(from: 0, to: flat.count, by: 5).map {
        ChannelParameters(theta: flat[$0], alpha: flat[$0 + 1], gamma: flat[$0 + 2], shape: flat[$0 + 3], scale: flat[$0 + 4])
      }
      boot.append(ChannelBootstrap(
        channel: channel, roi: d[0], roiLow: d[1], roiHigh: d[2], roiSD: d[3], coef: d[4], coefLow: d[5], coefHigh: d[6],
        coefSD: d[7], isSignificant: significant, roiDraws: roiDraws, coefDraws: coefDraws, parameterDraws: params))
    }
    let resamples = try r.int(), level = try r.double(), method = try r.string(), refit = try r.bool()
    guard let seed = UInt64(try r.string()) else { throw BinaryReader.Corrupt() }
    return MMMBootstrap(boot: boot, resamples: resamples, level: level, method: method, refit: refit, seed: seed, view: try r.value())
  }

  /// This bootstrap's arrays are of `fit`'s channels, or an error at `reference`.
  func check(against fit: MMMFit, _ reference: BlockReference) throws(NotebookError) {
    guard channels == fit.model.input.channels else {
      throw NotebookError(reference.location, "'\(reference.path)' bootstraps other channels than the model; expected a {roi} block of the same model")
    }
  }
}

/// The typed result of `{cv}`: the fold settings and the mean and sd of each
/// metric over folds, for `{plan}`'s MODEL_METADATA.
struct MMMValidation: BlockModel {
  static let kind = "mmm_validation"
  static let description = "a {cv} block's cross-validation"

  var train: Int
  var test: Int
  var step: Int
  var foldCount: Int
  /// (metric name, mean over folds, sd over folds), in `MMMCVDirective.metricNames` order.
  var metrics: [(name: String, mean: Double, sd: Double)]
  var quality: String
  var view: Value

  func encode(_ w: inout BinaryWriter) {
    for v in [train, test, step, foldCount] { w.int(v) }
    w.strings(metrics.map(\.name))
    w.raw(metrics.map(\.mean))
    w.raw(metrics.map(\.sd))
    w.string(quality)
    w.value(view)
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMValidation {
    let train = try r.int(), test = try r.int(), step = try r.int(), folds = try r.int()
    let names = try r.strings(), means = try r.raw(Double.self), sds = try r.raw(Double.self)
    guard means.count == names.count, sds.count == names.count else { throw BinaryReader.Corrupt() }
    return MMMValidation(
      train: train, test: test, step: step, foldCount: folds,
      metrics: names.indices.map { (names[$0], means[$0], sds[$0]) }, quality: try r.string(), view: try r.value())
  }
}
