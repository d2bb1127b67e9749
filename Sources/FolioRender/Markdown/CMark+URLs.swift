import _FolioCMark

extension CMark {
  /// Empties the target of every link and image under `root` whose scheme runs
  /// code or reads local files, the rule of libcmark's safe mode
  /// (`_scan_dangerous_url`): `javascript:`, `vbscript:`, `file:`, and `data:`
  /// unless it is a PNG, GIF, JPEG or WebP image.
  ///
  /// Folio renders with `CMARK_OPT_UNSAFE` so the author's raw HTML passes
  /// through, which also turns off libcmark's own check of link targets; a
  /// target filled from data (`[x]({{ d.URL | first }})`) is checked here.
  static func dropDangerousURLs(under root: OpaquePointer) {
    for node in nodes(under: root) where [CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(type(node)) {
      guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), isDangerous(url: url) else { continue }
      cmark_node_set_url(node, "")
    }
  }

  /// Whether a browser would treat `url` as one of the dangerous schemes.
  /// Browsers drop ASCII tab and line breaks anywhere in a URL and leading
  /// control characters and spaces, and schemes are case-insensitive, so
  /// `" Java\tScript:"` counts.
  static func isDangerous(url: String) -> Bool {
    let scalars = url.unicodeScalars
      .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
      .drop(while: { $0.value <= 0x20 })
    let normalized = String(String.UnicodeScalarView(scalars)).lowercased()
    let safeImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
    if safeImages.contains(where: normalized.hasPrefix) { return false }
    return ["javascript:", "vbscript:", "file:", "data:"].contains(where: normalized.hasPrefix)
  }
}
