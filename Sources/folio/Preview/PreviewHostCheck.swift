import Foundation

/// Which `Host` headers the preview answers: the loopback address or
/// `localhost` with the bound port, nothing else. A page on another site that
/// points its own domain at 127.0.0.1 (DNS rebinding) sends its own name as
/// Host, so it is refused and cannot read the preview.
struct PreviewHostCheck: Sendable {
  /// The port the server is bound to (known once it runs; `--port 0` picks one).
  var port: Int

  func allows(_ host: String?) -> Bool {
    guard let host = host?.lowercased() else { return false }
    return ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"].contains(host)
  }
}

/// Headers every preview response carries: no MIME sniffing, no framing, and
/// a policy that lets the page load nothing from the network (the report is
/// self-contained; the reload script, allowed by its hash and no other inline
/// script, asks only this server for `/version`).
enum PreviewSecurityHeaders {
  /// The policy in the served page's meta tag (see ``ReloadScript/inject(into:version:)``).
  static let pagePolicy =
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src \(ReloadScript.hashSource); connect-src 'self'; base-uri 'none'; form-action 'none'"
  /// The policy header of every response: the page policy plus `frame-ancestors`, which only a header can set.
  static let contentSecurityPolicy = pagePolicy + "; frame-ancestors 'none'"
}
