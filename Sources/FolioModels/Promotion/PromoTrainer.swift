import FolioStats
import Foundation

/// Fits the hierarchical promotion model by full-batch Adam with early
/// stopping on the time holdout (the panel's last `holdoutWeeks` weeks).
///
/// Deterministic: the initial global parameters come from `SplitMix64(seed)`,
/// deviations start at 0, and every sum runs in a fixed order.
public enum PromoTrainer {
  /// Adam's moment decay rates and denominator guard (Kingma & Ba defaults).
  static let beta1 = 0.9, beta2 = 0.999, adamEpsilon = 1e-8

  /// Trains on `panel` and returns the fitted model with the parameters of the
  /// epoch with the lowest holdout loss (teacher-forced sales + volume error,
  /// no penalty).
  public static func fit(_ panel: PromoPanel, settings: PromoTrainingSettings) throws(PromoError) -> PromoModel {
    try settings.validate()
    let L = panel.layout
    var objective = PromoObjective(
      panel: panel, skuPenalty: settings.skuPenalty, globalPenalty: settings.globalPenalty,
      volumeWeight: settings.volumeWeight)
    var theta = initialParameters(layout: L, seed: settings.seed)
    let train = 0..<panel.trainingWeeks, hold = panel.trainingWeeks..<panel.weeks
    var m = [Double](repeating: 0, count: theta.count), v = m
    var best = theta, bestHoldout = Double.infinity, bestEpoch = 0, sinceBest = 0
    var trainLoss = Double.nan, epoch = 0
    var grad: [Double]? = []
    var b1t = 1.0, b2t = 1.0
    while epoch < settings.epochs {
      epoch += 1
      trainLoss = objective.evaluate(theta, weeks: train, gradient: &grad)
      guard trainLoss.isFinite, let g = grad else { throw .nonFiniteLoss(epoch: epoch) }
      b1t *= beta1
      b2t *= beta2
      let lr = settings.learningRate
      for i in 0..<theta.count {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        theta[i] -= lr * (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + adamEpsilon)
      }
      objective.skuPenalty = 0
      objective.globalPenalty = 0
      var none: [Double]? = nil
      let hl = objective.evaluate(theta, weeks: hold, gradient: &none)
      objective.skuPenalty = settings.skuPenalty
      objective.globalPenalty = settings.globalPenalty
      if hl < bestHoldout {
        bestHoldout = hl
        best = theta
        bestEpoch = epoch
        sinceBest = 0
      } else {
        sinceBest += 1
        if sinceBest >= settings.patience { break }
      }
    }
    var none: [Double]? = nil
    let finalTrain = objective.evaluate(best, weeks: train, gradient: &none)
    return PromoModel(
      panel: panel, parameters: best, settings: settings, epochsRun: epoch, bestEpoch: bestEpoch,
      trainingLoss: finalTrain, holdoutLoss: bestHoldout)
  }

  /// Initial parameters: global parts N(0, 0.1²) from the seed, then the level
  /// and lag nudged to a persistent baseline (σ(w0)≈0.5, tanh(w2)≈0.2);
  /// SKU deviations 0.
  public static func initialParameters(layout L: PromoParameterLayout, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    var theta = [Double](repeating: 0, count: L.count)
    for i in 0..<L.blockSize { theta[i] = 0.1 * rng.normal() }
    theta[L.lag] += 0.2
    return theta
  }
}
