import FolioData

/// A replayed block's result, decoded only when something reads it.
///
/// A rerender where every block replays needs each block's view, not its
/// datasets; a dataset is read from the object store only when a block
/// downstream runs, or a placeholder or condition reads it. If its object
/// proves damaged then, or the entry did not keep its datasets (they were
/// quicker to rebuild than to read; see `BlockCache.store`), the block is
/// recomputed (`recompute` runs it with the context it had).
final class LazyResult: @unchecked Sendable {
  private let entry: CachedBlock
  private let cache: BlockCache
  private let recompute: () throws -> DirectiveResult

  init(entry: CachedBlock, cache: BlockCache, recompute: @escaping () throws -> DirectiveResult) {
    self.entry = entry
    self.cache = cache
    self.recompute = recompute
  }

  /// Kept once resolved: a block read by several recomputations is decoded or rebuilt once.
  private var resolved: (Value, (any BlockModel)?)?

  func resolve() throws -> (Value, (any BlockModel)?) {
    if let resolved { return resolved }
    if let loaded = try? cache.loadResult(entry) {
      resolved = loaded
      return loaded
    }
    let result = try recompute()
    resolved = (result.value, result.model)
    return (result.value, result.model)
  }
}

/// The executor's replayed-but-unread results, by label.
struct LazyResults {
  private var pending: [String: LazyResult] = [:]
  private var failures: [String: Error] = [:]

  var labels: Set<String> { Set(pending.keys) }

  mutating func add(_ label: String, _ result: LazyResult) { pending[label] = result }

  /// Decodes the pending results among `labels` into the context; a result
  /// that can be neither read nor recomputed is thrown at `location`.
  mutating func resolve(_ labels: some Sequence<String>, into context: inout ExecutionContext, at location: SourceLocation) throws {
    resolve(labels, into: &context)
    for label in labels {
      if let e = failures[label] { throw NotebookError.wrapping(e, at: location) }
    }
  }

  /// Decodes the pending results among `labels`; one that fails stays out
  /// of the context (a placeholder reading it then reports it unknown).
  mutating func resolve(_ labels: some Sequence<String>, into context: inout ExecutionContext) {
    for label in labels {
      guard let lazy = pending.removeValue(forKey: label) else { continue }
      do {
        let (value, model) = try lazy.resolve()
        context.results[label] = value
        if let model { context.models[label] = model }
      } catch {
        failures[label] = error
      }
    }
  }
}

/// What running (or replaying) one directive block gave.
struct BlockRun {
  /// The result; for a replayed block its `value` is `.null` until resolved.
  var result: DirectiveResult
  /// Set when the block was replayed and its value is still to be decoded.
  var pending: LazyResult?

  init(_ result: DirectiveResult) { self.result = result }

  var value: Value { result.value }
  var model: (any BlockModel)? { result.model }
  var outputs: [BlockOutput] { result.outputs }
  var attachments: [Attachment] { result.attachments }
  var tables: [ResultTable] { result.tables }
}
