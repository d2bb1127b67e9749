import FolioNotebook

/// The data extent of each axis and which axes hold categories, read from
/// the layers of a spec. Non-finite values are ignored.
struct ChartExtents {
  var x = Extent()
  var y = Extent()
  var xCategories: [String] = []
  var yCategories: [String] = []
  var xIsCategorical = false
  var yIsCategorical = false
  /// Whether any layer has a finite data value (rules and shades alone do not count).
  var hasData = false

  /// A running min/max of finite values.
  struct Extent {
    var lo = Double.infinity
    var hi = -Double.infinity
    var isEmpty: Bool { lo > hi }
    mutating func add(_ v: Double) {
      guard v.isFinite else { return }
      // Clamp so that hi − lo stays finite.
      let c = min(1e300, max(-1e300, v))
      lo = min(lo, c)
      hi = max(hi, c)
    }
    mutating func add(_ vs: [Double]) { for v in vs { add(v) } }
  }

  init(_ spec: ChartSpec) {
    if case .categorical(let c) = spec.x.scale {
      xIsCategorical = true
      xCategories = c
    }
    if case .categorical(let c) = spec.y.scale {
      yIsCategorical = true
      yCategories = c
    }
    for layer in spec.layers { collect(layer) }
    if spec.x.includeZero && !xIsCategorical && hasData { x.add(0) }
    if spec.y.includeZero && !yIsCategorical && hasData { y.add(0) }
  }

  private mutating func addCategories(_ names: [String], toX: Bool) {
    if toX {
      xIsCategorical = true
      for n in names where !xCategories.contains(n) { xCategories.append(n) }
    } else {
      yIsCategorical = true
      for n in names where !yCategories.contains(n) { yCategories.append(n) }
    }
  }

  private mutating func noteData(_ vs: [Double]) {
    if !hasData, vs.contains(where: { $0.isFinite }) { hasData = true }
  }

  private mutating func collect(_ layer: ChartLayer) {
    switch layer {
    case .line(let series), .scatter(let series):
      for s in series {
        let n = min(s.x.count, s.y.count)
        for i in 0..<n where s.x[i].isFinite && s.y[i].isFinite {
          x.add(s.x[i])
          y.add(s.y[i])
          hasData = true
        }
      }
    case .area(let series, let stacked):
      for s in series { x.add(s.x) }
      let stacks = AreaStacking.stack(series, stacked: stacked)
      for s in stacks {
        y.add(s.lower)
        y.add(s.upper)
        noteData(s.upper)
      }
      if hasData { y.add(0) }
    case .bar(let bar):
      addCategories(bar.categories, toX: !bar.horizontal)
      var values = Extent()
      for (lo, hi) in BarStacking.extents(bar) {
        values.add(lo)
        values.add(hi)
      }
      if !values.isEmpty {
        hasData = true
        if bar.horizontal {
          x.add([values.lo, values.hi, 0])
        } else {
          y.add([values.lo, values.hi, 0])
        }
      }
    case .band(let band):
      let n = min(band.x.count, band.low.count, band.high.count)
      for i in 0..<n where band.x[i].isFinite && band.low[i].isFinite && band.high[i].isFinite {
        x.add(band.x[i])
        y.add([band.low[i], band.high[i]])
        hasData = true
      }
    case .interval(let iv):
      addCategories(iv.categories, toX: false)
      let values = iv.estimate + iv.low + iv.high
      x.add(values)
      noteData(values)
      if let r = iv.reference, hasData { x.add(r) }
    case .histogram(let h, _):
      guard h.edges.count == h.counts.count + 1, !h.counts.isEmpty else { return }
      x.add(h.edges)
      y.add(h.counts)
      y.add(0)
      noteData(h.counts)
    case .rule(let rule):
      if rule.orientation == .horizontal { y.add(rule.value) } else { x.add(rule.value) }
    case .shade(let ranges):
      for r in ranges {
        x.add(r.from)
        x.add(r.to)
      }
    }
  }
}
