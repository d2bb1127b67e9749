import Dispatch
import Foundation

/// Runs later model blocks on the second core while the executor works
/// through the blocks before them.
///
/// A block qualifies when its directive only reads the context (see
/// `directives`), every block it refers to has already run, its options
/// fill in and decode, and (with the cache on) no cache entry exists for it.
/// It then runs on a snapshot of the context, which holds exactly what it
/// would see when the executor reaches it, so its result is the one a
/// top-to-bottom run gives: nothing here changes what a report says, only
/// when the work is done. On the 5.2M-row promo-inventory render the three
/// `{glm}` fits of one dataset (0.1, 0.15 and 0.45 s) overlap.
///
/// One background worker takes the waiting block nearest the end, while the
/// executor takes blocks from the front: when the executor reaches a block
/// the worker has not started, it runs it itself; one that is running is
/// waited for. A block that failed ahead runs again in order, so errors
/// (and their messages) come from the ordinary path.
final class BlockLookahead: @unchecked Sendable {
  /// Directives whose `run` only reads params, seed and earlier results
  /// from the context, so running them early on a snapshot is safe.
  static let directives: Set<String> = ["glm"]

  /// A block's run ahead: its result and how long it took (for the cache's
  /// keep-or-view decision, which must not see the wait instead).
  struct Outcome {
    var result: DirectiveResult
    var seconds: Double
  }

  private enum State {
    case waiting(() throws -> DirectiveResult)
    case running
    case done(Outcome?)
    case claimed
  }

  private let condition = NSCondition()
  private var jobs: [Int: State] = [:]
  private var order: [Int] = []
  private var workerRunning = false

  /// Whether block `index` was already handed to the lookahead.
  func contains(_ index: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return jobs[index] != nil
  }

  /// Queues block `index` to run ahead with `body`.
  func launch(_ index: Int, _ body: @escaping @Sendable () throws -> DirectiveResult) {
    condition.lock()
    defer { condition.unlock() }
    guard jobs[index] == nil else { return }
    jobs[index] = .waiting(body)
    order.append(index)
    guard !workerRunning else { return }
    workerRunning = true
    DispatchQueue.global(qos: .userInitiated).async { self.work() }
  }

  /// The outcome of block `index` if it ran (or is running) ahead and
  /// succeeded; `nil` when the caller must run it: never queued, not started
  /// yet (then it is taken off the queue), or failed ahead.
  func claim(_ index: Int) -> Outcome? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      switch jobs[index] {
      case nil, .claimed?:
        return nil
      case .waiting?:
        jobs[index] = .claimed
        return nil
      case .running?:
        condition.wait()
      case .done(let outcome)?:
        jobs[index] = .claimed
        return outcome
      }
    }
  }

  /// Drops blocks not started and waits for a running one (the notebook
  /// ended without reaching them: they were in a hidden section).
  func finish() {
    condition.lock()
    defer { condition.unlock() }
    for (i, s) in jobs { if case .waiting = s { jobs[i] = .claimed } }
    while workerRunning { condition.wait() }
  }

  private func work() {
    condition.lock()
    while true {
      // The waiting block nearest the end of the notebook.
      guard let index = order.last(where: { if case .waiting? = jobs[$0] { return true } else { return false } }),
        case .waiting(let body)? = jobs[index]
      else { break }
      jobs[index] = .running
      condition.unlock()
      let started = DispatchTime.now().uptimeNanoseconds
      let result = try? body()
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      condition.lock()
      jobs[index] = .done(result.map { Outcome(result: $0, seconds: seconds) })
      condition.broadcast()
    }
    workerRunning = false
    condition.broadcast()
    condition.unlock()
  }
}
