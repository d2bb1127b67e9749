import Foundation

/// Nesterov dual averaging of the log step size (Hoffman & Gelman 2014,
/// Algorithm 5), with Stan's constants: γ = 0.05, t₀ = 10, κ = 0.75 and
/// μ = log(10 ε₀) re-centred whenever the metric changes.
///
/// After iteration n with acceptance statistic aₙ (capped at 1):
/// s̄ₙ = (1 − 1/(n+t₀)) s̄ₙ₋₁ + (δ − aₙ)/(n+t₀), log εₙ = μ − √n s̄ₙ/γ,
/// and the averaged x̄ₙ = n^−κ log εₙ + (1 − n^−κ) x̄ₙ₋₁; warm-up ends with
/// ε = exp(x̄).
struct StepSizeAdaptation {
  var targetAcceptance: Double
  var gamma = 0.05
  var t0 = 10.0
  var kappa = 0.75
  var mu = 0.0
  private var counter = 0.0
  private var sBar = 0.0
  private var xBar = 0.0

  init(targetAcceptance: Double) { self.targetAcceptance = targetAcceptance }

  mutating func restart() {
    counter = 0
    sBar = 0
    xBar = 0
  }

  /// Updates the running averages and returns the next step size.
  mutating func learn(acceptStat: Double) -> Double {
    counter += 1
    let a = min(1, acceptStat.isNaN ? 0 : acceptStat)
    let eta = 1 / (counter + t0)
    sBar = (1 - eta) * sBar + eta * (targetAcceptance - a)
    let x = mu - sBar * counter.squareRoot() / gamma
    let xEta = pow(counter, -kappa)
    xBar = (1 - xEta) * xBar + xEta * x
    return exp(x)
  }

  /// The final step size, exp(x̄).
  var finalStepSize: Double { exp(xBar) }
}

/// Stan's windowed warm-up schedule: an initial fast interval (75
/// iterations) adapting only the step size, slow windows of 25, 50, 100, …
/// iterations each ending with a new metric estimate, and a terminal fast
/// interval (50) — shrunk to 15% / 75% / 10% when the warm-up is shorter
/// than 150 iterations. Below 20 warm-up iterations the metric is not adapted.
struct WindowSchedule {
  let warmup: Int
  private(set) var initBuffer: Int
  private(set) var termBuffer: Int
  private(set) var baseWindow: Int
  private var windowSize: Int
  private var nextWindow: Int
  private(set) var counter = 0

  init(warmup: Int, initBuffer: Int = 75, termBuffer: Int = 50, baseWindow: Int = 25) {
    self.warmup = warmup
    var ib = initBuffer, tb = termBuffer, bw = baseWindow
    if warmup >= 20 && ib + bw + tb > warmup {
      ib = Int(0.15 * Double(warmup))
      tb = Int(0.1 * Double(warmup))
      bw = warmup - (ib + tb)
    }
    self.initBuffer = ib
    self.termBuffer = tb
    self.baseWindow = bw
    windowSize = bw
    nextWindow = ib + bw - 1
  }

  /// Whether the metric is adapted at all (warm-up ≥ 20, as in Stan).
  var adaptsMetric: Bool { warmup >= 20 }

  /// Whether the current iteration's draw feeds the metric estimate.
  var inSlowWindow: Bool {
    adaptsMetric && counter >= initBuffer && counter < warmup - termBuffer && counter != warmup
  }

  /// Whether the current iteration closes a slow window.
  var endsWindow: Bool { adaptsMetric && counter == nextWindow && counter != warmup }

  /// Advances to the next iteration, doubling the window after one ends (the
  /// last window stretches to the terminal buffer if another would not fit).
  mutating func advance() {
    if endsWindow { computeNextWindow() }
    counter += 1
  }

  private mutating func computeNextWindow() {
    let last = warmup - termBuffer - 1
    if nextWindow == last { return }
    windowSize *= 2
    nextWindow = counter + windowSize
    if nextWindow != last && nextWindow + 2 * windowSize >= warmup - termBuffer { nextWindow = last }
  }
}
