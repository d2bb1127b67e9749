extension Frame {
  /// The rows where `condition` is true, in their original order; rows where
  /// it is false or missing are dropped.
  /// - Throws: `TransformError` wrapping the `ExpressionError` (unknown column,
  ///   non-bool condition, domain error with its row).
  public func filter(_ condition: Expression) throws(TransformError) -> Frame {
    do {
      return gather(try condition.matchingRows(in: self))
    } catch {
      throw TransformError(step: .filter, error)
    }
  }
}
