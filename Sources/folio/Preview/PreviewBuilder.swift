import FolioNotebook
import Foundation

/// One rebuild of the previewed report: the page to serve (before the reload
/// script is added), the files to watch next, and what to print.
struct PreviewBuild: Sendable {
  /// The report HTML, or an error page when no report could be made.
  var html: String
  /// Whether `html` is an error page rather than a report.
  var isErrorPage: Bool
  /// Notebook, every input file it read, the template and its stylesheet, as paths on disk.
  var watchedPaths: [String]
  /// Lines for standard error: the notebook's diagnostics, then an outcome line.
  var messages: [String]
}

/// Runs a `ReportJob` for `folio preview` and turns every way it can fail
/// into a page: errors inside the notebook are the report's error cells
/// (`ReportJob` already renders them); a notebook that cannot be read, a
/// missing or broken template or a `--param` that no longer fits becomes
/// `PreviewErrorPage`.
struct PreviewBuilder: Sendable {
  var job: ReportJob
  /// The `--template` option, watched even when the build fails before using it.
  var explicitTemplate: String?

  /// Builds synchronously (it executes the notebook). `previouslyWatched`
  /// is kept on a failed build so that fixing a data file or template still
  /// triggers the next rebuild.
  func build(previouslyWatched: [String]) -> PreviewBuild {
    let notebook = job.notebookPath
    do {
      let outcome = try job.run()
      let document = outcome.document
      var watched = [notebook]
      watched += document.inputs.map { resolve($0.path) }
      if let template = try? TemplateLocator.locate(
        explicit: job.templatePath, notebook: document.notebook, notebookDirectory: job.baseDirectory)
      {
        // The renderer inlines the stylesheet beside the template: `<template stem>.css`.
        watched += [template, ((template as NSString).deletingPathExtension as NSString).appendingPathExtension("css") ?? template]
      }
      // A file read before but missing now (deleted, or mid-save) failed its
      // block and so is not among the inputs: keep watching it so that
      // restoring it rebuilds.
      watched += previouslyWatched.filter { !watched.contains($0) && !FileManager.default.fileExists(atPath: $0) }
      let messages = document.diagnostics.map(\.description) + [document.outcomeLine(htmlPath: outcome.htmlPath)]
      return PreviewBuild(html: outcome.html, isErrorPage: false, watchedPaths: watched, messages: messages)
    } catch {
      let message = (error as? UsageError)?.description ?? "\(error)"
      var watched = [notebook] + previouslyWatched
      if let explicitTemplate { watched.append(explicitTemplate) }
      return PreviewBuild(
        html: PreviewErrorPage.html(notebookPath: notebook, message: message), isErrorPage: true,
        watchedPaths: watched, messages: ["error: \(message)"])
    }
  }

  /// An input path as the notebook wrote it, resolved against the notebook's folder.
  private func resolve(_ path: String) -> String {
    if path.hasPrefix("/") || job.baseDirectory == "." { return path }
    return (job.baseDirectory as NSString).appendingPathComponent(path)
  }
}
