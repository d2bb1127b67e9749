import FolioData
import FolioModels

/// The typed result of `{roi}`: per-channel bootstrap intervals, in the
/// channel order of the `{search}` model they came from. `{curves}` and
/// `{plan}` read it as itself.
struct MMMBootstrap: BlockModel {
  static let kind = "mmm_bootstrap"
  static let description = "a {roi} block's bootstrap intervals"

  /// Channel keys, parallel to every array below.
  var channels: [String]
  var roiLow: [Double]
  var roiHigh: [Double]
  var coefSD: [Double]
  var isSignificant: [Bool]
  var resamples: Int
  var level: Double
  /// `iid` or `block(L)`.
  var method: String
  var refit: Bool
  var seed: UInt64
  var view: Value

  func encode(_ w: inout BinaryWriter) {
    w.strings(channels)
    w.raw(roiLow)
    w.raw(roiHigh)
    w.raw(coefSD)
    w.raw(isSignificant.map { $0 ? UInt8(1) : 0 })
    w.int(resamples)
    w.double(level)
    w.string(method)
    w.bool(refit)
    w.string(String(seed))
    w.value(view)
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMBootstrap {
    let channels = try r.strings()
    let low = try r.raw(Double.self), high = try r.raw(Double.self), sd = try r.raw(Double.self)
    let significant = try r.raw(UInt8.self).map { $0 != 0 }
    let resamples = try r.int(), level = try r.double(), method = try r.string(), refit = try r.bool()
    guard let seed = UInt64(try r.string()) else { throw BinaryReader.Corrupt() }
    let view = try r.value()
    guard [low.count, high.count, sd.count, significant.count].allSatisfy({ $0 == channels.count }) else { throw BinaryReader.Corrupt() }
    return MMMBootstrap(
      channels: channels, roiLow: low, roiHigh: high, coefSD: sd, isSignificant: significant, resamples: resamples,
      level: level, method: method, refit: refit, seed: seed, view: view)
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
