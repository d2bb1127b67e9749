import Foundation

extension MMMSearch {
  /// A searched parameter that ended at (or within `tolerance` of) an edge
  /// of its search box: the data did not pin it down inside the range, so
  /// what depends on it (ROI, marginal ROI, the plan's advice for the
  /// channel) leans on where the box happens to end.
  public struct BoundaryHit: Sendable, Equatable {
    public enum Side: String, Sendable { case lower, upper }
    /// Channel index.
    public var channel: Int
    /// `theta`, `alpha`, `gamma`, `shape` or `scale`.
    public var parameter: String
    public var side: Side
    /// The fitted value and the edge it sits at, in the parameter's units.
    public var value: Double
    public var bound: Double
  }

  /// The parameters of `searchVector` within `tolerance` (a fraction of the
  /// searched interval [−5, 5], so 0.01 = 0.1 in v) of either end.
  ///
  /// Coordinates are judged in the searched space, where the optimizer
  /// actually stopped; the reported value and bound are mapped through the
  /// same sigmoid as `decode`.
  public static func boundaryHits(
    _ searchVector: [Double], adstock: AdstockKind, maxSpend: [Double], tolerance: Double = 0.01
  ) -> [BoundaryHit] {
    let k = parametersPerChannel(adstock)
    let names = adstock == .geometric ? ["theta", "alpha", "gamma"] : ["shape", "scale", "alpha", "gamma"]
    let margin = 10 * tolerance
    let lowerParams = decode([Double](repeating: -5, count: k * maxSpend.count), adstock: adstock, maxSpend: maxSpend)
    let upperParams = decode([Double](repeating: 5, count: k * maxSpend.count), adstock: adstock, maxSpend: maxSpend)
    let fitted = decode(searchVector, adstock: adstock, maxSpend: maxSpend)
    var hits: [BoundaryHit] = []
    for c in maxSpend.indices {
      for (j, name) in names.enumerated() {
        let i = c * k + j
        guard i < searchVector.count else { continue }
        let v = searchVector[i]
        let side: BoundaryHit.Side
        if v <= -5 + margin { side = .lower } else if v >= 5 - margin { side = .upper } else { continue }
        let edge = side == .lower ? lowerParams[c] : upperParams[c]
        hits.append(BoundaryHit(channel: c, parameter: name, side: side, value: fitted[c].value(name), bound: edge.value(name)))
      }
    }
    return hits
  }
}

extension ChannelParameters {
  /// A parameter by its search name (`theta`, `alpha`, `gamma`, `shape`, `scale`).
  func value(_ name: String) -> Double {
    switch name {
    case "theta": return theta
    case "alpha": return alpha
    case "gamma": return gamma
    case "shape": return shape
    default: return scale
    }
  }
}
