import Foundation
import FolioData
import Mustache

/// A mustache report template plus its stylesheet, ready to render ``ReportPage``s.
///
/// The stylesheet is the file beside the template with the same stem
/// (`report.mustache` → `report.css`); it is inlined into `<style>` so the
/// report is one self-contained file. The template receives the names documented
/// on ``ReportPage/templateData(stylesheet:)``: plain-text fields with `{{…}}`
/// (escaped), pre-rendered HTML (`bodyHTML`, `summaryHTML`, `css`) with `{{{…}}}`.
public struct ReportTemplate: Sendable {
  private let template: MustacheTemplate
  /// The stylesheet inlined into every page.
  public let stylesheet: String

  /// Loads `templatePath` and the `.css` file of the same stem beside it.
  ///
  /// - Throws: ``ReportTemplateError/missingFile(path:)`` if either file is
  ///   missing, ``ReportTemplateError/syntax(location:problem:)`` for a template
  ///   that does not parse.
  public init(templatePath: String) throws {
    let templateURL = URL(fileURLWithPath: templatePath)
    let cssURL = templateURL.deletingPathExtension().appendingPathExtension("css")
    let text = try Self.read(templateURL)
    let css = try Self.read(cssURL)
    try self.init(template: text, stylesheet: css, fileName: templatePath)
  }

  /// Parses template text directly (tests, embedded templates).
  ///
  /// - Parameter fileName: used in the location of syntax errors.
  public init(template text: String, stylesheet: String, fileName: String = "report.mustache") throws {
    do {
      template = try MustacheTemplate(string: text)
    } catch let error as MustacheTemplate.ParserError {
      throw ReportTemplateError.syntax(
        location: SourceLocation(
          file: fileName, line: error.context.lineNumber, column: error.context.columnNumber),
        problem: Self.describe(error.error))
    } catch {
      throw ReportTemplateError.syntax(
        location: SourceLocation(file: fileName, line: 1, column: 1), problem: "\(error)")
    }
    self.stylesheet = stylesheet
  }

  /// The standard template: `report.mustache` in `$FOLIO_TEMPLATE_DIR` if set,
  /// else in this source tree's top-level `templates/` folder.
  public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> ReportTemplate
  {
    let directory =
      environment["FOLIO_TEMPLATE_DIR"]
      ?? URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Report
      .deletingLastPathComponent()  // FolioRender
      .deletingLastPathComponent()  // Sources
      .deletingLastPathComponent()  // package root
      .appendingPathComponent("templates").path
    return try ReportTemplate(
      templatePath: URL(fileURLWithPath: directory).appendingPathComponent("report.mustache").path)
  }

  /// The complete HTML5 document for `page`. Deterministic: the same page gives
  /// byte-identical output.
  public func render(_ page: ReportPage) -> String {
    template.render(page.templateData(stylesheet: stylesheet))
  }

  // MARK: - Helpers

  private static func read(_ url: URL) throws -> String {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw ReportTemplateError.missingFile(path: url.path)
    }
    do {
      return try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ReportTemplateError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
  }

  private static func describe(_ error: Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
    switch error {
    case .sectionCloseNameIncorrect: return "section closed with a different name than it was opened with"
    case .unfinishedName: return "tag is not closed (expected '}}')"
    case .expectedSectionEnd: return "section is never closed (expected '{{/name}}')"
    case .invalidSetDelimiter: return "malformed set-delimiter tag"
    case .transformAppliedToInheritanceSection: return "transform applied to an inheritance section"
    case .illegalTokenInsideInheritSection: return "illegal tag inside an inherit section"
    case .textInsideInheritSection: return "text inside an inherit section"
    case .invalidConfigVariableSyntax: return "malformed pragma tag"
    case .unrecognisedConfigVariable: return "unknown pragma"
    @unknown default: return "\(error)"
    }
  }
}
