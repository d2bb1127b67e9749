import FolioNotebook

/// Renders an executed document into one self-contained HTML page with a
/// report template.
public struct ReportRenderer: Sendable {
  public let template: ReportTemplate

  /// Loads the template at `templatePath` (and the stylesheet beside it).
  public init(templatePath: String) throws {
    template = try ReportTemplate(templatePath: templatePath)
  }

  public init(template: ReportTemplate) {
    self.template = template
  }

  /// The full HTML document. `reportStem` is the folder (beside the page)
  /// holding the attachments that export links point to.
  public func render(_ document: ExecutedDocument, reportStem: String, generatedBy: String) -> String {
    var renderer = DocumentRenderer(reportStem: reportStem)
    return template.render(renderer.page(for: document, generatedBy: generatedBy))
  }
}
