import Dispatch
import Foundation

/// Runs async work to completion from synchronous code (the notebook
/// executor and the CLI are synchronous), with a timeout.
///
/// The work runs on a detached task, never on the calling thread, and the
/// caller waits on a semaphore; so the bridge cannot deadlock on the caller's
/// own executor. On timeout the task is cancelled (PostgresNIO closes the
/// connection on cancellation) and `DatabaseAccessError(.timeout)` is thrown.
enum SyncBridge {
  static func run<T: Sendable>(
    timeout seconds: Double, what: String, _ work: @escaping @Sendable () async throws -> T
  ) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = Task.detached {
      do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
      done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else {
      task.cancel()
      throw DatabaseAccessError(.timeout, "\(what) did not finish within \(String(format: "%g", seconds)) seconds")
    }
    guard let result = box.get() else {
      throw DatabaseAccessError(.timeout, "\(what) finished without a result")
    }
    return try result.get()
  }

  /// A lock-protected slot for the task's result.
  private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?
    func set(_ r: Result<T, any Error>) { lock.lock(); result = r; lock.unlock() }
    func get() -> Result<T, any Error>? { lock.lock(); defer { lock.unlock() }; return result }
  }
}
