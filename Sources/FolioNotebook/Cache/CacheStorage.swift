import FolioData
import Foundation

/// The files of a cache directory as a whole: what `folio cache info`
/// reports, and least-recently-used eviction down to a size cap.
///
/// Recency is each file's modification time, which the cache sets to now
/// whenever it reads or writes an entry or object (`CacheFiles.touch`).
/// Eviction deletes the least recently used files first, entries and objects
/// alike: an entry whose object was evicted is simply a miss next time, and
/// a reader that has an object mapped keeps its bytes after the unlink, so
/// evicting while another process renders is safe.
public struct CacheStorage: Sendable {
  public let directory: String

  /// Default cap on a cache's size: 4 GiB.
  public static let defaultCap = 4 << 30

  public init(directory: String) {
    self.directory = directory
  }

  /// One file of the cache.
  struct File {
    var path: String
    var size: Int
    /// Last use, nanoseconds since 1970.
    var used: Int
    var isObject: Bool
  }

  /// Counts and sizes, as `folio cache info` prints them.
  public struct Summary: Sendable, Equatable {
    /// Block and prose entries.
    public var entries: Int
    /// Stored datasets.
    public var objects: Int
    /// Bytes of entries, objects and the input index together.
    public var totalBytes: Int
    public var objectBytes: Int
  }

  public func summary() -> Summary {
    let files = list()
    let objects = files.filter(\.isObject)
    let entries = files.filter { !$0.isObject && ($0.path.hasSuffix(".block") || $0.path.hasSuffix(".prose")) }
    return Summary(
      entries: entries.count, objects: objects.count, totalBytes: files.reduce(0) { $0 + $1.size },
      objectBytes: objects.reduce(0) { $0 + $1.size })
  }

  /// Deletes least recently used files until the cache holds at most `cap`
  /// bytes; also deletes temporary files older than an hour (left by a
  /// killed writer). Returns the number of bytes freed.
  @discardableResult
  public func evict(toAtMost cap: Int, now: Date = Date()) -> Int {
    var files = list()
    var freed = 0
    let hourAgo = Int((now.timeIntervalSince1970 - 3600) * 1e9)
    files.removeAll { f in
      guard (f.path as NSString).lastPathComponent.contains("tmp-"), f.used < hourAgo else { return false }
      if unlink(f.path) == 0 { freed += f.size }
      return true
    }
    var total = files.reduce(0) { $0 + $1.size }
    guard total > cap else { return freed }
    // Oldest first; ties broken by path so eviction is deterministic.
    for f in files.sorted(by: { ($0.used, $0.path) < ($1.used, $1.path) }) {
      guard total > cap else { break }
      if unlink(f.path) == 0 {
        total -= f.size
        freed += f.size
      }
    }
    return freed
  }

  /// Every regular file under the cache directory.
  func list() -> [File] {
    var files: [File] = []
    let objects = (directory as NSString).appendingPathComponent("objects")
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
      let path = (directory as NSString).appendingPathComponent(name)
      if name == "objects" {
        for shard in (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [] {
          let shardPath = (objects as NSString).appendingPathComponent(shard)
          if let f = Self.file(shardPath, isObject: false) {
            files.append(f)  // a temporary file of an object being written
            continue
          }
          for obj in (try? FileManager.default.contentsOfDirectory(atPath: shardPath)) ?? [] {
            if let f = Self.file((shardPath as NSString).appendingPathComponent(obj), isObject: true) { files.append(f) }
          }
        }
      } else if let f = Self.file(path, isObject: false) {
        files.append(f)
      }
    }
    return files
  }

  private static func file(_ path: String, isObject: Bool) -> File? {
    var st = stat()
    guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return File(path: path, size: Int(st.st_size), used: st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec, isObject: isObject)
  }

  /// Parses a size as `--cache-size` takes it: bytes, or a number with
  /// `KB`/`MB`/`GB`/`TB` (powers of 1000) or `KiB`/`MiB`/`GiB`/`TiB` (powers
  /// of 1024), `K`/`M`/`G`/`T` alone meaning the binary unit; case-insensitive,
  /// a space allowed. `nil` when it is not such a size.
  public static func parseSize(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = t.prefix { $0.isNumber || $0 == "." }
    guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
    let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    let units: [String: Double] = [
      "": 1, "b": 1,
      "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
      "k": 1024, "m": 1_048_576, "g": 1_073_741_824, "t": 1_099_511_627_776,
      "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]
    guard let scale = units[unit] else { return nil }
    let bytes = (number * scale).rounded()
    guard bytes < 9e18 else { return nil }
    return Int(bytes)
  }

  /// A byte count for people: `512 B`, `3.4 MB`, `1.20 GB` (powers of 1000).
  public static func describe(bytes: Int) -> String {
    let b = Double(bytes)
    switch bytes {
    case ..<1000: return "\(bytes) B"
    case ..<1_000_000: return String(format: "%.1f kB", b / 1e3)
    case ..<1_000_000_000: return String(format: "%.1f MB", b / 1e6)
    default: return String(format: "%.2f GB", b / 1e9)
    }
  }
}
