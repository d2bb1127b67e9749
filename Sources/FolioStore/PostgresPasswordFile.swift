import Foundation

/// libpq's password file: lines `hostname:port:database:username:password`,
/// each of the first four a value or `*`, with `\:` and `\\` escapes; the
/// first line matching the connection gives the password.
///
/// The file is `PGPASSFILE`, else `~/.pgpass`. As libpq does, a file that
/// its group or others may read is ignored (it would leak the passwords).
enum PostgresPasswordFile {
  /// The password for this connection, or `nil` when no readable file has a matching line.
  static func password(
    host: String, port: Int, database: String, user: String, environment: [String: String], home: String
  ) -> String? {
    let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? (home as NSString).appendingPathComponent(".pgpass")
    guard isPrivate(path), let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return password(in: text, host: host, port: port, database: database, user: user)
  }

  /// The password of the first line of `text` matching the connection.
  static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
    let wanted = [host, String(port), database, user]
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
      if line.hasPrefix("#") { continue }
      let fields = split(line)
      guard fields.count == 5 else { continue }
      let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
        field == "*" || field == value
      }
      if matches { return fields[4] }
    }
    return nil
  }

  /// The five fields of a line, unescaping `\:` and `\\`.
  private static func split(_ line: String) -> [String] {
    var fields: [String] = [""]
    var escaped = false
    for c in line {
      if escaped {
        fields[fields.count - 1].append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == ":" && fields.count < 5 {
        fields.append("")
      } else {
        fields[fields.count - 1].append(c)
      }
    }
    return fields
  }

  /// Whether only the owner may read or write `path` (mode & 077 == 0).
  private static func isPrivate(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    return info.st_mode & 0o077 == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }
}
