import FolioData

/// Turns a result value into a dataset so any result can be shown as a table.
///
/// A dataset stays as it is; a record of equally long lists becomes columns;
/// a list of records becomes rows; a record of scalars becomes two columns,
/// `name` and `value`.
public enum TableConversion {
  public static func frame(from value: Value, reference: String, at location: SourceLocation) throws(NotebookError) -> Frame {
    switch value {
    case .table(let f): return f
    case .object(let fields):
      if !fields.isEmpty, fields.allSatisfy({ if case .array = $0.1 { return true } else { return false } }) {
        var frame = Frame()
        for (name, v) in fields {
          guard case .array(let items) = v else { continue }
          do { try frame.append(name, column(items)) } catch {
            throw NotebookError(location, "'\(reference)' cannot be shown as a table: \(error.description)")
          }
        }
        return frame
      }
      let scalars = fields.filter { $0.1.isScalarValue }
      return (try? Frame([
        ("name", .string(StringColumn(scalars.map { Optional($0.0) }))),
        ("value", column(scalars.map(\.1))),
      ])) ?? Frame()
    case .array(let items):
      var names: [String] = []
      for item in items {
        guard case .object(let fs) = item else {
          return (try? Frame([("value", column(items))])) ?? Frame()
        }
        for (n, _) in fs where !names.contains(n) { names.append(n) }
      }
      var frame = Frame()
      for n in names { try? frame.append(n, column(items.map { $0[n] ?? .null })) }
      return frame
    default:
      return (try? Frame([("value", column([value]))])) ?? Frame()
    }
  }

  /// A column from values: integers, numbers, or text (anything mixed is text).
  static func column(_ items: [Value]) -> Column {
    if items.allSatisfy({ if case .integer = $0 { return true }; if case .null = $0 { return true }; return false }) {
      return .integer(IntegerColumn(
        values: items.map { if case .integer(let i) = $0 { return i } else { return 0 } },
        missing: items.map { if case .null = $0 { return true } else { return false } }))
    }
    if items.allSatisfy({ $0.doubleValue != nil || $0 == .null }), !items.contains(where: { if case .bool = $0 { return true } else { return false } }) {
      return .number(items.map { $0.doubleValue ?? .nan })
    }
    return .string(StringColumn(items.map { v -> String? in
      if case .null = v { return nil }
      return TemplateFilters.displayText(v)
    }))
  }
}

extension Value {
  var isScalarValue: Bool {
    switch self {
    case .array, .object, .table: return false
    default: return true
    }
  }
}
