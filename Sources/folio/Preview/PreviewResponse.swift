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
    let folder = (outputDirectory as NSString).appendingPathComponent(stem)
    let file = (folder as NSString).appendingPathComponent(relative)
    // Symlinks are resolved first: only a regular file whose real path is
    // inside the report's real folder is served (a link to /etc/passwd is not).
    guard let realFolder = realPath(folder), let realFile = realPath(file), realFile.hasPrefix(realFolder + "/") else {
      return notFound(path)
    }
    var st = stat()
    guard stat(realFile, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: realFile)
    else { return notFound(path) }
    return PreviewResponse(status: 200, contentType: contentType(forExtension: (file as NSString).pathExtension), body: [UInt8](data))
  }

  /// The canonical absolute path (symlinks, `.` and `..` resolved), or `nil` when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
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
