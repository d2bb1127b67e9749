#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic renames within one filesystem: the primitives that let a set of
/// files be written beside its destination and switched into place.
public enum PathRename {
  /// Why a rename failed: both paths and the `strerror` text.
  public struct Failure: Error, Sendable {
    public var from: String
    public var to: String
    public var reason: String
  }

  /// Renames `from` to `to` (`rename(2)`): a file replaces a file at `to`
  /// atomically (a reader opens the old one or the new one), a folder
  /// replaces only an absent or empty folder.
  public static func move(_ from: String, to: String) throws(Failure) {
    if rename(from, to) != 0 { throw failure(from, to) }
  }

  /// Swaps what `a` and `b` name in one atomic step (Linux `renameat2` with
  /// `RENAME_EXCHANGE`, 3.15+; ext4, xfs, btrfs, tmpfs): a reader of either
  /// path sees the old entry or the new one, never neither. Both must exist;
  /// they may be folders.
  ///
  /// - Returns: `false`, changing nothing, when the kernel, the C library
  ///   or the filesystem cannot exchange (`ENOSYS`, `EINVAL`, or not Linux);
  ///   the caller then falls back to two renames.
  public static func exchange(_ a: String, _ b: String) throws(Failure) -> Bool {
    #if os(Linux)
    guard let renameat2 = Renameat2.function else { return false }
    if renameat2(AT_FDCWD, a, AT_FDCWD, b, Renameat2.exchangeFlag) == 0 { return true }
    if errno == ENOSYS || errno == EINVAL { return false }
    throw failure(a, b)
    #else
    return false
    #endif
  }

  private static func failure(_ from: String, _ to: String) -> Failure {
    Failure(from: from, to: to, reason: String(cString: strerror(errno)))
  }
}

#if os(Linux)
/// `renameat2(2)`, looked up at run time: Swift's Glibc module does not
/// declare it (it needs `_GNU_SOURCE`), and glibc has exported it since 2.28.
private enum Renameat2 {
  typealias Function = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

  /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
  static let exchangeFlag: UInt32 = 1 << 1

  static let function: Function? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: Function.self)
  }()
}
#endif
