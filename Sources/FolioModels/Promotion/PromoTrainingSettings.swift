/// How the promotion model is trained: penalties, Adam and early stopping.
public struct PromoTrainingSettings: Sendable, Equatable {
  /// λ_h, the ridge penalty on SKU deviations. Larger pulls SKUs toward the
  /// global parameters. 1e-2 is the reference fit's value on mean-scaled data
  /// (the loss is a mean over rows, so λ is per row).
  public var skuPenalty: Double = 1e-2
  /// λ_r, the ridge penalty on global parameters (keeps them finite).
  public var globalPenalty: Double = 1e-4
  /// Adam step size on the raw parameters.
  public var learningRate: Double = 0.02
  /// Maximum number of full-batch Adam steps.
  public var epochs: Int = 4000
  /// Stop when the holdout loss has not improved for this many epochs; the
  /// parameters with the best holdout loss are kept.
  public var patience: Int = 400
  /// Seed of the random initial global parameters (deviations start at 0).
  public var seed: UInt64 = 1
  /// Weight of the volume error in the loss relative to the sales error.
  public var volumeWeight: Double = 1

  public init() {}

  /// Throws when a setting is out of range.
  public func validate() throws(PromoError) {
    guard skuPenalty >= 0, skuPenalty.isFinite else {
      throw .invalidSetting("lambda_h must be a finite number ≥ 0, got \(skuPenalty)")
    }
    guard globalPenalty >= 0, globalPenalty.isFinite else {
      throw .invalidSetting("lambda_r must be a finite number ≥ 0, got \(globalPenalty)")
    }
    guard learningRate > 0, learningRate.isFinite else {
      throw .invalidSetting("learning_rate must be a finite number > 0, got \(learningRate)")
    }
    guard epochs >= 1 else { throw .invalidSetting("epochs must be ≥ 1, got \(epochs)") }
    guard patience >= 1 else { throw .invalidSetting("patience must be ≥ 1, got \(patience)") }
    guard volumeWeight >= 0, volumeWeight.isFinite else {
      throw .invalidSetting("volume_weight must be a finite number ≥ 0, got \(volumeWeight)")
    }
  }
}
