import Foundation

/// A response of the preview server, independent of the HTTP library.
struct PreviewResponse: Sendable, Equatable {
  var status: Int
  var contentType: String
  var body: [UInt8]

  static func notFound(_ path: String) -> PreviewResponse {
    PreviewResponse(status: 404, contentType: "text/plain; charset=utf-8", body: Array("not found: \(path)\n".utf8))
  }

  /// A file the report wrote under `<outputDirectory>/<stem>/`, for a
  /// (percent-decoded) URL path `/<stem>/<name>`. Paths with empty, `.` or `..`
  /// components are not found: nothing outside that folder is served.
  static func attachment(at path: String, stem: String, outputDirectory: String) -> PreviewResponse {
    let prefix = "/\(stem)/"
    guard path.hasPrefix(prefix) else { return notFound(path) }
    let relative = String(path.dropFirst(prefix.count))
    let components = relative.split(separator: "/", omittingEmptySubsequences: false)
    guard !components.isEmpty, components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
    else { return notFound(path) }
    let file = ((outputDirectory as NSString).appendingPathComponent(stem) as NSString).appendingPathComponent(relative)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
      let data = FileManager.default.contents(atPath: file)
    else { return notFound(path) }
    return PreviewResponse(status: 200, contentType: contentType(forExtension: (file as NSString).pathExtension), body: [UInt8](data))
  }

  /// The media type for a file extension (lowercased); unknown → octet-stream.
  static func contentType(forExtension ext: String) -> String {
    switch ext.lowercased() {
    case "html", "htm": return "text/html; charset=utf-8"
    case "csv": return "text/csv; charset=utf-8"
    case "json": return "application/json"
    case "txt", "md": return "text/plain; charset=utf-8"
    case "svg": return "image/svg+xml"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "css": return "text/css; charset=utf-8"
    case "js": return "text/javascript; charset=utf-8"
    default: return "application/octet-stream"
    }
  }
}
