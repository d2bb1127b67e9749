/// The script `folio preview` adds to every page it serves (never to
/// `folio render` output): it polls `/version` and reloads the page when the
/// report has been rebuilt, keeping the scroll position across the reload.
enum ReloadScript {
  /// Milliseconds between polls of `/version`.
  static let pollInterval = 400

  /// The `<script>` element for a page of this version.
  static func element(version: Int) -> String {
    """
    <script data-folio-preview>
    (function () {
      var version = "\(version)";
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
    </script>

    """
  }

  /// `html` with the script inserted before its last `</body>` (any case),
  /// or appended when the page has none.
  static func inject(into html: String, version: Int) -> String {
    let script = element(version: version)
    guard let close = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
      return html + script
    }
    var page = html
    page.insert(contentsOf: script, at: close.lowerBound)
    return page
  }
}
