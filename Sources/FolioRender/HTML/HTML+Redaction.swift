import FolioStore

extension HTML {
  /// This markup with the password (and `password=` / `sslpassword=` query
  /// items) of every URL in it removed, as ``ConnectionString/redacted(_:)``
  /// does for text: a connection string from data, a parameter or the prose
  /// never shows its secret in a page.
  ///
  /// Safe on markup: redaction only deletes characters inside a URL, which
  /// ends at whitespace, a quote or `<` / `>`, so no tag or attribute changes.
  func redactingConnectionStrings() -> HTML {
    HTML(uncheckedMarkup: ConnectionString.redacted(markup))
  }
}
