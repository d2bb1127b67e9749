/// A parsed row-wise expression such as `ML_FORECAST * (MULTIPLIER - 1)` or
/// `PROMO_WEEK != 'REG' and BOH > 0`, used by `filter` and `derive`.
///
/// Syntax: number literals (`3` is an integer, `2.5` and `1e3` numbers),
/// `'single'` or `"double"` quoted strings, `true`/`false`, column names as
/// bare identifiers or backtick-quoted (`` `Unit Price` ``); `+ - * / % ^`,
/// unary `-`, `== != < <= > >=`, `and or not` (also `&& || !`), parentheses,
/// and the calls listed in `ExpressionFunction`.
///
/// Semantics:
/// - Missing propagates through arithmetic, comparison and functions
///   (except `is_missing` and `coalesce`); `and`/`or` use three-valued logic.
/// - Domain errors (log of ≤ 0, sqrt of < 0, division by zero, overflow)
///   are `ExpressionError`s naming the 1-based row and the value, never a
///   silent NaN or ∞.
/// - A bool result is stored as an integer 0/1 column (see `ExpressionType`).
///
/// ```swift
/// let e = try Expression.parse("log(SALES + 1)")
/// e.referencedColumns                       // ["SALES"]
/// try e.resultType(schema: ["SALES": .integer])  // .number
/// let column = try e.evaluate(on: frame)
/// ```
public struct Expression: Sendable, CustomStringConvertible {
  /// The source text as written.
  public let text: String
  let root: ExpressionNode

  /// Parses `text`; syntax errors carry the offending range.
  public static func parse(_ text: String) throws(ExpressionError) -> Expression {
    Expression(text: text, root: try ExpressionParser.parse(text))
  }

  /// The column names the expression reads, in order of first use, each once.
  public var referencedColumns: [String] {
    var names: [String] = []
    root.collectColumns(into: &names)
    return names
  }

  public var description: String { text }

  /// The type of the result against a schema, checking every column,
  /// function, argument count and operand type without touching data.
  public func resultType(schema: [String: ColumnType]) throws(ExpressionError) -> ExpressionType {
    try ExpressionTypeChecker(text: text, schema: schema, columnOrder: schema.keys.sorted()).type(of: root)
  }

  /// Evaluates the expression on every row of `frame`.
  ///
  /// Type errors are reported before any row is computed; domain errors name
  /// the first failing row. A bool result becomes an integer 0/1 column.
  /// - Complexity: O(rows × nodes); every node is one pass over a column.
  public func evaluate(on frame: Frame) throws(ExpressionError) -> Column {
    try evaluateVector(on: frame).column
  }

  /// The rows where the expression is true, for `filter`: missing and false
  /// are both dropped. The expression must be a bool (or integer) condition.
  public func matchingRows(in frame: Frame) throws(ExpressionError) -> [Int] {
    let checker = Self.checker(text: text, frame: frame)
    try checker.condition(root, context: "a filter")
    let v = try ExpressionEvaluator(text: text, frame: frame).evaluate(root, active: nil)
    guard let truth = v.truth else {
      throw ExpressionError(expression: text, range: root.range, message: "a filter needs a true/false condition")
    }
    var rows: [Int] = []
    rows.reserveCapacity(truth.count)
    for i in 0..<truth.count where truth[i] == 1 { rows.append(i) }
    return rows
  }

  private func evaluateVector(on frame: Frame) throws(ExpressionError) -> ExpressionVector {
    _ = try Self.checker(text: text, frame: frame).type(of: root)
    return try ExpressionEvaluator(text: text, frame: frame).evaluate(root, active: nil)
  }

  private static func checker(text: String, frame: Frame) -> ExpressionTypeChecker {
    var schema: [String: ColumnType] = [:]
    for (n, c) in zip(frame.columnNames, frame.columns) { schema[n] = c.type }
    return ExpressionTypeChecker(text: text, schema: schema, columnOrder: frame.columnNames)
  }
}
