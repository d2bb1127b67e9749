import Foundation

/// Rolling-origin time-series cross-validation of a marketing-mix model with
/// fixed hyperparameters.
///
/// Fold k trains on weeks [k·step, k·step + train) and tests on the next
/// `test` weeks, so every test week comes strictly after every training week
/// (no training on the future). Folds are made while the test window fits.
/// Adstock runs over the whole series in time order — it only looks back, so
/// a test week's features use only its own and earlier spend — and the ridge
/// (standardization included) is refitted on the training weeks alone. The
/// hyperparameters are held fixed (typically the full-data search's).
public enum RollingCV {
  /// Window settings, in weeks.
  public struct Options: Sendable, Equatable {
    /// Training window length (default 52).
    public var train: Int
    /// Test window length (default 13).
    public var test: Int
    /// Shift between folds (default 13).
    public var step: Int
    /// Train on all weeks before the test window instead of the last `train`
    /// (an expanding window). Default false (rolling).
    public var expanding: Bool

    public init(train: Int = 52, test: Int = 13, step: Int = 13, expanding: Bool = false) {
      self.train = train
      self.test = test
      self.step = step
      self.expanding = expanding
    }
  }

  /// The folds' week ranges for `weeks` weeks (zero-based, half-open).
  public static func folds(weeks: Int, options: Options) -> [CVFold.Window] {
    var out: [CVFold.Window] = []
    var start = 0
    while start + options.train + options.test <= weeks {
      let trainStart = options.expanding ? 0 : start
      out.append(.init(train: trainStart..<(start + options.train),
                       test: (start + options.train)..<(start + options.train + options.test)))
      start += options.step
    }
    return out
  }

  /// Cross-validates the model with the given hyperparameters.
  ///
  /// - Throws: `MMMError.invalidOption` for non-positive windows;
  ///   `.tooFewWeeks` when not even one fold fits; fit errors.
  public static func evaluate(
    _ input: MMMInput, parameters: [ChannelParameters], adstock: AdstockKind = .geometric,
    ridgeAlpha: Double = 10, options: Options = Options()
  ) throws(MMMError) -> CVReport {
    guard options.train >= 2, options.test >= 1, options.step >= 1 else {
      throw .invalidOption("cv windows must be train ≥ 2, test ≥ 1, step ≥ 1 weeks")
    }
    let windows = folds(weeks: input.weekCount, options: options)
    guard !windows.isEmpty else {
      throw .tooFewWeeks(needed: options.train + options.test, got: input.weekCount, step: "cross-validation")
    }
    let full = try MMMModel.fit(input, parameters: parameters, adstock: adstock, ridgeAlpha: ridgeAlpha)
    var folds: [CVFold] = []
    for (k, window) in windows.enumerated() {
      var w = [Double](repeating: 0, count: input.weekCount)
      for t in window.train { w[t] = 1 }
      let model = try MMMModel.fit(input, parameters: parameters, adstock: adstock, ridgeAlpha: ridgeAlpha, weights: w)
      let testWeeks = Array(window.test)
      let predicted = testWeeks.map { model.fitted[$0] }
      let actual = testWeeks.map { input.revenue[$0] }
      folds.append(CVFold(index: k, window: window, predicted: predicted,
                          metrics: MMMMetrics(actual: actual, predicted: predicted),
                          trainMetrics: model.metrics))
    }
    return CVReport(inSample: full.metrics, folds: folds)
  }
}

/// One cross-validation fold.
public struct CVFold: Sendable, Equatable {
  /// Zero-based week ranges of a fold.
  public struct Window: Sendable, Equatable {
    public var train: Range<Int>
    public var test: Range<Int>
  }
  /// Fold number, from 0.
  public var index: Int
  /// Its training and test weeks.
  public var window: Window
  /// ŷ on the test weeks.
  public var predicted: [Double]
  /// Test-window metrics.
  public var metrics: MMMMetrics
  /// Training-window metrics.
  public var trainMetrics: MMMMetrics
}

/// Cross-validation summary: in-sample metrics, per-fold test metrics, and
/// their mean ± sample standard deviation (divisor k − 1; 0 for one fold).
public struct CVReport: Sendable, Equatable {
  public var inSample: MMMMetrics
  public var folds: [CVFold]

  public init(inSample: MMMMetrics, folds: [CVFold]) {
    self.inSample = inSample
    self.folds = folds
  }

  /// Mean over folds of a test metric (NaN folds skipped).
  public func mean(_ metric: KeyPath<MMMMetrics, Double>) -> Double {
    let v = folds.map { $0.metrics[keyPath: metric] }.filter { !$0.isNaN }
    return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
  }

  /// Sample standard deviation over folds of a test metric.
  public func standardDeviation(_ metric: KeyPath<MMMMetrics, Double>) -> Double {
    let v = folds.map { $0.metrics[keyPath: metric] }.filter { !$0.isNaN }
    guard v.count > 1 else { return v.isEmpty ? .nan : 0 }
    let mu = v.reduce(0, +) / Double(v.count)
    return (v.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(v.count - 1)).squareRoot()
  }

  /// Quality from the out-of-sample (mean CV) R², NRMSE and MAPE: the worst
  /// of the three grades (`ModelQuality(r2:nrmse:mape:)`), so a model that
  /// predicts held-out weeks worse than their mean is never called good.
  public var quality: ModelQuality { ModelQuality(r2: mean(\.r2), nrmse: mean(\.nrmse), mape: mean(\.mape)) }
}

/// A plain-language model-quality label for out-of-sample accuracy.
///
/// MAPE alone flatters a marketing-mix model: when the baseline is most of
/// revenue, predicting the baseline alone keeps MAPE small while the media
/// effects, the part the report is about, are not predicted at all. R² on
/// held-out weeks measures exactly that, so it caps the label.
public enum ModelQuality: String, Sendable, Equatable, Comparable {
  case needsWork = "needs work"
  case acceptable, good, excellent

  /// MAPE (percent) alone: < 10 excellent, [10, 20) good, [20, 30) acceptable, else (or NaN) needs work.
  public init(mape: Double) {
    if mape < 10 { self = .excellent } else if mape < 20 { self = .good } else if mape < 30 {
      self = .acceptable
    } else { self = .needsWork }
  }

  /// Out-of-sample R² alone: ≥ 0.8 excellent, [0.6, 0.8) good, [0.3, 0.6)
  /// acceptable, below 0.3 (worse than the held-out mean when < 0) or NaN needs work.
  public init(r2: Double) {
    if r2 >= 0.8 { self = .excellent } else if r2 >= 0.6 { self = .good } else if r2 >= 0.3 {
      self = .acceptable
    } else { self = .needsWork }
  }

  /// NRMSE (percent of mean revenue) alone: < 10 excellent, [10, 15) good, [15, 25) acceptable, else needs work.
  public init(nrmse: Double) {
    if nrmse < 10 { self = .excellent } else if nrmse < 15 { self = .good } else if nrmse < 25 {
      self = .acceptable
    } else { self = .needsWork }
  }

  /// The worst of the R², NRMSE and MAPE grades; never better than needs work when R² < 0.
  public init(r2: Double, nrmse: Double, mape: Double) {
    self = min(ModelQuality(r2: r2), ModelQuality(nrmse: nrmse), ModelQuality(mape: mape))
  }

  private var rank: Int {
    switch self {
    case .needsWork: return 0
    case .acceptable: return 1
    case .good: return 2
    case .excellent: return 3
    }
  }

  public static func < (a: ModelQuality, b: ModelQuality) -> Bool { a.rank < b.rank }
}
