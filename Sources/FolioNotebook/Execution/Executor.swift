import FolioData
import FolioStore
import Foundation

/// Stage two: runs a parsed notebook's blocks top to bottom.
///
/// A failing block becomes an error cell; blocks that depend on it fail with
/// a message naming it; every other block still runs. Nothing here reads the
/// clock, so the same notebook, data, params and seed give the same document.
public struct Executor: Sendable {
  public var registry: DirectiveRegistry
  /// Called before each directive block runs: (1-based index, count, display name).
  public var progress: (@Sendable (Int, Int, String) -> Void)?
  /// Where block results are cached; `nil` runs every block.
  public var cache: BlockCache?
  /// Labels to recompute even when their cache entry is valid (`--refresh`).
  public var refresh: Set<String> = []
  /// Whether the document's `results` hold every value even when no block
  /// read a replayed one (decoding its datasets); when false such a result
  /// is `.null` there and results.json uses the block's cached fragment.
  public var resolvesAllResults = true
  /// Whether later model blocks whose inputs are ready run ahead on another
  /// core (`BlockLookahead`); the document is the same either way.
  public var runsAhead = true

  public init(registry: DirectiveRegistry = .standard) {
    self.registry = registry
  }

  /// Runs `notebook`; relative data paths resolve against `baseDirectory`.
  public func run(_ notebook: Notebook, baseDirectory: String) -> ExecutedDocument {
    // Input hashes by stat, so an unchanged input is not read again to key its blocks.
    let inputDigests = cache.map { InputDigestIndex(directory: $0.directory) }
    defer { inputDigests?.save() }
    let fm = notebook.frontMatter
    let params = Value.object(fm.params.map { ($0.name, $0.value) })
    var context = ExecutionContext(notebookPath: notebook.path, baseDirectory: baseDirectory, params: params, seed: fm.seed)
    var blocks: [ExecutedBlock] = []
    var results: [(String, Value)] = []
    var diagnostics: [Diagnostic] = []
    var failed: [String: SourceLocation] = [:]
    var keys: [String: String] = [:]
    let allLabels = Set(notebook.blocks.compactMap { if case .directive(let c) = $0 { return c.label } else { return nil } })
    let total = notebook.blocks.filter { if case .directive = $0 { return true } else { return false } }.count
    var ordinal = 0
    // Conditional sections (`<!-- if … -->`): hidden blocks neither run nor show.
    let (items, sectionErrors) = ConditionalSections.items(of: notebook)
    diagnostics += sectionErrors.map { Diagnostic($0) }
    var gate = SectionGate()
    // Results replayed from the cache but not decoded yet (see `LazyResults`).
    var lazy = LazyResults()
    defer { cache?.waitForWrites() }
    // Later model blocks whose inputs are ready run on the second core.
    let lookahead = BlockLookahead()
    defer { lookahead.finish() }

    for (index, item) in items.enumerated() {
      guard case .block(let block) = item else {
        if case .marker(let marker) = item {
          if case .open(let e, _) = marker.kind, !gate.hides { lazy.resolve([e.root], into: &context) }
          var scope = context.scope
          scope.laterLabels = allLabels.subtracting(context.results.keys).subtracting(lazy.labels)
          if let e = gate.enter(marker, scope: scope) { diagnostics.append(Diagnostic(e)) }
        }
        continue
      }
      if gate.hides { continue }
      switch block {
      case .prose(let prose):
        let executed = runProse(prose, path: notebook.path, context: &context, lazy: &lazy, keys: keys, failed: failed, allLabels: allLabels)
        diagnostics += executed.errors.map { Diagnostic($0) }
        blocks.append(.prose(executed))
      case .directive(let call):
        ordinal += 1
        progress?(ordinal, total, call.displayName)
        var executed = ExecutedDirective(call: call, caption: nil, echo: true, hidden: false, outputs: [], attachments: [], error: nil)
        do {
          let result = try runDirective(
            call, into: &executed, context: &context, lazy: &lazy, failed: failed, allLabels: allLabels, keys: &keys,
            inputDigests: inputDigests, ahead: (lookahead, index))
          executed.outputs = result.outputs
          executed.attachments = result.attachments
          executed.tables = result.tables
          if let label = call.label {
            if let pending = result.pending {
              lazy.add(label, pending)
            } else {
              context.results[label] = result.value
              if let model = result.model { context.models[label] = model }
              if runsAhead { launchAhead(after: index, in: items, lookahead: lookahead, context: context, failed: failed, keys: keys, inputDigests: inputDigests) }
            }
            results.append((label, result.value))
          }
        } catch {
          // A message may quote an option or value, and that may be a connection
          // string: its password never reaches the page, results.json or stderr.
          let wrapped = NotebookError.wrapping(error, at: call.location)
          let e = NotebookError(wrapped.location, ConnectionString.redacted(wrapped.message))
          executed.error = e
          executed.outputs = []
          diagnostics.append(Diagnostic(e, blockLabel: call.label))
          if let label = call.label { failed[label] = call.location }
        }
        blocks.append(.directive(executed))
      }
    }
    // Library callers see every value. The CLI leaves unread ones as null
    // when results.json can be taken from a render of the same blocks
    // (`resultsKey`); otherwise every value is decoded so it is assembled
    // exactly as a render without the cache would.
    let resultsKey = Self.resultsKey(results.map(\.0), keys: keys, cached: cache != nil && failed.isEmpty)
    var assembled: [UInt8]? = nil
    if !resolvesAllResults, !lazy.labels.isEmpty, let cache, let resultsKey { assembled = cache.loadAssembledResults(resultsKey) }
    if resolvesAllResults || assembled == nil { lazy.resolve(lazy.labels, into: &context) }
    results = results.map { ($0.0, context.results[$0.0] ?? $0.1) }
    var document = ExecutedDocument(
      notebook: notebook, params: fm.params.map { ($0.name, $0.value) }, seed: fm.seed, blocks: blocks,
      results: results, inputs: context.inputs, notebookSHA256: SHA256Digest.hex(of: notebook.source),
      diagnostics: diagnostics)
    document.resultsKey = resultsKey
    document.assembledResults = assembled
    return document
  }

