import Foundation

/// libpq's connection service file: named sections of `key=value` settings,
/// so that a notebook can say `postgres://?service=marketing` and keep host,
/// user and password out of the notebook.
///
/// ```ini
/// [marketing]
/// host=db.internal
/// dbname=marketing
/// user=analyst
/// sslmode=verify-full
/// ```
/// The file is `PGSERVICEFILE`, else `~/.pg_service.conf`, else
/// `PGSYSCONFDIR/pg_service.conf`; the first file holding the section wins.
enum PostgresServiceFile {
  /// The settings of section `service`.
  /// - Throws: `DatabaseAccessError(.address)` when no service file holds it.
  static func settings(service: String, environment: [String: String], home: String) throws(DatabaseAccessError) -> [String: String] {
    var candidates: [String] = []
    if let file = environment["PGSERVICEFILE"], !file.isEmpty {
      candidates.append(file)
    } else {
      candidates.append((home as NSString).appendingPathComponent(".pg_service.conf"))
    }
    if let dir = environment["PGSYSCONFDIR"], !dir.isEmpty {
      candidates.append((dir as NSString).appendingPathComponent("pg_service.conf"))
    }
    for path in candidates {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      if let section = parse(text)[service] { return section }
    }
    throw DatabaseAccessError(
      .address, "PostgreSQL service '\(service)' is not defined in \(candidates.map { "'\($0)'" }.joined(separator: " or "))")
  }

  /// Sections of an INI-style service file; `#` starts a comment line.
  static func parse(_ text: String) -> [String: [String: String]] {
    var sections: [String: [String: String]] = [:]
    var current: String?
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("["), line.hasSuffix("]") {
        let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        current = name
        if sections[name] == nil { sections[name] = [:] }
      } else if let current, let eq = line.firstIndex(of: "=") {
        let key = line[..<eq].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        if sections[current]?[key] == nil { sections[current]?[key] = value }
      }
    }
    return sections
  }
}
