/// An output that could not be written: the report set, a result store or
/// the lock that guards them. Exit status 1 (`FolioExit.blockFailed`), like a
/// failing block: the command line was fine, the run did not complete.
///
/// Each case names the path or target, so the message says where to look.
enum OutputError: Error, CustomStringConvertible {
  /// A file or folder under the output folder could not be created, written,
  /// renamed or removed (`reason`: the system's `strerror` text, e.g. "No
  /// space left on device").
  case cannotWrite(path: String, reason: String)
  /// The result tables could not be written to the default
  /// DIR/<stem>/results.sqlite or the `--results` target.
  case resultStore(target: String, message: String)
  /// The lock file that keeps two renders of one notebook apart could not be
  /// created or locked.
  case cannotLock(path: String, reason: String)

  var description: String {
    switch self {
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    case .resultStore(let target, let message): return "cannot write result tables to \(target): \(message)"
    case .cannotLock(let path, let reason): return "cannot lock \(path): \(reason)"
    }
  }
}
