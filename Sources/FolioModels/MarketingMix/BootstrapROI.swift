import Foundation
import FolioStats

/// Bootstrap intervals for each channel's ROI and media coefficient.
///
/// Each resample draws n weeks with replacement — independently (`.iid`) or
/// as moving blocks of consecutive weeks (`.block(length)`, for
/// autocorrelated weeks: ⌈n/L⌉ block starts uniform in 0…n−L, concatenated,
/// cut to n) — and refits as week weights (a week drawn k times has weight k).
/// Transforms always run over the full series in time order. Without `refit`
/// the hyperparameters stay at the model's and only the ridge is refitted;
/// with `refit` the whole DE search runs again inside every resample, so the
/// interval carries hyperparameter uncertainty too.
///
/// A resample's ROI is β_c^b·Σ_t feature_c^b[t] / Σ_t spend_c[t] over all
/// weeks: the return on the observed history under the resample's estimate.
/// Intervals are percentile intervals with linear interpolation (numpy's
/// default); `coefSD` is the sample standard deviation (divisor B − 1).
/// Resamples run in parallel (`DispatchQueue.concurrentPerform`) but each has
/// its own seed drawn up front and writes its own slot, so results do not
/// depend on thread count or scheduling.
public enum BootstrapROI {
  /// How weeks are resampled.
  public enum Method: Sendable, Equatable {
    /// Independent weeks.
    case iid
    /// Moving blocks of `length` consecutive weeks.
    case block(length: Int)
  }

  /// Bootstrap settings.
  public struct Options: Sendable, Equatable {
    /// Number of resamples B (default 100).
    public var resamples: Int
    /// Central interval level (default 0.9 → 5th and 95th percentiles).
    public var level: Double
    /// Resampling scheme (default iid).
    public var method: Method
    /// Re-run the hyperparameter search in each resample (default false).
    public var refit: Bool
    /// Search settings for `refit` (budget, penalty); its seed is replaced
    /// per resample.
    public var search: MMMSearch.Options
    /// Seed of the resampling.
    public var seed: UInt64

    public init(
      resamples: Int = 100, level: Double = 0.9, method: Method = .iid, refit: Bool = false,
      search: MMMSearch.Options = MMMSearch.Options(), seed: UInt64 = 0
    ) {
      self.resamples = resamples
      self.level = level
      self.method = method
      self.refit = refit
      self.search = search
      self.seed = seed
    }
  }

