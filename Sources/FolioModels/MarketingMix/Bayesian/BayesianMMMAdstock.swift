import Foundation

/// The carry-over (adstock) form of the Bayesian marketing-mix model, chosen
/// per model.
public enum BayesianMMMAdstock: Sendable, Equatable {
  /// Geometric decay Aₜ = xₜ + θ Aₜ₋₁, normalized Ãₜ = (1 − θ) Aₜ; one
  /// parameter per channel (θ ∈ (0, 1), coordinate logit θ).
  case geometric
  /// A finite Weibull-density lag kernel over `maxLag` = L weeks (the
  /// spend of week t acts in weeks t … t + L − 1, nothing later); two
  /// parameters per channel, shape k > 0 and scale λ > 0 (coordinates
  /// log k, log λ). See `WeibullLagKernel`.
  case weibull(maxLag: Int)

  /// Weibull with a 13-week (one quarter) window.
  public static let weibullQuarter = BayesianMMMAdstock.weibull(maxLag: 13)

  /// Number of unconstrained adstock coordinates per channel.
  public var parameterCount: Int {
    switch self {
    case .geometric: 1
    case .weibull: 2
    }
  }

  /// The adstock form of `MMMModel` that runs this kernel: geometric, or
  /// `weibullPDF` for a Weibull window of `MMMTransform.weibullWindow`
  /// (13) weeks.
  /// - Throws: `MMMError.invalidOption` for any other window (the model's
  ///   transforms use that one window), whose draws cannot be converted.
  public func modelAdstock() throws(MMMError) -> AdstockKind {
    switch self {
    case .geometric: return .geometric
    case .weibull(let maxLag):
      let window = MMMTransform.weibullWindow
      guard maxLag == window else {
        throw .invalidOption(
          "a Weibull window of \(maxLag) weeks has no form in the MMM model's adstock (its window is \(window) weeks); use \(window) for downstream blocks")
      }
      return .weibullPDF
    }
  }
}

/// Normalized lag weights of the Weibull adstock and their derivatives.
///
/// This is the Weibull-PDF kernel of Robyn (`adstock = "weibull_pdf"`) and
/// of PyMC-Marketing's `WeibullPDFAdstock`, in Folio's own exact form: lags
/// are placed on the unit interval, tₗ = (l + 1)/L for l = 0 … L − 1 (L the
/// window in weeks, so λ is in units of the window: λ = 0.5 puts the
/// Weibull scale at half the window), the Weibull density is taken there,
///   w̃ₗ = (k/λ)(tₗ/λ)^(k−1) exp(−(tₗ/λ)^k),
/// and normalized to sum to one, wₗ = w̃ₗ / Σₘ w̃ₘ, so the adstocked series
/// Aₜ = Σₗ wₗ xₜ₋ₗ (x₋ⱼ = 0) has the mean of spend (apart from the first
/// L − 1 weeks) and a half-saturation keeps its meaning in multiples of
/// mean spend. k < 1 gives a kernel that decays from week 0; k > 1 one whose
/// peak is delayed (TV, print). Robyn's own kernel differs in where it puts
/// the lags and in scaling λ by a quantile of the window; PyMC-Marketing's
/// default normalization is min–max, not sum (not differentiable at ties),
/// so this kernel is theirs in shape, not to the digit.
///
/// Derivatives, with rₗ = (tₗ/λ)^k and Dₗ = ∂ log w̃ₗ/∂φ:
/// - φ = log k: Dₗ = k log tₗ − rₗ log rₗ (the k/λ^k factor is common to
///   all lags and cancels in the normalization);
/// - φ = log λ: Dₗ = k rₗ;
/// - ∂wₗ/∂φ = wₗ (Dₗ − Σₘ wₘ Dₘ).
public struct WeibullLagKernel: Sendable, Equatable {
  /// wₗ, l = 0 … L − 1 (sum 1).
  public var weights: [Double]
  /// ∂wₗ/∂ log k.
  public var dLogShape: [Double]
  /// ∂wₗ/∂ log λ.
  public var dLogScale: [Double]

  /// The kernel for shape k = exp(logShape), scale λ = exp(logScale) over
  /// `maxLag` weeks (≥ 1).
  public init(logShape: Double, logScale: Double, maxLag: Int) {
    let count = max(1, maxLag), k = exp(logShape)
    var logW = [Double](repeating: 0, count: count)
    var dK = logW, dL = logW
    for l in 0..<count {
      let logT = log(Double(l + 1) / Double(count))
      let logR = k * (logT - logScale), r = exp(logR)
      logW[l] = (k - 1) * logT - r
      dK[l] = k * logT - r * logR
      dL[l] = k * r
    }
    // Normalize in log space (stable for large k or small λ).
    let top = logW.max() ?? 0
    var w = logW.map { exp($0 - top) }
    let total = w.reduce(0, +)
    for l in 0..<count { w[l] /= total }
    var meanK = 0.0, meanL = 0.0
    for l in 0..<count {
      meanK += w[l] * dK[l]
      meanL += w[l] * dL[l]
    }
    weights = w
    dLogShape = (0..<count).map { w[$0] * (dK[$0] - meanK) }
    dLogScale = (0..<count).map { w[$0] * (dL[$0] - meanL) }
  }
}
