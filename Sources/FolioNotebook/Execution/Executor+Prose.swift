import FolioData

extension Executor {
  /// Fills in one prose block's placeholders.
  ///
  /// With a cache, prose whose placeholders read only params and replayed
  /// (or cached) blocks is itself cached, keyed by its text, the params and
  /// those blocks' keys: a rerender then fills `{{ raw.rows }}` without
  /// decoding `raw`. Prose that shows an error is never cached.
  func runProse(
    _ prose: Prose, path: String, context: inout ExecutionContext, lazy: inout LazyResults, keys: [String: String],
    failed: [String: SourceLocation], allLabels: Set<String>
  ) -> ExecutedProse {
    let roots = Set(ProseInterpolation.placeholders(prose, path: path).found.map(\.0.root))
    var proseKey: String?
    if let cache, !roots.isEmpty, roots.allSatisfy({ $0 == "params" || (keys[$0] != nil && failed[$0] == nil) }) {
      var parts = ["folio-prose-1", folioVersion, path, String(prose.firstLine), prose.text, context.params.jsonString()]
      for root in roots.sorted() where root != "params" { parts.append("\(root)=\(keys[root] ?? "")") }
      let key = SHA256Digest.hex(of: parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
      if let markdown = cache.loadProse(key) { return ExecutedProse(markdown: markdown, errors: []) }
      proseKey = key
    }
    lazy.resolve(roots, into: &context)
    var scope = context.scope
    scope.laterLabels = allLabels.subtracting(context.results.keys).subtracting(failed.keys).subtracting(lazy.labels)
    scope.failedLabels = failed
    let executed = ProseInterpolation.run(prose, path: path, scope: scope)
    if let proseKey, let cache, executed.errors.isEmpty { cache.storeProse(executed.markdown, key: proseKey) }
    return executed
  }
}
