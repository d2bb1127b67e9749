/// Where each raw parameter of the hierarchical promotion model sits in the
/// flat parameter vector, and what it is called in reports.
///
/// Every raw parameter has a global part `w` shared by all SKUs and one
/// deviation `w^h` per SKU. The flat vector is `[global block, SKU 0 block,
/// SKU 1 block, …]`, each block `blockSize` long with the same layout:
///
/// | offset            | name          | enters the model as                                  |
/// |-------------------|---------------|------------------------------------------------------|
/// | `level`           | `w0`          | baseline level σ(w0 + w0^h)                          |
/// | `trend`           | `w1`          | trend slope tanh(w1) + tanh(w1^h)                    |
/// | `lag`             | `w2`          | lag coefficient tanh(w2) + tanh(w2^h)                |
/// | `macro(j, p)`     | `wm[j,p]`     | m_j = 1 + tanh(Σ_p (wm + wm^h)[j,p]·x_p)             |
/// | `roi(j)`          | `wr[j]`       | r_j = 1 + tanh((wr + wr^h)[j]·m_j)                   |
/// | `uplift(j)`       | `wd[j]`       | uplift coefficient σ(wd[j]) + σ(wd^h[j])             |
/// | `volumeSlope`     | `wv`          | volume slope σ(wv + wv^h)                            |
/// | `volumeIntercept` | `wi`          | volume intercept tanh(wi + wi^h)                     |
///
/// `j` runs over the promo types: each promo type has its own macro group
/// (mixed effect m_j), its own ROI multiplier r_j and its own uplift.
/// The issue writes the level, volume slope and intercept with a global part
/// only; here they get a SKU deviation inside the activation too, because
/// per-SKU mean scaling leaves SKU-specific levels that a shared constant
/// cannot absorb ("every parameter is a global part plus a SKU deviation").
public struct PromoParameterLayout: Sendable, Equatable {
  /// Number of promo types (K): one uplift, macro group and ROI multiplier each.
  public let promoTypes: Int
  /// Number of macro variables (P) in each macro group's linear predictor.
  public let macroVariables: Int
  /// Number of SKUs: the number of deviation blocks.
  public let skus: Int

  public init(promoTypes: Int, macroVariables: Int, skus: Int) {
    self.promoTypes = promoTypes
    self.macroVariables = macroVariables
    self.skus = skus
  }

  public var level: Int { 0 }
  public var trend: Int { 1 }
  public var lag: Int { 2 }
  public func macro(_ j: Int, _ p: Int) -> Int { 3 + j * macroVariables + p }
  public func roi(_ j: Int) -> Int { 3 + promoTypes * macroVariables + j }
  public func uplift(_ j: Int) -> Int { 3 + promoTypes * (macroVariables + 1) + j }
  public var volumeSlope: Int { 3 + promoTypes * (macroVariables + 2) }
  public var volumeIntercept: Int { volumeSlope + 1 }

  /// Parameters per block (global or one SKU's deviations).
  public var blockSize: Int { 5 + promoTypes * (macroVariables + 2) }
  /// Length of the flat vector: one global block plus one block per SKU.
  public var count: Int { blockSize * (skus + 1) }
  /// Start of SKU `s`'s deviation block in the flat vector.
  public func deviationOffset(sku s: Int) -> Int { blockSize * (s + 1) }

  /// Report names of one block's parameters, in layout order, using the
  /// promo type and macro variable names given.
  public func names(promoTypes typeNames: [String], macroVariables macroNames: [String]) -> [String] {
    var out = ["w0 (level)", "w1 (trend)", "w2 (lag)"]
    for j in 0..<promoTypes {
      for p in 0..<macroVariables { out.append("wm[\(typeNames[j]),\(macroNames[p])]") }
    }
    for j in 0..<promoTypes { out.append("wr[\(typeNames[j])]") }
    for j in 0..<promoTypes { out.append("wd[\(typeNames[j])]") }
    out.append("wv (volume slope)")
    out.append("wi (volume intercept)")
    return out
  }
}
