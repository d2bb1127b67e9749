import ArgumentParser
import FolioNotebook
import Foundation

/// `folio cache info` and `folio cache prune`: look at and shrink a block cache.
struct CacheCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cache",
    abstract: "Show or shrink the block cache.",
    subcommands: [Info.self, Prune.self])

  /// `folio cache info [--cache DIR]`.
  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the cache's entries, objects, total size and cap.")

    @Option(help: ArgumentHelp("Cache folder.", valueName: "dir"))
    var cache: String = "output/.folio-cache"

    @Option(help: ArgumentHelp("Cap to report (as --cache-size takes it).", valueName: "size"))
    var cacheSize: String?

    func validate() throws {
      if let cacheSize, CacheStorage.parseSize(cacheSize) == nil {
        throw ValidationError("--cache-size expects a size such as 500MB, 2GiB or 1048576, found '\(cacheSize)'")
      }
    }

    func run() throws {
      let s = CacheStorage(directory: cache).summary()
      let cap = cacheSize.flatMap(CacheStorage.parseSize) ?? CacheStorage.defaultCap
      print("cache:   \(cache)")
      print("entries: \(s.entries)")
      print("objects: \(s.objects) (\(CacheStorage.describe(bytes: s.objectBytes)))")
      print("total:   \(CacheStorage.describe(bytes: s.totalBytes)) (\(s.totalBytes) bytes)")
      print("cap:     \(CacheStorage.describe(bytes: cap)) (\(cap) bytes)")
    }
  }

  /// `folio cache prune [--cache DIR] [--max-size N]`.
  struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evict least recently used entries and objects until the cache is at most --max-size (0 empties it).")

    @Option(help: ArgumentHelp("Cache folder.", valueName: "dir"))
    var cache: String = "output/.folio-cache"

    @Option(help: ArgumentHelp("Size to shrink to (e.g. 500MB, 2GiB, 0; default 4GiB).", valueName: "size"))
    var maxSize: String?

    func validate() throws {
      if let maxSize, CacheStorage.parseSize(maxSize) == nil {
        throw ValidationError("--max-size expects a size such as 500MB, 2GiB or 0, found '\(maxSize)'")
      }
    }

    func run() throws {
      let storage = CacheStorage(directory: cache)
      let cap = maxSize.flatMap(CacheStorage.parseSize) ?? CacheStorage.defaultCap
      let freed = storage.evict(toAtMost: cap)
      let s = storage.summary()
      print("freed \(CacheStorage.describe(bytes: freed)) (\(freed) bytes); \(s.entries) entries, \(s.objects) objects, \(CacheStorage.describe(bytes: s.totalBytes)) (\(s.totalBytes) bytes) left")
    }
  }
}
