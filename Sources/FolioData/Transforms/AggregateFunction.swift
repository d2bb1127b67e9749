/// A per-group summary for `aggregate` and `pivot`.
///
/// Missing values are skipped. A group with no non-missing value gives
/// missing for every function except `count`, which gives 0.
public enum AggregateFunction: String, Sendable, CaseIterable, CustomStringConvertible {
  /// Σx; integer for an integer column (overflow is an error), else number
  /// (compensated summation).
  case sum
  /// Σx / n over non-missing values; always a number.
  case mean
  /// `count()`: rows in the group; `count(x)`: non-missing values of x. Integer.
  case count
  /// Smallest value; numbers, integers, dates and strings (Unicode order); keeps the column type.
  case min
  /// Largest value; as `min`.
  case max
  /// Middle value; for an even count the mean of the two middle values. Always a number.
  case median

  public var description: String { rawValue }

  /// Whether the function needs a column argument.
  public var needsColumn: Bool { self != .count }

  /// The result type for an input column type, or `nil` when the function
  /// does not apply to it (e.g. the mean of a string column).
  public func resultType(for input: ColumnType?) -> ColumnType? {
    switch (self, input) {
    case (.count, _): return .integer
    case (_, nil): return nil
    case (.sum, .integer?): return .integer
    case (.sum, .number?), (.mean, .number?), (.mean, .integer?), (.median, .number?), (.median, .integer?):
      return .number
    case (.min, let t?), (.max, let t?): return t
    default: return nil
    }
  }
}

/// One output column of `aggregate`: `output = function(column)`.
public struct Aggregation: Sendable, Hashable, CustomStringConvertible {
  /// Name of the output column.
  public var output: String
  /// The summary to compute.
  public var function: AggregateFunction
  /// The input column; `nil` only for `count()` (rows per group).
  public var column: String?

  /// `Aggregation("BASE_BOH", .mean, "BOH")`, or `Aggregation("N", .count)` for rows per group.
  public init(_ output: String, _ function: AggregateFunction, _ column: String? = nil) {
    self.output = output
    self.function = function
    self.column = column
  }

  /// Parses the notebook spelling `mean(BOH)`, `count()` or `` sum(`Unit Price`) ``.
  ///
  /// - Throws: `ExpressionError` locating an unknown function (with near
  ///   matches), a missing or extra argument, or an argument that is not a
  ///   plain column name.
  public init(_ output: String, parsing spec: String) throws(ExpressionError) {
    let node = try ExpressionParser.parse(spec)
    guard case .call(let name, let args, let nameRange) = node.kind else {
      throw ExpressionError(
        expression: spec, range: node.range,
        message: "expected an aggregate such as mean(COLUMN) or count(); functions are: "
          + AggregateFunction.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard let f = AggregateFunction(rawValue: name) else {
      throw ExpressionError(
        expression: spec, range: nameRange,
        message: "unknown aggregate function '\(name)'"
          + NearMatches.hint(for: name, in: AggregateFunction.allCases.map(\.rawValue), noun: "aggregate function"))
    }
    if args.count > 1 || (f.needsColumn && args.isEmpty) {
      throw ExpressionError(
        expression: spec, range: node.range,
        message: f.needsColumn ? "\(name) takes one column: \(name)(COLUMN)" : "count takes at most one column")
    }
    var column: String?
    if let a = args.first {
      guard case .column(let c) = a.kind else {
        throw ExpressionError(
          expression: spec, range: a.range,
          message: "\(name) takes a column name; derive computed values first")
      }
      column = c
    }
    self.init(output, f, column)
  }

  /// `OUTPUT = function(column)`.
  public var description: String { "\(output) = \(function.rawValue)(\(column ?? ""))" }
}