  /// The identity of a document's results: the labels in order with their
  /// blocks' cache keys, which cover everything each result depends on.
  /// `nil` when caching is off, a block failed, or a labeled block ran
  /// uncached (its result can change between runs).
  static func resultsKey(_ labels: [String], keys: [String: String], cached: Bool) -> String? {
    guard cached else { return nil }
    var text = "FOLIO-RESULTS-1\n"
    for label in labels {
      guard let key = keys[label] else { return nil }
      text += "\(label)=\(key)\n"
    }
    return SHA256Digest.hex(of: text)
  }

  private func runDirective(
    _ call: DirectiveCall, into executed: inout ExecutedDirective, context: inout ExecutionContext, lazy: inout LazyResults,
    failed: [String: SourceLocation], allLabels: Set<String>, keys: inout [String: String], inputDigests: InputDigestIndex?,
    ahead: (lookahead: BlockLookahead, index: Int)
  ) throws -> BlockRun {
    guard let directive = registry[call.name] else {
      throw NotebookError(call.nameLocation, "unknown directive '\(call.name)'\(NearMatches.hint(for: call.name, in: registry.names, noun: "directive"))")
    }
    if let e = call.optionsError { throw e }
    // Dependencies: a block reading a failed block fails with a message naming it.
    let placeholders = OptionInterpolation.placeholders(in: call.options)
    let refs = OptionWalker.references(call.options, directive: directive).map { ($0.label, $0.location) }
      + placeholders.map { ($0.0.root, $0.1) }
    for (label, loc) in refs {
      if let at = failed[label] { throw NotebookError(loc, NotebookError.failedBlockMessage(label, at: at)) }
    }
    for (label, loc) in refs where label != "params" && context.results[label] == nil && !lazy.labels.contains(label) && allLabels.contains(label) {
      throw NotebookError(loc, "block '\(label)' is defined later in the notebook; blocks can only refer to blocks above them")
    }
    // Placeholders in options read values now; references only if the block runs.
    try lazy.resolve(placeholders.map(\.0.root), into: &context, at: call.location)
    var scope = context.scope
    scope.laterLabels = allLabels.subtracting(context.results.keys).subtracting(failed.keys).subtracting(lazy.labels)
    scope.failedLabels = failed
    let resolved = try OptionInterpolation.interpolate(call.options, directive: directive, scope: scope)
    let options: ParsedOptions
    switch OptionDecoder.decode(call, options: resolved, directive: directive, stage: .run) {
    case .success(let o): options = o
    case .failure(let failure): throw failure.errors.min { ($0.location ?? call.location) < ($1.location ?? call.location) } ?? NotebookError(call.location, "invalid options")
    }
    executed.caption = options[OptionDecoder.caption]
    executed.echo = options[OptionDecoder.echo]
    executed.hidden = options[OptionDecoder.hidden]
    guard let cache else {
      if let done = ahead.lookahead.claim(ahead.index) { return BlockRun(done.result) }
      return BlockRun(try directive.run(options, in: &context))
    }
    let referenced = refs.map(\.0)

    // An input the stat index has not seen (a first render, a file replaced
    // since) is hashed on another core while the block runs: the key is
    // then needed only to store the result. Such a block is not looked up
    // first; were its entry there after all (a file touched but unchanged),
    // running it gives the same result. A file modified in the last two
    // seconds is hashed first as before (the index would not remember it,
    // so it would never be looked up).
    let files = OptionWalker.inputFiles(options.node, directive: directive)
    if let inputDigests, files.contains(where: { inputDigests.wouldLearn(context.resolvePath($0.path)) }) {
      var pending: [String: InputDigest] = [:]
      for f in files where pending[f.path] == nil {
        pending[f.path] = InputDigest(hashingFile: context.resolvePath(f.path), index: inputDigests)
      }
      try lazy.resolve(referenced, into: &context, at: call.location)
      let before = context.inputCount
      let started = DispatchTime.now().uptimeNanoseconds
      context.knownDigests = pending
      defer { context.knownDigests = [:] }
      let result = try directive.run(options, in: &context)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      guard
        let (key, _) = cacheKey(
          call, options: options, directive: directive, references: refs, context: context, keys: keys,
          inputDigests: inputDigests, known: pending.mapValues(\.hex))
      else { return BlockRun(result) }
      if let label = call.label { keys[label] = key }
      store(result, key: key, inputsFrom: before, seconds: seconds, executed: &executed, context: context, cache: cache)
      return BlockRun(result)
    }

    // Cached path: the key covers everything the result depends on.
    guard let (key, digests) = cacheKey(call, options: options, directive: directive, references: refs, context: context, keys: keys, inputDigests: inputDigests) else {
      try lazy.resolve(referenced, into: &context, at: call.location)
      if let done = ahead.lookahead.claim(ahead.index) { return BlockRun(done.result) }
      return BlockRun(try directive.run(options, in: &context))
    }
    if let label = call.label { keys[label] = key }
    if !refresh.contains(call.label ?? ""), let hit = cache.load(key) {
      for i in hit.entry.inputs { context.recordInput(path: i.path, sha256: i.sha256) }
      executed.fromCache = true
      executed.valueJSON = hit.entry.valueJSON
      // Decoded only when read; should an object prove damaged then, the block reruns.
      let snapshot = context, upstream = lazy
      let pending = LazyResult(entry: hit.entry, cache: cache) {
        var ctx = snapshot, up = upstream
        try up.resolve(referenced, into: &ctx, at: call.location)
        return try directive.run(options, in: &ctx)
      }
      var run = BlockRun(DirectiveResult(value: .null, outputs: hit.entry.outputs, attachments: hit.entry.attachments, tables: hit.tables))
      run.pending = pending
      return run
    }
    try lazy.resolve(referenced, into: &context, at: call.location)
    let before = context.inputCount
    let started = DispatchTime.now().uptimeNanoseconds
    context.knownDigests = digests.mapValues { InputDigest(known: $0) }
    defer { context.knownDigests = [:] }
    let result: DirectiveResult
    let seconds: Double
    if let done = ahead.lookahead.claim(ahead.index) {
      (result, seconds) = (done.result, done.seconds)
    } else {
      result = try directive.run(options, in: &context)
      seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
    store(result, key: key, inputsFrom: before, seconds: seconds, executed: &executed, context: context, cache: cache)
    return BlockRun(result)
  }

  /// Stores a block's fresh result under `key` with the inputs it recorded.
  private func store(
    _ result: DirectiveResult, key: String, inputsFrom before: Int, seconds: Double, executed: inout ExecutedDirective,
    context: ExecutionContext, cache: BlockCache
  ) {
    let json = Array(result.value.jsonFragment(indent: 2).utf8)
    executed.valueJSON = json
    cache.store(result, inputs: context.inputs(from: before), valueJSON: json, seconds: seconds, key: key)
  }

  /// The block's cache key, or `nil` when the block must run uncached: an
  /// input file cannot be read (the block then reports the problem itself),
  /// an upstream block ran uncached, or the directive says its result can
  /// change between runs.
  ///
  /// Every `inputFile` option is hashed here, from the declarations, so no
  /// directive can forget to put a file it reads into its key; the digests
  /// are returned too, so the block records them instead of hashing again.
  /// `known` holds digests already computed (an empty one: unreadable).
  func cacheKey(
    _ call: DirectiveCall, options: ParsedOptions, directive: any Directive.Type,
    references: [(String, SourceLocation)], context: ExecutionContext, keys: [String: String], inputDigests: InputDigestIndex?,
    known: [String: String] = [:]
  ) -> (key: String, digests: [String: String])? {
    var digests: [String: String] = [:]
    var key = BlockKey(version: folioVersion, call: call, seed: context.seed)
    for label in Set(references.map(\.0)).sorted() where label != "params" {
      // An upstream block that ran uncached (a database query) has no key: its
      // result can change between runs, so this block's can too.
      guard let upstream = keys[label] else { return nil }
      key.upstream(label, key: upstream)
    }
    var params: Set<String> = []
    for (p, _) in OptionInterpolation.placeholders(in: call.options) where p.root == "params" {
      if case .field(let name)? = p.steps.first { params.insert(name) }
    }
    for name in params.sorted() { key.param(name, context.params[name] ?? .null) }
    for file in OptionWalker.inputFiles(options.node, directive: directive) {
      let resolved = context.resolvePath(file.path)
      guard let sha256 = known[file.path] ?? inputDigests?.sha256(ofFile: resolved) ?? SHA256Digest.hex(ofFile: resolved),
        !sha256.isEmpty
      else { return nil }
      key.input(file.path, sha256: sha256)
      digests[file.path] = sha256
    }
    switch directive.cacheDependencies(options, context: context) {
    case .none: break
    case .parts(let parts): for p in parts { key.extra(p) }
    case .uncacheable: return nil
    }
    return (key.hex, digests)
  }
}
