#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a lock file (`flock(2)`), held until the
/// value is released or dropped, and the lock file removed on release, so
/// nothing is left behind.
///
/// Removing a lock file is safe only with a check on every acquisition: a
/// waiter may obtain the lock on a file that its holder has just unlinked,
/// while a newcomer creates and locks a fresh file at the same path. So
/// after `flock` returns, the holder compares the locked file's device and
/// inode with what the path names now and, when they differ (or the path is
/// gone), closes and tries again. Only a holder ever unlinks, and it does so
/// before it unlocks, so a path that still names the locked file is the lock.
///
/// `flock` locks belong to the open file description: they work between
/// processes and between two opens in one process, and the kernel drops
/// them when the holder exits, however it exits (a killed render never
/// leaves a folder locked). They are advisory and, on NFS, emulated with
/// `fcntl` byte-range locks by the kernel.
public struct FileLock: ~Copyable {
  /// The lock file's path.
  public let path: String
  private let fd: Int32

  /// Why the lock file could not be created or locked: the `strerror` text.
  public struct Failure: Error, Sendable {
    public var path: String
    public var reason: String
  }

  /// Takes the lock on `path`, creating the file if needed. When another
  /// holder has it, calls `waiting` once, then blocks until it is free.
  public static func acquire(_ path: String, waiting: () -> Void = {}) throws(Failure) -> FileLock {
    var announced = false
    while true {
      let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      if fd < 0 { throw failure(path) }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK else {
          let error = failure(path)
          close(fd)
          throw error
        }
        if !announced {
          announced = true
          waiting()
        }
        while flock(fd, LOCK_EX) != 0 {
          guard errno == EINTR else {
            let error = failure(path)
            close(fd)
            throw error
          }
        }
      }
      if namesSameFile(fd, path) { return FileLock(path: path, fd: fd) }
      close(fd)  // the previous holder removed this file: lock the current one
    }
  }

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Removes the lock file, then unlocks it (closing the descriptor).
  public consuming func release() {
    // `deinit` does the work; consuming `self` ends its lifetime here.
  }

  deinit {
    unlink(path)
    close(fd)
  }

  private static func namesSameFile(_ fd: Int32, _ path: String) -> Bool {
    var open = stat(), named = stat()
    guard fstat(fd, &open) == 0, stat(path, &named) == 0 else { return false }
    return open.st_dev == named.st_dev && open.st_ino == named.st_ino
  }

  private static func failure(_ path: String) -> Failure {
    Failure(path: path, reason: String(cString: strerror(errno)))
  }
}
