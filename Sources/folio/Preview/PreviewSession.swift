import Foundation

/// The page `folio preview` currently serves and its version, shared by the
/// rebuild loop (which publishes) and the HTTP handlers (which read).
///
/// The version starts at 1 and goes up by one each time a rebuild produces
/// different HTML, so a browser reloads only when there is something new.
actor PreviewSession {
  /// File stem of the report; attachments are served under `/<stem>/…`.
  let stem: String
  /// Folder the report and its attachments are written to.
  let outputDirectory: String
  private(set) var version = 0
  /// Set once the server is bound; until then no request is answered.
  private var hostCheck: PreviewHostCheck?
  private var report = ""
  private var page = ""

  init(stem: String, outputDirectory: String) {
    self.stem = stem
    self.outputDirectory = outputDirectory
  }

  /// Records the bound port, so requests for `127.0.0.1:<port>` or `localhost:<port>` are answered.
  func bound(port: Int) { hostCheck = PreviewHostCheck(port: port) }

  /// Whether a request with this `Host` header is answered.
  func allowsHost(_ host: String?) -> Bool { hostCheck?.allows(host) ?? false }

  /// Makes `html` the served page; returns whether it differs from the last one
  /// (and so whether the version went up).
  @discardableResult
  func publish(_ html: String) -> Bool {
    guard version == 0 || html != report else { return false }
    version += 1
    report = html
    page = ReloadScript.inject(into: html, version: version)
    return true
  }

  /// The response for a GET of `path` (the URL path, still percent-encoded).
  func respond(to encodedPath: String) -> PreviewResponse {
    guard let path = encodedPath.removingPercentEncoding else { return .notFound(encodedPath) }
    switch path {
    case "/", "/index.html", "/\(stem).html":
      return PreviewResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(page.utf8))
    case "/version":
      return PreviewResponse(status: 200, contentType: "text/plain; charset=utf-8", body: Array("\(version)".utf8))
    default:
      return PreviewResponse.attachment(at: path, stem: stem, outputDirectory: outputDirectory)
    }
  }
}
