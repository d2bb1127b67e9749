import Foundation

/// A small, fast, seedable random number generator (Steele, Lea & Flood's
/// SplitMix64), so every random step — data generation, DE search,
/// bootstrap — is reproducible from the notebook's `seed`.
///
/// Not cryptographic. Sequences are identical on every platform because the
/// arithmetic is fixed-width integer only; `uniform()` and `normal()` derive
/// doubles from it deterministically.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in the open interval (0, 1), 53 random bits.
  public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

  /// Standard normal by Box–Muller (one draw per two uniforms).
  public mutating func normal() -> Double {
    (-2 * Foundation.log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }

  /// Poisson(λ) by inversion; meant for small λ (≲ 30), as in simulations.
  public mutating func poisson(_ lambda: Double) -> Double {
    var k = 0.0, p = exp(-lambda), s = p
    let u = uniform()
    while u > s && k < 1000 {
      k += 1
      p *= lambda / k
      s += p
    }
    return k
  }

  /// Uniform integer in `0..<n` without modulo bias (Lemire's method).
  public mutating func index(below n: Int) -> Int {
    precondition(n > 0, "index(below:) needs a positive bound")
    return Int(next(upperBound: UInt64(n)))
  }
}
