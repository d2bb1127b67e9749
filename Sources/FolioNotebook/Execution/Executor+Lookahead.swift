import FolioData

extension Executor {
  /// Queues on `lookahead` every model block after `index` that can run now
  /// (see `BlockLookahead`): its directive only reads the context, every
  /// block it refers to has a result, its options fill in and decode, and it
  /// has no cache entry to replay. Anything doubtful is left to the ordinary
  /// top-to-bottom run.
  func launchAhead(
    after index: Int, in items: [ConditionalSections.Item], lookahead: BlockLookahead, context: ExecutionContext,
    failed: [String: SourceLocation], keys: [String: String], inputDigests: InputDigestIndex?
  ) {
    for j in (index + 1)..<max(index + 1, items.count) {
      guard case .block(.directive(let call)) = items[j], BlockLookahead.directives.contains(call.name),
        !lookahead.contains(j), let directive = registry[call.name], call.optionsError == nil
      else { continue }
      let placeholders = OptionInterpolation.placeholders(in: call.options)
      let refs = OptionWalker.references(call.options, directive: directive).map { ($0.label, $0.location) }
        + placeholders.map { ($0.0.root, $0.1) }
      guard refs.allSatisfy({ $0.0 == "params" || (context.results[$0.0] != nil && failed[$0.0] == nil) }) else { continue }
      guard let resolved = try? OptionInterpolation.interpolate(call.options, directive: directive, scope: context.scope),
        case .success(let options) = OptionDecoder.decode(call, options: resolved, directive: directive, stage: .run)
      else { continue }
      if let cache, !refresh.contains(call.label ?? ""),
        let (key, _) = cacheKey(
          call, options: options, directive: directive, references: refs, context: context, keys: keys,
          inputDigests: inputDigests),
        cache.hasEntry(key)
      {
        continue
      }
      let snapshot = context
      lookahead.launch(j) {
        var ctx = snapshot
        return try directive.run(options, in: &ctx)
      }
    }
  }
}
