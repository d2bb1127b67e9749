import Mustache

extension ReportPage {
  /// The page as nested dictionaries and arrays for swift-mustache.
  ///
  /// Built by hand rather than by reflection so the template's names are a
  /// fixed contract: empty optional strings become absent (a `{{#subtitle}}`
  /// section does not render for `""`), and derived flags (`hasTOC`,
  /// `status.hasFailures`, …) save the template from logic it cannot express.
  /// `css` is the template's stylesheet followed by ``css``.
  ///
  /// The escaping contract: the values for raw slots (`{{{bodyHTML}}}`,
  /// `{{{.}}}` in `summaryHTML`, `{{{css}}}`) are ``HTML`` values; every other
  /// value is a `String` or number that the template escapes (`{{title}}`).
  /// `ReportTemplateContractTests` fails if a template's triple mustache
  /// names anything that is not ``HTML`` here.
  func templateData(stylesheet: String) -> [String: Any] {
    var data: [String: Any] = [
      "title": title,
      "bodyHTML": bodyHTML,
      "hasTOC": !toc.isEmpty,
      "toc": toc.map { ["level": $0.level, "text": $0.text, "id": $0.id] as [String: Any] },
      "hasByline": nonEmpty(author) != nil || nonEmpty(date) != nil,
      "css": HTML.styleSheet(css.isEmpty ? stylesheet : stylesheet + "\n" + css),
      "status": [
        "blocksRun": status.blocksRun,
        "blocksFailed": status.blocksFailed,
        "hasFailures": status.blocksFailed > 0,
      ] as [String: Any],
    ]
    var provenanceData: [String: Any] = [
      "folioVersion": provenance.folioVersion,
      "notebookName": provenance.notebookName,
      "notebookSHA256": provenance.notebookSHA256,
      "hasInputs": !provenance.inputs.isEmpty,
      "inputs": provenance.inputs.map { ["path": $0.path, "sha256": $0.sha256] },
      "hasParams": !provenance.params.isEmpty,
      "params": provenance.params.map { ["name": $0.name, "value": $0.value] },
      "generatedBy": provenance.generatedBy,
    ]
    if let seed = provenance.seed { provenanceData["seed"] = String(seed) }
    data["provenance"] = provenanceData
    for (key, value) in [("subtitle", subtitle), ("author", author), ("date", date)] {
      if let text = nonEmpty(value) { data[key] = text }
    }
    if let summaryHTML, !summaryHTML.isEmpty { data["summaryHTML"] = summaryHTML }
    return data
  }

  private func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
  }
}

/// ``HTML`` in a template renders as its markup: as is in a raw slot
/// (`{{{bodyHTML}}}`), escaped once more in an escaped one (`{{bodyHTML}}`
/// shows the tags as text, which is safe).
extension HTML: MustacheCustomRenderable {
  public var renderText: String { markup }
  public var isNull: Bool { false }
}
