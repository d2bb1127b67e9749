import FolioData

/// Why a report template could not be loaded.
public enum ReportTemplateError: LocatedError, Equatable {
  /// The template or its stylesheet does not exist.
  case missingFile(path: String)
  /// The file exists but could not be read as UTF-8 text.
  case unreadableFile(path: String, reason: String)
  /// The template is not valid mustache; `location` is 1-based line and column.
  case syntax(location: SourceLocation, problem: String)

  public var location: SourceLocation? {
    if case .syntax(let location, _) = self { return location }
    return nil
  }

  public var message: String {
    switch self {
    case .missingFile(let path):
      return "report template file '\(path)' not found"
    case .unreadableFile(let path, let reason):
      return "cannot read report template file '\(path)': \(reason)"
    case .syntax(_, let problem):
      return "invalid mustache template: \(problem)"
    }
  }
}
