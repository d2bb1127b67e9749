/// A transform that cannot be applied: names the step, the column and the
/// 1-based row where relevant, and what was expected.
///
/// Transforms do not know where their options were written; the notebook
/// sets `location` (`located(at:)`). An expression error inside `filter` or
/// `derive` is kept in `expressionError` so its caret diagnostic and exact
/// column survive.
public struct TransformError: LocatedError, Equatable {
  /// The transform that failed.
  public var step: TransformStep
  /// The column concerned (the output column for `derive` and `aggregate`), if any.
  public var column: String?
  /// The 1-based data row, for errors on one row.
  public var row: Int?
  /// What went wrong, without step, column or location.
  public var problem: String
  /// The underlying expression error for `filter` and `derive`.
  public var expressionError: ExpressionError?
  /// Where the step's options were written, once the notebook sets it.
  public var location: SourceLocation?

  /// An error of `step`; `problem` says what went wrong and what was expected.
  public init(
    step: TransformStep, column: String? = nil, row: Int? = nil, problem: String,
    expressionError: ExpressionError? = nil, location: SourceLocation? = nil
  ) {
    self.step = step
    self.column = column
    self.row = row
    self.problem = problem
    self.expressionError = expressionError
    self.location = location
  }

  /// Wraps an expression error; the location follows the expression's when known.
  init(step: TransformStep, column: String? = nil, _ e: ExpressionError) {
    self.init(step: step, column: column, row: e.row, problem: e.problem, expressionError: e, location: e.location)
  }

  /// `derive 'BOOST': row 3: log of 0 is undefined; …`
  public var message: String {
    var head = step.rawValue
    if let column { head += " '\(column)'" }
    if let row { return "\(head): row \(row): \(problem)" }
    return "\(head): \(problem)"
  }

  /// A copy located at `location` (and, for expression errors, at the
  /// offending character when `location` is the expression's first character).
  public func located(at location: SourceLocation) -> TransformError {
    var e = self
    if let inner = expressionError {
      e.expressionError = inner.located(at: location)
      e.location = inner.location(base: location)
    } else {
      e.location = location
    }
    return e
  }

  static func unknownColumn(_ step: TransformStep, _ name: String, in frame: Frame) -> TransformError {
    TransformError(
      step: step, column: name,
      problem: "unknown column '\(name)'" + NearMatches.hint(for: name, in: frame.columnNames, noun: "column"))
  }
}

extension Frame {
  /// The column called `name`, or an unknown-column error for `step`.
  func column(_ name: String, for step: TransformStep) throws(TransformError) -> Column {
    guard let c = self[name] else { throw TransformError.unknownColumn(step, name, in: self) }
    return c
  }

  /// A frame from named columns built by a transform (names already checked).
  static func assembled(_ named: [(String, Column)], step: TransformStep) throws(TransformError) -> Frame {
    do {
      return try Frame(named)
    } catch {
      throw TransformError(step: step, problem: error.description)
    }
  }
}
