import FolioData

/// `{summary}`: the executive-summary panel shown at the top of the report:
/// headline sentences with inline values and 2–5 key-figure cards.
///
/// ```yaml
/// headlines:
///   - "{{ full.params.boost | percent: 0 }} of the extra allocation stays on hand."
/// cards:
///   - value: "{{ cost.total | currency: 0 }}"
///     label: Promo inventory cost due to the multiplier
///     note: across 50 SKUs and 10 stores
/// ```
public enum SummaryDirective: Directive {
  public static let name = "summary"
  public static let summary = "Executive summary at the top of the report: headline sentences and 2–5 key-figure cards."
  static let headline = DirectiveOption.markdown("headline", "One headline paragraph (markdown, inline values allowed).")
  static let headlines = DirectiveOption.markdowns("headlines", "Several headline paragraphs.")
  static let cards = DirectiveOption.structured(
    "cards", kind: .list(.record([RecordField("value", .text), RecordField("label", .markdown), RecordField("note", .markdown)])),
    "2–5 key figures, each with value, label and optional note.", decode: parseCards)
  public static let options: [any AnyOptionDeclaration] = [headline, headlines, cards]

  static let cardKeys = ["value", "label", "note"]

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    guard options.isPresent(headline) || options.isPresent(headlines) || options.isPresent(cards) else {
      return [NotebookError(options.blockLocation, "{summary} needs 'headline' (or 'headlines') and/or 'cards'")]
    }
    return []
  }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let spec = SummarySpec(headlines: (options[headline].map { [$0] } ?? []) + (options[headlines] ?? []), cards: options[cards] ?? [])
    let value = Value.object([
      ("headlines", .array(spec.headlines.map(Value.string))),
      ("cards", .array(spec.cards.map {
        .object([("value", .string($0.value)), ("label", .string($0.label)), ("note", $0.note.map(Value.string) ?? .null)])
      })),
    ])
    return DirectiveResult(value: value, outputs: [.summary(spec)])
  }

  static func parseCards(_ cs: OptionNode, _ name: String) throws(NotebookError) -> [SummarySpec.Card] {
    var cards: [SummarySpec.Card] = []
    let items = cs.list()
    guard (2...5).contains(items.count) else {
      throw NotebookError(cs.location, "cards: expected 2 to 5 key figures, found \(items.count)")
    }
    for item in items {
      let entries = try item.entries("card")
      if let bad = entries.first(where: { !cardKeys.contains($0.key) }) {
        throw NotebookError(bad.keyLocation, "unknown card field '\(bad.key)'\(NearMatches.hint(for: bad.key, in: cardKeys, noun: "card field"))")
      }
      guard let v = item["value"], let l = item["label"] else {
        throw NotebookError(item.location, "a card needs both 'value' and 'label'")
      }
      cards.append(SummarySpec.Card(value: try v.string("value"), label: try l.string("label"), note: try item["note"]?.string("note")))
    }
    return cards
  }
}
