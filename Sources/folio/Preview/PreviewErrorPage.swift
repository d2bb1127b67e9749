import FolioRender

/// The page served when no report could be made at all: the notebook cannot
/// be read, the template is missing or fails, a `--param` no longer fits.
/// Errors inside the notebook (bad YAML, a failing block) are not shown here:
/// they are the report's own error cells.
enum PreviewErrorPage {
  /// A minimal standalone HTML page stating `message` about `notebookPath`.
  static func html(notebookPath: String, message: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
    <title>folio preview: error</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 48rem; color: #222; }
    .error-cell { border-left: 4px solid #c0392b; background: #fdf0ef; padding: 0.75rem 1rem; white-space: pre-wrap; font-family: ui-monospace, monospace; }
    </style>
    </head>
    <body>
    <h1>Cannot build \(escape(notebookPath))</h1>
    <div class="error-cell preview-error">\(escape(message))</div>
    <p>The page reloads when the file is saved again.</p>
    </body>
    </html>

    """
  }

  /// Escapes `& < > " '` for HTML text and attribute values (Folio's one escaping rule, ``HTML``).
  static func escape(_ s: String) -> String {
    HTML(escaping: s).markup
  }
}
