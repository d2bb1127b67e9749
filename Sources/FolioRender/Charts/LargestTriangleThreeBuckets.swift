/// Largest-triangle-three-buckets downsampling (Steinarsson 2013, "Downsampling
/// Time Series for Visual Representation", University of Iceland, §4.2).
///
/// Keeps the first and last points; splits the points between them into
/// `threshold − 2` buckets of (nearly) equal size; from each bucket, left to
/// right, keeps the point that forms the largest triangle with the point kept
/// from the previous bucket and the mean of the next bucket (the last point
/// for the last bucket). Peaks and troughs survive because they make large
/// triangles.
///
/// The triangle area under independent linear rescaling of x and y changes by
/// the same factor for every candidate, so choosing in data units or in
/// pixels keeps the same points. Ties keep the earliest point, so the result
/// is deterministic.
enum LargestTriangleThreeBuckets {
  /// Indices (ascending) of the points to keep of `x`, `y` (equally long,
  /// finite, ordered by x).
  ///
  /// When `threshold` ≥ the point count or is below 3, every index is kept.
  /// - Complexity: O(n).
  static func indices(x: [Double], y: [Double], threshold: Int) -> [Int] {
    let n = min(x.count, y.count)
    guard threshold >= 3, threshold < n else { return Array(0..<n) }
    var kept = [Int]()
    kept.reserveCapacity(threshold)
    kept.append(0)
    // Bucket width over the n − 2 inner points.
    let every = Double(n - 2) / Double(threshold - 2)
    var a = 0
    for i in 0..<(threshold - 2) {
      // Mean of the next bucket (for the last bucket: the last point).
      let nextStart = Int((Double(i + 1) * every).rounded(.down)) + 1
      let nextEnd = min(Int((Double(i + 2) * every).rounded(.down)) + 1, n)
      var meanX = 0.0, meanY = 0.0
      for j in nextStart..<nextEnd {
        meanX += x[j]
        meanY += y[j]
      }
      let count = Double(nextEnd - nextStart)
      meanX /= count
      meanY /= count
      // The point of this bucket with the largest triangle (a, point, mean).
      let start = Int((Double(i) * every).rounded(.down)) + 1
      let end = Int((Double(i + 1) * every).rounded(.down)) + 1
      let ax = x[a], ay = y[a]
      var best = start
      var bestArea = -1.0
      for j in start..<end {
        let area = abs((ax - meanX) * (y[j] - ay) - (ax - x[j]) * (meanY - ay))
        if area > bestArea {
          bestArea = area
          best = j
        }
      }
      kept.append(best)
      a = best
    }
    kept.append(n - 1)
    return kept
  }
}
