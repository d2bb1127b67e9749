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

  /// Escapes `&`, `<`, `>` and `"` for HTML text and attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }
}
