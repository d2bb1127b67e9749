import Foundation

/// Channel pieces of `BayesianMMMDensity`: adstock (geometric or Weibull),
/// Hill saturation, their derivatives, the media gradient and the channel
/// priors.
extension BayesianMMMDensity {
  /// Per-channel values needed again for the gradient.
  struct ChannelState {
    /// Geometric θ (Weibull: carry-over share 1 − w₀), half-saturation κ,
    /// Hill shape α, media coefficient β̃ (ỹ units).
    var theta: Double, kappa: Double, alpha: Double, beta: Double
    /// Σ hₜ, and Σ ∂hₜ/∂φₖ for the channel's shape coordinates φₖ
    /// (adstock ones, log κ, log α; at most four).
    var sumH: Double, sumD: SIMD4<Double>
    var roiParameterized: Bool
  }

  /// A channel's saturated media h and its derivatives, in caller-owned
  /// memory: block 0 holds hₜ, block 1 + k holds ∂hₜ/∂φₖ.
  struct ChannelBlocks {
    let weeks: Int
    let base: UnsafeMutablePointer<Double>
    @inline(__always) func block(_ k: Int) -> UnsafeMutablePointer<Double> { base + k * weeks }
  }

  /// Blocks for every channel, one `ChannelBlocks` after another.
  struct ChannelWork {
    let weeks: Int, blocksPerChannel: Int
    let base: UnsafeMutablePointer<Double>
    @inline(__always) func channel(_ c: Int) -> ChannelBlocks {
      ChannelBlocks(weeks: weeks, base: base + c * blocksPerChannel * weeks)
    }
    @inline(__always) func block(_ c: Int, _ k: Int) -> UnsafeMutablePointer<Double> { channel(c).block(k) }
  }

  /// Scratch doubles needed by `ChannelWork` for all channels.
  var channelWorkSize: Int { (1 + layout.shapeParameters) * x.count * y.count }

