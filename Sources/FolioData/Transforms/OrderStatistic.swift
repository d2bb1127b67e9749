/// The k-th smallest of a set of numbers without sorting them all
/// (introselect: Hoare partitioning around a median-of-three pivot, falling
/// back to a full sort when partitions keep coming out lopsided).
///
/// For `median` of millions of values: selecting costs O(n) where sorting
/// cost O(n log n) (a 4.7M-row median took 60 ms to sort). The value is
/// exactly the one a stable ascending sort puts at position k, including
/// which zero, −0.0 or +0.0, when zeros tie there (they compare equal; the
/// sort keeps them in input order).
enum OrderStatistic {
  /// The values at positions `k` and, when `alsoPrevious`, `k − 1` of
  /// `values` stably sorted ascending. `values` must hold no NaN and
  /// `0 ≤ k < values.count` (`k ≥ 1` with `alsoPrevious`).
  static func select(_ values: ArraySlice<Double>, _ k: Int, alsoPrevious: Bool) -> (kth: Double, previous: Double) {
    var work = Array(values)
    let n = work.count
    let (kth, previous): (Double, Double) = work.withUnsafeMutableBufferPointer { a in
      var lo = 0, hi = n - 1
      var budget = 2 * (Int.bitWidth - n.leadingZeroBitCount) + 4
      while hi > lo {
        if budget == 0 {
          a[lo...hi].sort()
          break
        }
        budget -= 1
        let (i, j) = partition(a, lo, hi)
        // a[lo...j] ≤ pivot ≤ a[i...hi]; positions strictly between j and i hold the pivot value.
        if k <= j {
          hi = j
        } else if k >= i {
          lo = i
        } else {
          break
        }
      }
      let kth = a[k]
      guard alsoPrevious else { return (kth, kth) }
      // Everything before k is ≤ a[k]: the previous order statistic is their maximum.
      var m = a[0]
      for t in 1..<k where a[t] > m { m = a[t] }
      return (kth, m)
    }
    guard kth == 0 || (alsoPrevious && previous == 0) else { return (kth, previous) }
    // Zeros tie: which zero a stable sort puts at a position follows input order.
    var below = 0
    var zeros: [Double] = []
    for v in values {
      if v < 0 { below += 1 } else if v == 0 { zeros.append(v) }
    }
    func zeroAt(_ position: Int, _ selected: Double) -> Double {
      selected == 0 ? zeros[position - below] : selected
    }
    return (zeroAt(k, kth), alsoPrevious ? zeroAt(k - 1, previous) : zeroAt(k, kth))
  }

  /// Hoare partition of `a[lo...hi]` around the median of its first, middle
  /// and last values; returns (i, j) with a[lo...j] ≤ pivot ≤ a[i...hi], j < i.
  private static func partition(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) -> (Int, Int) {
    let mid = lo + (hi - lo) / 2
    let x = a[lo], y = a[mid], z = a[hi]
    let pivot = max(min(x, y), min(max(x, y), z))
    var i = lo, j = hi
    while i <= j {
      while a[i] < pivot { i += 1 }
      while a[j] > pivot { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    return (i, j)
  }
}
