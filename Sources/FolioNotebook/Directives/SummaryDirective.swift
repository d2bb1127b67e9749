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
  public static let options: [OptionSpec] = [
    OptionSpec("headline", "One headline paragraph (markdown, inline values allowed)."),
    OptionSpec("headlines", "Several headline paragraphs."),
    OptionSpec("cards", "2–5 key figures, each with value, label and optional note."),
  ]

  static let cardKeys = ["value", "label", "note"]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    do { _ = try parse(call) } catch { return [error] }
    return []
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    let spec = try parse(call)
    let value = Value.object([
      ("headlines", .array(spec.headlines.map(Value.string))),
      ("cards", .array(spec.cards.map {
        .object([("value", .string($0.value)), ("label", .string($0.label)), ("note", $0.note.map(Value.string) ?? .null)])
      })),
    ])
    return DirectiveResult(value: value, outputs: [.summary(spec)])
  }

  static func parse(_ call: DirectiveCall) throws(NotebookError) -> SummarySpec {
    var headlines: [String] = []
    if let h = call.options["headline"] { headlines.append(try h.string("headline")) }
    if let hs = call.options["headlines"] {
      for h in hs.list() { headlines.append(try h.string("headlines")) }
    }
    var cards: [SummarySpec.Card] = []
    if let cs = call.options["cards"] {
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
    }
    guard !headlines.isEmpty || !cards.isEmpty else {
      throw NotebookError(call.location, "{summary} needs 'headline' (or 'headlines') and/or 'cards'")
    }
    return SummarySpec(headlines: headlines, cards: cards)
  }
}
