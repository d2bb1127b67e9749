import ArgumentParser
import FolioNotebook
import Foundation

/// `--cache DIR` and `--cache-size N`, shared by `render` and `preview`.
struct CacheOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Block cache folder, shareable by several processes (default: DIR/.folio-cache in the output folder).", valueName: "dir"))
  var cache: String?

  @Option(help: ArgumentHelp("Cap on the cache's size; least recently used entries are evicted after a render (e.g. 500MB, 2GiB; default 4GiB).", valueName: "size"))
  var cacheSize: String?

  func validate() throws {
    if let cacheSize, CacheStorage.parseSize(cacheSize) == nil {
      throw ValidationError("--cache-size expects a size such as 500MB, 2GiB or 1048576, found '\(cacheSize)'")
    }
  }

  /// The cache folder for an output folder.
  func directory(output: String) -> String {
    cache ?? (output as NSString).appendingPathComponent(".folio-cache")
  }

  /// The cap in bytes.
  var cap: Int { cacheSize.flatMap(CacheStorage.parseSize) ?? CacheStorage.defaultCap }
}
