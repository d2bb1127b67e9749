import FolioData

/// The `number format` option kind shared by `{table}`, `{chart}` and the
/// model directives: `number`, `fixed:2`, `thousands:0`, `percent:1`,
/// `currency:0` (or `currency:2:€`), `compact:1`, `sci:3`.
enum NumberFormatOption {
  static let grammar = "number format (fixed:2, thousands:0, percent:1, currency:0, compact:1, sci:3)"

  /// One format, as an item of a `{COLUMN: format}` map.
  static let declaration = DirectiveOption.item(.structured(grammar)) { node, name throws(NotebookError) -> NumberFormat in
    try parse(node, name)
  }

  /// An optional format option named `name`.
  static func option(_ name: String, _ help: String) -> OptionDeclaration<NumberFormat?> {
    DirectiveOption.structured(name, kind: .structured(grammar), help) { node, name throws(NotebookError) in try parse(node, name) }
  }

  static func parse(_ node: OptionNode, _ name: String) throws(NotebookError) -> NumberFormat {
    let text = try node.string(name)
    do { return try NumberFormat(parsing: text, at: node.location) } catch {
      throw NotebookError.wrapping(error, at: node.location)
    }
  }
}
