extension Frame {
  /// Renames columns, keeping their positions. Renames apply one after the
  /// other, so `[(a, b), (b, c)]` ends with `c`.
  ///
  /// - Throws: `TransformError` for an unknown old name or a new name that is already taken.
  public func rename(_ pairs: [(old: String, new: String)]) throws(TransformError) -> Frame {
    var f = self
    for (old, new) in pairs {
      guard f.index(of: old) != nil else { throw TransformError.unknownColumn(.rename, old, in: f) }
      do {
        try f.rename(old, to: new)
      } catch {
        throw TransformError(
          step: .rename, column: old, problem: "cannot rename to '\(new)': a column of that name already exists")
      }
    }
    return f
  }
}
