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
    return try locateDefault()
  }

  /// The notebook's own template: `--template`, else its `template:`
  /// resolved against its folder; `nil` when it uses the default. What a
  /// batch index page built later (`folio index`) must use again.
  static func custom(explicit: String?, notebook: Notebook, notebookDirectory: String) -> String? {
    if let explicit { return explicit }
    guard let t = notebook.frontMatter.template else { return nil }
    return t.hasPrefix("/") ? t : (notebookDirectory as NSString).appendingPathComponent(t)
  }

  /// `templates/report.mustache` in the current folder or above, else beside
  /// the `folio` executable or above.
  static func locateDefault() throws -> String {
    let fm = FileManager.default
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
