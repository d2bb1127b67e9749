extension Frame {
  /// The first `n` rows (all of them when there are fewer).
  /// - Throws: `TransformError` when `n` is negative.
  public func limit(_ n: Int) throws(TransformError) -> Frame {
    guard n >= 0 else { throw TransformError(step: .limit, problem: "limit must be 0 or more, got \(n)") }
    return n >= rowCount ? self : gather(Array(0..<n))
  }
}
