import FolioData
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

  public init(registry: DirectiveRegistry = .standard) {
    self.registry = registry
  }

  /// Runs `notebook`; relative data paths resolve against `baseDirectory`.
  public func run(_ notebook: Notebook, baseDirectory: String) -> ExecutedDocument {
    let fm = notebook.frontMatter
    let params = Value.object(fm.params.map { ($0.name, $0.value) })
    var context = ExecutionContext(notebookPath: notebook.path, baseDirectory: baseDirectory, params: params, seed: fm.seed)
    var blocks: [ExecutedBlock] = []
    var results: [(String, Value)] = []
    var diagnostics: [Diagnostic] = []
    var failed: Set<String> = []
    var keys: [String: String] = [:]
    let allLabels = Set(notebook.blocks.compactMap { if case .directive(let c) = $0 { return c.label } else { return nil } })
    let total = notebook.blocks.filter { if case .directive = $0 { return true } else { return false } }.count
    var ordinal = 0

    for block in notebook.blocks {
      switch block {
      case .prose(let prose):
        var scope = context.scope
        scope.laterLabels = allLabels.subtracting(context.results.keys)
        let executed = ProseInterpolation.run(prose, path: notebook.path, scope: scope)
        diagnostics += executed.errors.map { Diagnostic($0) }
        blocks.append(.prose(executed))
      case .directive(let call):
        ordinal += 1
        progress?(ordinal, total, call.displayName)
        var executed = ExecutedDirective(call: call, caption: nil, echo: true, hidden: false, outputs: [], attachments: [], error: nil)
        do {
          let result = try runDirective(call, into: &executed, context: &context, failed: failed, allLabels: allLabels, keys: &keys)
          executed.outputs = result.outputs
          executed.attachments = result.attachments
          executed.tables = result.tables
          if let label = call.label {
            context.results[label] = result.value
            results.append((label, result.value))
          }
        } catch {
          let e = NotebookError.wrapping(error, at: call.location)
          executed.error = e
          executed.outputs = []
          diagnostics.append(Diagnostic(e, blockLabel: call.label))
          if let label = call.label { failed.insert(label) }
        }
        blocks.append(.directive(executed))
      }
    }
    return ExecutedDocument(
      notebook: notebook, params: fm.params.map { ($0.name, $0.value) }, seed: fm.seed, blocks: blocks,
      results: results, inputs: context.inputs, notebookSHA256: SHA256Digest.hex(of: notebook.source),
      diagnostics: diagnostics)
  }

  private func runDirective(
    _ call: DirectiveCall, into executed: inout ExecutedDirective, context: inout ExecutionContext,
    failed: Set<String>, allLabels: Set<String>, keys: inout [String: String]
  ) throws -> DirectiveResult {
    guard let directive = registry[call.name] else {
      throw NotebookError(call.nameLocation, "unknown directive '\(call.name)'\(NearMatches.hint(for: call.name, in: registry.names, noun: "directive"))")
    }
    if let e = NotebookChecker.optionNameErrors(call, directive: directive).first { throw e }
    // Dependencies: a block reading a failed block fails with a message naming it.
    let placeholders = OptionInterpolation.placeholders(in: call.options)
    let refs = directive.references(call) + placeholders.map { ($0.0.root, $0.1) }
    for (label, loc) in refs where failed.contains(label) {
      throw NotebookError(loc, "block '\(label)' failed above, so this block cannot run")
    }
    for (label, loc) in refs where label != "params" && context.results[label] == nil && allLabels.contains(label) {
      throw NotebookError(loc, "block '\(label)' is defined later in the notebook; blocks can only refer to blocks above them")
    }
    var scope = context.scope
    scope.laterLabels = allLabels.subtracting(context.results.keys)
    var resolved = call
    resolved.options = try OptionInterpolation.interpolate(call.options, scope: scope)
    if let node = resolved.options["caption"] { executed.caption = try node.string("caption") }
    if let node = resolved.options["echo"] { executed.echo = try node.bool("echo") }
    if let node = resolved.options["hidden"] { executed.hidden = try node.bool("hidden") }
    guard let cache else { return try directive.run(resolved, in: &context) }

    // Cached path: the key covers everything the result depends on.
    guard let key = cacheKey(call, resolved: resolved, directive: directive, references: refs, context: context, keys: keys) else {
      return try directive.run(resolved, in: &context)
    }
    if let label = call.label { keys[label] = key }
    if !refresh.contains(call.label ?? ""), let hit = cache.load(key) {
      for i in hit.inputs { context.recordInput(path: i.path, sha256: i.sha256) }
      executed.fromCache = true
      executed.valueJSON = hit.valueJSON
      return hit.result
    }
    let before = context.inputs.count
    let result = try directive.run(resolved, in: &context)
    let json = Array(result.value.jsonFragment(indent: 2).utf8)
    executed.valueJSON = json
    cache.store(CachedBlock(result: result, inputs: Array(context.inputs[before...]), valueJSON: json), key: key)
    return result
  }

  /// The block's cache key, or `nil` when an input file cannot be read (the
  /// block then runs uncached and reports the problem itself).
  private func cacheKey(
    _ call: DirectiveCall, resolved: DirectiveCall, directive: any Directive.Type,
    references: [(String, SourceLocation)], context: ExecutionContext, keys: [String: String]
  ) -> String? {
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
    for path in directive.inputFiles(resolved) {
      guard let sha256 = SHA256Digest.hex(ofFile: context.resolvePath(path)) else { return nil }
      key.input(path, sha256: sha256)
    }
    // A database source: what its query reads, or nil for "never cache".
    guard let database = DatabaseSource.cacheKeyMaterial(resolved, context: context) else { return nil }
    for (input, sha256) in database { key.input(input, sha256: sha256) }
    return key.hex
  }
}
