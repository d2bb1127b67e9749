import FolioData
import Foundation

/// Remembers the SHA-256 of input files by what `stat` says of them (device,
/// inode, size, modification and change times to the nanosecond), so a
/// rerender with nothing changed does not read and hash its inputs again, as
/// git's index does for the work tree.
///
/// A file modified in the last two seconds before it was hashed is not
/// remembered ("racily clean" in git's words): another write within the
/// clock's granularity could leave the same stat with other bytes. Entries
/// live in `<cache>/inputs.index`, one `key<TAB>sha256` line each, written
/// atomically; a damaged or foreign line is ignored, costing a hash.
public final class InputDigestIndex: @unchecked Sendable {
  private let path: String
  private var entries: [String: String] = [:]
  private var changed = false
  private let lock = NSLock()
  /// Files hashed (not served from the index) since this index was loaded.
  public private(set) var hashedCount = 0

  /// The index stored in `directory` (empty when there is none yet).
  public init(directory: String) {
    path = (directory as NSString).appendingPathComponent("inputs.index")
    guard let data = FileManager.default.contents(atPath: path) else { return }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: "\t")
      guard parts.count == 2, parts[1].count == 64 else { continue }
      entries[String(parts[0])] = String(parts[1])
    }
  }

  /// The SHA-256 of the file at `path`, from the index when its stat is
  /// unchanged, else hashed (and remembered unless racily new); `nil` when
  /// it cannot be read.
  public func sha256(ofFile filePath: String) -> String? {
    guard let key = Self.statKey(filePath) else { return nil }
    lock.lock()
    if let known = entries[key.text] {
      lock.unlock()
      return known
    }
    lock.unlock()
    guard let digest = SHA256Digest.hex(ofFile: filePath) else { return nil }
    lock.lock()
    hashedCount += 1
    if Date().timeIntervalSince1970 - key.modified >= 2 {
      entries[key.text] = digest
      changed = true
    }
    lock.unlock()
    return digest
  }

  /// Whether `sha256(ofFile:)` would hash the file at `path` and remember
  /// the digest: a readable file whose stat is not in the index and that
  /// was not modified in the last two seconds.
  public func wouldLearn(_ filePath: String) -> Bool {
    guard let key = Self.statKey(filePath), Date().timeIntervalSince1970 - key.modified >= 2 else { return false }
    lock.lock()
    defer { lock.unlock() }
    return entries[key.text] == nil
  }

  /// Writes the index if it learned anything (atomically: beside, then renamed).
  public func save() {
    lock.lock()
    defer { lock.unlock() }
    guard changed else { return }
    let text = entries.keys.sorted().map { "\($0)\t\(entries[$0] ?? "")\n" }.joined()
    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    changed = false
  }

  /// `realpath|dev|ino|size|mtime_ns|ctime_ns` and the modification time in seconds.
  static func statKey(_ filePath: String) -> (text: String, modified: Double)? {
    var st = stat()
    guard stat(filePath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let real = (filePath as NSString).resolvingSymlinksInPath
    let m = st.st_mtim, c = st.st_ctim
    let text = "\(real)|\(st.st_dev)|\(st.st_ino)|\(st.st_size)|\(m.tv_sec).\(m.tv_nsec)|\(c.tv_sec).\(c.tv_nsec)"
    return (text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " "), Double(m.tv_sec) + Double(m.tv_nsec) / 1e9)
  }
}
