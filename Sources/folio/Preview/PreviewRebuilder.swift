import Foundation

/// Builds the previewed report and rebuilds it whenever a watched file
/// changes, one build at a time.
///
/// Files are watched by polling their fingerprints (existence, size,
/// modification time, inode) every `interval`: no platform file-event API, no
/// dependency. Builds run on one serial dispatch queue, off Swift's
/// cooperative threads, so the HTTP server keeps answering (with the previous
/// page) while a notebook executes. Fingerprints are taken before a build
/// starts, so a save that lands during the build triggers another one.
struct PreviewRebuilder: Sendable {
  var builder: PreviewBuilder
  var session: PreviewSession
  /// Time between two looks at the watched files.
  var interval: Duration = .milliseconds(300)

  private static let buildQueue = DispatchQueue(label: "folio.preview.build")

  /// Builds once and publishes the page; returns the files to watch from now on.
  func build(watching previous: WatchedFiles) async -> WatchedFiles {
    let before = WatchedFiles(previous.paths)
    let builder = self.builder
    let paths = previous.paths
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<PreviewBuild, Never>) in
      Self.buildQueue.async { continuation.resume(returning: builder.build(previouslyWatched: paths)) }
    }
    let changed = await session.publish(result.html)
    for line in result.messages { printError(line) }
    if changed { printError("folio preview: page version \(await session.version)") }
    return before.rewatching(result.watchedPaths)
  }

  /// Polls `watched` until the task is cancelled, rebuilding after each change.
  func watch(_ initial: WatchedFiles) async {
    var watched = initial
    while !Task.isCancelled {
      do { try await Task.sleep(for: interval) } catch { return }
      let changed = watched.changedPaths()
      guard !changed.isEmpty else { continue }
      printError("folio preview: changed \(changed.joined(separator: ", ")); rebuilding")
      watched = await build(watching: watched)
    }
  }
}
