import Foundation

/// Goodness of fit of predicted against actual weekly revenue.
///
/// - r2: 1 − SSE/SST (SST around the actual mean of these weeks; can be
///   negative out of sample; NaN when SST = 0).
/// - rmse: √(SSE/n); mae: mean |y − ŷ|.
/// - mape: mean |y − ŷ|/|y| × 100 over weeks with y ≠ 0 (NaN if none).
/// - nrmse: rmse / mean(y) × 100, in percent of mean revenue.
public struct MMMMetrics: Sendable, Equatable {
  public var r2: Double
  public var rmse: Double
  public var mae: Double
  public var mape: Double
  public var nrmse: Double
  /// Number of weeks compared.
  public var weeks: Int

  public init(r2: Double, rmse: Double, mae: Double, mape: Double, nrmse: Double, weeks: Int) {
    self.r2 = r2
    self.rmse = rmse
    self.mae = mae
    self.mape = mape
    self.nrmse = nrmse
    self.weeks = weeks
  }

  /// Metrics of `predicted` against `actual` (equal lengths; all NaN when empty).
  public init(actual: [Double], predicted: [Double]) {
    let n = min(actual.count, predicted.count)
    guard n > 0 else {
      self.init(r2: .nan, rmse: .nan, mae: .nan, mape: .nan, nrmse: .nan, weeks: 0)
      return
    }
    var mean = 0.0
    for i in 0..<n { mean += actual[i] }
    mean /= Double(n)
    var sse = 0.0, sst = 0.0, abs = 0.0, ape = 0.0, apeCount = 0
    for i in 0..<n {
      let e = actual[i] - predicted[i]
      sse += e * e
      sst += (actual[i] - mean) * (actual[i] - mean)
      abs += Swift.abs(e)
      if actual[i] != 0 {
        ape += Swift.abs(e) / Swift.abs(actual[i])
        apeCount += 1
      }
    }
    let rmse = (sse / Double(n)).squareRoot()
    self.init(
      r2: sst > 0 ? 1 - sse / sst : .nan, rmse: rmse, mae: abs / Double(n),
      mape: apeCount > 0 ? 100 * ape / Double(apeCount) : .nan,
      nrmse: mean != 0 ? 100 * rmse / mean : .nan, weeks: n)
  }
}
