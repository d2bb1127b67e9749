import Foundation

/// What the preview watcher remembers about one file to notice a save:
/// whether it exists, its size in bytes, its modification time and its inode.
///
/// Size and time catch in-place writes; the inode catches editors that save by
/// writing a new file and renaming it over the old one within the same clock
/// tick. A file that is missing or unreadable has the `missing` fingerprint,
/// so creating it later counts as a change.
struct FileFingerprint: Equatable, Sendable {
  var exists: Bool
  var size: UInt64
  /// Seconds since 1970 (sub-second precision where the file system has it).
  var modified: Double
  var inode: UInt64

  static let missing = FileFingerprint(exists: false, size: 0, modified: 0, inode: 0)

  /// Reads the fingerprint of `path` now; `missing` when it cannot be read.
  static func of(_ path: String) -> FileFingerprint {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return .missing }
    return FileFingerprint(
      exists: true,
      size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
      modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
      inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
  }
}

/// Fingerprints of a set of watched files, in the order they were given.
struct WatchedFiles: Equatable, Sendable {
  private(set) var entries: [(path: String, fingerprint: FileFingerprint)]

  /// Fingerprints every path now (duplicates keep their first position).
  init(_ paths: [String]) {
    entries = []
    for path in paths where !entries.contains(where: { $0.path == path }) {
      entries.append((path, FileFingerprint.of(path)))
    }
  }

  /// The watched paths.
  var paths: [String] { entries.map(\.path) }

  /// Paths whose fingerprint differs from what is on disk now.
  func changedPaths() -> [String] {
    entries.filter { FileFingerprint.of($0.path) != $0.fingerprint }.map(\.path)
  }

  /// Watches `paths`, keeping the fingerprints already known for paths watched
  /// before (so a save that lands while a rebuild runs is still noticed) and
  /// reading the others now.
  func rewatching(_ paths: [String]) -> WatchedFiles {
    var next = WatchedFiles([])
    for path in paths where !next.entries.contains(where: { $0.path == path }) {
      let known = entries.first(where: { $0.path == path })?.fingerprint
      next.entries.append((path, known ?? FileFingerprint.of(path)))
    }
    return next
  }

  static func == (a: WatchedFiles, b: WatchedFiles) -> Bool {
    a.entries.count == b.entries.count
      && zip(a.entries, b.entries).allSatisfy { $0.path == $1.path && $0.fingerprint == $1.fingerprint }
  }
}