  /// Runs the bootstrap for every channel of `model`.
  ///
  /// - Parameter progress: (done, total) resamples; may be called from
  ///   worker threads, serialized by a lock.
  /// - Throws: `MMMError.invalidOption` (B < 2, level ∉ (0, 1), block length
  ///   < 1 or > n); fit errors from any resample (the first by index).
  public static func run(
    _ model: MMMModel, options: Options = Options(), progress: ((_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(MMMError) -> [ChannelBootstrap] {
    let n = model.input.weekCount, m = model.input.channelCount, B = options.resamples
    guard B >= 2 else { throw .invalidOption("bootstrap needs at least 2 resamples, got \(B)") }
    guard options.level > 0, options.level < 1 else {
      throw .invalidOption("bootstrap level must be between 0 and 1, got \(options.level)")
    }
    if case .block(let L) = options.method, L < 1 || L > n {
      throw .invalidOption("block length must be between 1 and \(n) weeks, got \(L)")
    }
    var master = SplitMix64(seed: options.seed)
    let seeds = (0..<B).map { _ in master.next() }
    let features = Matrix(columns: model.transformedSpend + model.input.controls)
    let spendTotals = model.input.spend.map { $0.reduce(0, +) }
    var coefs = [[Double]](repeating: [], count: B), rois = [[Double]](repeating: [], count: B)
    var params = [[ChannelParameters]](repeating: [], count: B)
    var errors = [MMMError?](repeating: nil, count: B)
    let lock = NSLock()
    var done = 0
    coefs.withUnsafeMutableBufferPointer { coefSlots in
      params.withUnsafeMutableBufferPointer { paramSlots in
      rois.withUnsafeMutableBufferPointer { roiSlots in
        errors.withUnsafeMutableBufferPointer { errorSlots in
          DispatchQueue.concurrentPerform(iterations: B) { b in
            var rng = SplitMix64(seed: seeds[b])
            let w = weights(n: n, method: options.method, rng: &rng)
            do {
              if options.refit {
                var search = options.search
                search.seed = rng.next()
                let r = try MMMSearch.run(model.input, options: search, weights: w)
                coefSlots[b] = r.model.mediaCoefficients
                paramSlots[b] = r.model.parameters
                roiSlots[b] = r.model.roi
              } else {
                let fit = try RidgeRegression.fit(features: features, target: model.input.revenue,
                                                  alpha: model.ridgeAlpha, weights: w)
                let beta = Array(fit.coefficients.prefix(m))
                coefSlots[b] = beta
                roiSlots[b] = (0..<m).map { c in
                  spendTotals[c] > 0 ? beta[c] * model.transformedSpend[c].reduce(0, +) / spendTotals[c] : .nan
                }
              }
            } catch let e as MMMError {
              errorSlots[b] = e
            } catch {
              errorSlots[b] = .numerical("\(error)")
            }
            if let progress {
              lock.lock()
              done += 1
              progress(done, B)
              lock.unlock()
            }
          }
        }
      }
      }
    }
    if let first = errors.compactMap({ $0 }).first { throw first }
    let pointROI = model.roi, pointCoef = model.mediaCoefficients
    let lowQ = (1 - options.level) / 2, highQ = 1 - lowQ
    return (0..<m).map { c in
      let cs = coefs.map { $0[c] }, rs = rois.map { $0[c] }
      let roiLow = quantile(rs, lowQ)
      return ChannelBootstrap(
        channel: model.input.channels[c], roi: pointROI[c], roiLow: roiLow, roiHigh: quantile(rs, highQ),
        roiSD: sampleSD(rs), coef: pointCoef[c], coefLow: quantile(cs, lowQ), coefHigh: quantile(cs, highQ),
        coefSD: sampleSD(cs), isSignificant: roiLow > 0, roiDraws: rs, coefDraws: cs,
        parameterDraws: options.refit ? params.map { $0[c] } : [])
    }
  }

  /// Week weights (draw counts) of one resample.
  static func weights(n: Int, method: Method, rng: inout SplitMix64) -> [Double] {
    var w = [Double](repeating: 0, count: n)
    switch method {
    case .iid:
      for _ in 0..<n { w[rng.index(below: n)] += 1 }
    case .block(let L):
      var drawn = 0
      while drawn < n {
        let start = rng.index(below: n - L + 1)
        for k in 0..<L where drawn < n {
          w[start + k] += 1
          drawn += 1
        }
      }
    }
    return w
  }

  /// The q-quantile with linear interpolation between order statistics
  /// (numpy `method="linear"`); NaN values are dropped; NaN if none remain.
  public static func quantile(_ values: [Double], _ q: Double) -> Double {
    let v = values.filter { !$0.isNaN }.sorted()
    guard !v.isEmpty else { return .nan }
    let h = q * Double(v.count - 1)
    let i = Int(h.rounded(.down))
    let frac = h - Double(i)
    return i + 1 < v.count ? v[i] + frac * (v[i + 1] - v[i]) : v[i]
  }

  static func sampleSD(_ values: [Double]) -> Double {
    let v = values.filter { !$0.isNaN }
    guard v.count > 1 else { return .nan }
    let mu = v.reduce(0, +) / Double(v.count)
    return (v.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(v.count - 1)).squareRoot()
  }
}

/// Bootstrap summary of one channel.
public struct ChannelBootstrap: Sendable, Equatable {
  public var channel: String
  /// Point ROI of the fitted model (not the bootstrap mean).
  public var roi: Double
  /// Percentile interval of the ROI.
  public var roiLow: Double
  public var roiHigh: Double
  /// Sample sd of the resampled ROIs.
  public var roiSD: Double
  /// Point media coefficient β_c.
  public var coef: Double
  public var coefLow: Double
  public var coefHigh: Double
  /// Sample sd of the resampled coefficients (used for curve bands).
  public var coefSD: Double
  /// roiLow > 0: the channel's return is credibly positive.
  public var isSignificant: Bool
  /// The B resampled ROIs, in resample order.
  public var roiDraws: [Double]
  /// The B resampled coefficients, in resample order.
  public var coefDraws: [Double]
  /// The B resampled transform parameters with `refit` (each resample
  /// searched anew); empty without, when every resample keeps the model's.
  public var parameterDraws: [ChannelParameters]

  public init(
    channel: String, roi: Double, roiLow: Double, roiHigh: Double, roiSD: Double, coef: Double, coefLow: Double,
    coefHigh: Double, coefSD: Double, isSignificant: Bool, roiDraws: [Double], coefDraws: [Double],
    parameterDraws: [ChannelParameters] = []
  ) {
    self.parameterDraws = parameterDraws
    self.channel = channel
    self.roi = roi
    self.roiLow = roiLow
    self.roiHigh = roiHigh
    self.roiSD = roiSD
    self.coef = coef
    self.coefLow = coefLow
    self.coefHigh = coefHigh
    self.coefSD = coefSD
    self.isSignificant = isSignificant
    self.roiDraws = roiDraws
    self.coefDraws = coefDraws
  }
}
