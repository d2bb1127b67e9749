extension Frame {
  /// Adds (or replaces) one column per expression, in order: a later
  /// expression sees the columns derived before it. A replaced column keeps
  /// its position; a new one is appended. Bool results are stored as integer 0/1.
  /// - Throws: `TransformError` naming the derived column and wrapping the `ExpressionError`.
  public func derive(_ columns: [(name: String, expression: Expression)]) throws(TransformError) -> Frame {
    var f = self
    for (name, expression) in columns {
      let c: Column
      do {
        c = try expression.evaluate(on: f)
      } catch {
        throw TransformError(step: .derive, column: name, error)
      }
      do {
        try f.set(name, c)
      } catch {
        throw TransformError(step: .derive, column: name, problem: error.description)
      }
    }
    return f
  }
}
