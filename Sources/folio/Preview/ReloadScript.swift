import Foundation
import FolioNotebook

/// The script `folio preview` adds to every page it serves (never to
/// `folio render` output): it polls `/version` and reloads the page when the
/// report has been rebuilt, keeping the scroll position across the reload.
///
/// The script's text is the same for every version (the version is in the
/// element's `data-version` attribute), so one SHA-256 hash in the
/// Content-Security-Policy allows exactly this script and no other inline one.
enum ReloadScript {
  /// Milliseconds between polls of `/version`.
  static let pollInterval = 400

  /// The script's text, between `<script …>` and `</script>`: the bytes the CSP hash covers.
  static let source = """

    (function () {
      var version = document.currentScript.dataset.version;
      var key = "folio-preview-scroll:" + location.pathname;
      var saved = sessionStorage.getItem(key);
      if (saved !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved)); }
      function poll() {
        fetch("/version", { cache: "no-store" })
          .then(function (r) { return r.text(); })
          .then(function (v) {
            if (v.trim() !== version) {
              sessionStorage.setItem(key, String(window.scrollY));
              location.reload();
            } else {
              setTimeout(poll, \(pollInterval));
            }
          })
          .catch(function () { setTimeout(poll, \(pollInterval * 5)); });
      }
      setTimeout(poll, \(pollInterval));
    })();

    """

  /// `'sha256-…'`: the CSP source that allows ``source`` (base64 of its SHA-256).
  static let hashSource: String = {
    let hex = SHA256Digest.hex(of: Array(source.utf8))
    var bytes: [UInt8] = []
    var i = hex.startIndex
    while i < hex.endIndex {
      let next = hex.index(i, offsetBy: 2)
      bytes.append(UInt8(hex[i..<next], radix: 16) ?? 0)
      i = next
    }
    return "'sha256-\(Data(bytes).base64EncodedString())'"
  }()

  /// The `<script>` element for a page of this version.
  static func element(version: Int) -> String {
    "<script data-folio-preview data-version=\"\(version)\">\(source)</script>\n"
  }

  /// `html` with the script inserted before its last `</body>` (any case),
  /// or appended when the page has none, and the page's own
  /// Content-Security-Policy meta tag (the report's, which allows no script)
  /// replaced by the preview's page policy, which allows this script by hash.
  static func inject(into html: String, version: Int) -> String {
    var page = withPreviewPolicy(html)
    let script = element(version: version)
    guard let close = page.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
      return page + script
    }
    page.insert(contentsOf: script, at: close.lowerBound)
    return page
  }

  /// The first `<meta http-equiv="Content-Security-Policy" content="…">` of
  /// `html` with its policy replaced by ``PreviewSecurityHeaders/pagePolicy``.
  static func withPreviewPolicy(_ html: String) -> String {
    let open = "<meta http-equiv=\"Content-Security-Policy\" content=\""
    guard let start = html.range(of: open, options: .caseInsensitive),
      let end = html[start.upperBound...].firstIndex(of: "\"")
    else { return html }
    return html.replacingCharacters(in: start.upperBound..<end, with: PreviewSecurityHeaders.pagePolicy)
  }
}
