import FolioNotebook
import Foundation

/// Finds the report template: `--template`, else the notebook's `template:`
/// (relative to the notebook), else `templates/report.mustache` in the
/// current folder or above, else beside the `folio` executable or above.
enum TemplateLocator {
  static let defaultRelative = "templates/report.mustache"

  static func locate(explicit: String?, notebook: Notebook, notebookDirectory: String) throws -> String {
    let fm = FileManager.default
    if let explicit {
      guard fm.fileExists(atPath: explicit) else { throw UsageError(description: "--template \(explicit): no such file") }
      return explicit
    }
    if let t = notebook.frontMatter.template {
      let p = t.hasPrefix("/") ? t : (notebookDirectory as NSString).appendingPathComponent(t)
      guard fm.fileExists(atPath: p) else {
        throw UsageError(description: "\(notebook.frontMatter.location): template '\(t)' not found (looked at \(p))")
      }
      return p
    }
    let starts = [fm.currentDirectoryPath, (CommandLine.arguments[0] as NSString).deletingLastPathComponent,
                  (Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }) ?? ""]
    for start in starts where !start.isEmpty {
      var dir = URL(fileURLWithPath: start).standardizedFileURL.path
      while true {
        let candidate = (dir as NSString).appendingPathComponent(defaultRelative)
        if fm.fileExists(atPath: candidate) { return candidate }
        let parent = (dir as NSString).deletingLastPathComponent
        if parent == dir || parent.isEmpty { break }
        dir = parent
      }
    }
    throw UsageError(description: "cannot find \(defaultRelative) in the current folder or above; pass --template")
  }
}