  /// Channel c's state at `q`, with its own scratch memory.
  func channelState(_ c: Int, at q: [Double]) -> ChannelState {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: (1 + layout.shapeParameters) * y.count) { scratch in
      channelState(c, q, ChannelBlocks(weeks: y.count, base: scratch.baseAddress!))
    }
  }

  /// Adstock, saturation and their derivatives for channel c into `out`.
  func channelState(_ c: Int, _ q: [Double], _ out: ChannelBlocks) -> ChannelState {
    let L = layout, n = y.count
    let sums = x[c].withUnsafeBufferPointer { xs in
      saturatedMedia(c, q, spend: xs.baseAddress!, weeks: n, into: out)
    }
    let beta: Double, roiParam: Bool
    switch priors.media(channel: c) {
    case .roi:
      beta = sums.sumH > 0 ? exp(q[L.logMediaEffect(c)]) * roiToContribution[c] / sums.sumH : 0
      roiParam = true
    case .coefficient:
      beta = exp(q[L.logMediaEffect(c)])
      roiParam = false
    }
    return ChannelState(
      theta: sums.carryOver, kappa: exp(q[L.logHalfSaturation(c)]), alpha: exp(q[L.logHillShape(c)]), beta: beta,
      sumH: sums.sumH, sumD: sums.sumD, roiParameterized: roiParam)
  }

  /// hₜ and ∂hₜ/∂φₖ of channel c for `weeks` weeks of (scaled) `spend`,
  /// into `out`; returns Σ h, Σ ∂h/∂φₖ and the adstock's carry-over share
  /// (θ, or 1 − w₀ for Weibull).
  func saturatedMedia(
    _ c: Int, _ q: [Double], spend xs: UnsafePointer<Double>, weeks n: Int, into out: ChannelBlocks
  ) -> (sumH: Double, sumD: SIMD4<Double>, carryOver: Double) {
    let L = layout, pa = L.adstockParameters
    // Geometric adstock runs inside the saturation loop (one pass over the
    // weeks, as fast as before Weibull existed); Weibull's convolution is
    // written into blocks 0–2 first.
    let geometric = pa == 1
    let theta = geometric ? 1 / (1 + exp(-q[L.adstockLogit(c)])) : 0
    let dThetaDv = theta * (1 - theta)
    let carryOver = geometric ? theta : fillWeibullAdstock(c, q, spend: xs, weeks: n, into: out)
    var a = 0.0, da = 0.0
    let logKappa = q[L.logHalfSaturation(c)], alpha = exp(q[L.logHillShape(c)])
    // Hoisted block pointers (hot loop): d1 is the first adstock
    // derivative, d2 the second (Weibull only; under geometric it is the
    // log κ block and is written below as such).
    let h0 = out.block(0), d1 = out.block(1), d2 = out.block(2)
    let dKappa = out.block(1 + pa), dAlpha = out.block(2 + pa), two = pa == 2
    var sumH = 0.0, s1 = 0.0, s2 = 0.0, sK = 0.0, sA = 0.0
    for t in 0..<n {
      let an: Double
      if geometric {
        da = a + theta * da  // ∂Aₜ/∂θ, from Aₜ₋₁ before the update
        a = xs[t] + theta * a
        an = (1 - theta) * a
        d1[t] = (-a + (1 - theta) * da) * dThetaDv  // ∂Ãₜ/∂logit θ
      } else {
        an = h0[t]
      }
      guard an > 0 else {  // no adstock yet: h and its derivatives are 0
        h0[t] = 0
        d1[t] = 0
        d2[t] = 0
        dKappa[t] = 0
        dAlpha[t] = 0
        continue
      }
      let logRatio = logKappa - log(an)
      let h = 1 / (1 + exp(alpha * logRatio))
      let core = alpha * h * (1 - h)  // = −∂h/∂log κ = Ã ∂h/∂Ã
      let perAdstock = core / an
      let a1 = perAdstock * d1[t]
      d1[t] = a1
      s1 += a1
      if two {
        let a2 = perAdstock * d2[t]
        d2[t] = a2
        s2 += a2
      }
      h0[t] = h
      dKappa[t] = -core
      dAlpha[t] = -core * logRatio
      sumH += h
      sK -= core
      sA -= core * logRatio
    }
    let sumD = two ? SIMD4(s1, s2, sK, sA) : SIMD4(s1, sK, sA, 0)
    return (sumH, sumD, carryOver)
  }

  /// Weibull-adstocked Ãₜ into block 0 and ∂Ãₜ/∂ log k, ∂Ãₜ/∂ log λ into
  /// blocks 1 and 2; returns the carry-over share 1 − w₀.
  private func fillWeibullAdstock(
    _ c: Int, _ q: [Double], spend xs: UnsafePointer<Double>, weeks n: Int, into out: ChannelBlocks
  ) -> Double {
    guard case .weibull(let maxLag) = adstock else { return 0 }
    let kernel = WeibullLagKernel(
      logShape: q[layout.weibullLogShape(c)], logScale: q[layout.weibullLogScale(c)], maxLag: maxLag)
    let a0 = out.block(0), a1 = out.block(1), a2 = out.block(2), lags = kernel.weights.count
    for t in 0..<n {
      var a = 0.0, dk = 0.0, dl = 0.0
      for l in 0..<min(lags, t + 1) {
        let v = xs[t - l]
        a += kernel.weights[l] * v
        dk += kernel.dLogShape[l] * v
        dl += kernel.dLogScale[l] * v
      }
      a0[t] = a
      a1[t] = dk
      a2[t] = dl
    }
    return 1 - kernel.weights[0]
  }

  /// Adds ∂ log-likelihood / ∂(channel c's coordinates), given eₜ = rₜ/σ².
  func accumulateChannelGradient(
    _ c: Int, _ s: ChannelState, _ e: UnsafeMutablePointer<Double>, _ sumE: Double, _ w: ChannelWork,
    _ g: inout [Double]
  ) {
    let L = layout, p = L.shapeParameters, n = y.count
    // One fused pass over the weeks; block 4 exists only under Weibull
    // (p = 4), so it is read only then.
    let h0 = w.block(c, 0), b1 = w.block(c, 1), b2 = w.block(c, 2), b3 = w.block(c, 3)
    var eh = 0.0, ed = SIMD4<Double>(repeating: 0)
    if p == 4 {
      let b4 = w.block(c, 4)
      for t in 0..<n {
        eh += e[t] * h0[t]
        ed += e[t] * SIMD4(b1[t], b2[t], b3[t], b4[t])
      }
    } else {
      for t in 0..<n {
        eh += e[t] * h0[t]
        ed += e[t] * SIMD4(b1[t], b2[t], b3[t], 0)
      }
    }
    // Centred contribution mₜ = β̃ (hₜ − S/n), S = Σh. ROI form (β̃ ∝ 1/S):
    // ∂mₜ/∂φ = β̃ (h′ₜ − hₜ S′/S); coefficient form: β̃ (h′ₜ − S′/n).
    let correction = s.roiParameterized ? (s.sumH > 0 ? eh / s.sumH : 0) : sumE / Double(n)
    for k in 0..<p { g[L.shape(c, k)] += s.beta * (ed[k] - correction * s.sumD[k]) }
    g[L.logMediaEffect(c)] += s.beta * (eh - sumE * s.sumH / Double(n))
  }

  /// Log prior of channel c's shape and effect, with Jacobians; adds its gradient.
  func channelPrior(_ c: Int, _ q: [Double], _ g: inout [Double]) -> Double {
    let L = layout
    var lp = 0.0
    switch adstock {
    case .geometric:
      // θ = logistic(v) ~ Beta(a, b); with the Jacobian θ(1 − θ):
      // a log θ + b log(1 − θ), derivative a(1 − θ) − bθ.
      let v = q[L.adstockLogit(c)], theta = 1 / (1 + exp(-v))
      let pa = priors.adstockDecay.a, pb = priors.adstockDecay.b
      lp += -pa * log1p(exp(-v)) - pb * log1p(exp(v))
      g[L.adstockLogit(c)] += pa * (1 - theta) - pb * theta
    case .weibull:
      lp += normalPrior(q[L.weibullLogShape(c)], priors.weibullLogShape, L.weibullLogShape(c), &g)
      lp += normalPrior(q[L.weibullLogScale(c)], priors.weibullLogScale, L.weibullLogScale(c), &g)
    }
    lp += normalPrior(q[L.logHalfSaturation(c)], priors.logHalfSaturation, L.logHalfSaturation(c), &g)
    lp += normalPrior(q[L.logHillShape(c)], priors.logHillShape, L.logHillShape(c), &g)
    let k = L.logMediaEffect(c)
    switch priors.media(channel: c) {
    case .roi(let prior): lp += normalPrior(q[k], prior, k, &g)
    case .coefficient(let scale):
      let b = exp(q[k])
      lp += -0.5 * b * b / (scale * scale) + q[k]
      g[k] += -b * b / (scale * scale) + 1
    }
    return lp
  }

  func normalPrior(_ v: Double, _ p: BayesianMMMPriors.Normal, _ i: Int, _ g: inout [Double]) -> Double {
    let d = (v - p.mean) / p.sd
    g[i] += -d / p.sd
    return -0.5 * d * d
  }
}
