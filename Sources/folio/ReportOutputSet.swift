import FolioData
import Foundation

/// The files one render of one notebook writes into the output folder DIR,
/// and how a new set replaces the previous one so that a reader never sees a
/// mix of two runs.
///
/// The set is DIR/<stem>.html plus the folder DIR/<stem>/ (results.json,
/// the CSVs of the datasets it caps under `datasets/`, exports and
/// attachments, result-table CSVs, results.sqlite and `.folio-manifest`). The block cache DIR/.folio-cache is not part of it.
///
/// **Writing beside.** `replace` creates a staging folder
/// DIR/.<stem>.tmp-XXXXXX/ — inside DIR, so on the same filesystem and every
/// later rename is atomic — and the caller writes the whole new set there:
/// `<stem>.html` and `<stem>/`. Nothing at the real paths changes meanwhile,
/// so a failed write (a full disk, a result store that is down) throws
/// before anything is switched, the staging folder is removed, and the
/// previous set stays as it was.
///
/// **Switching**, in this order:
/// 1. The folder. `renameat2(RENAME_EXCHANGE)` swaps the new DIR/<stem>/ and
///    the old one in one step: every path under it resolves to the old run
///    or to the new one. (Plain `rename` cannot replace a non-empty folder;
///    where exchange is unsupported the old folder is renamed aside first,
///    so DIR/<stem>/ is briefly absent — missing, never mixed.)
/// 2. The report: `rename` over DIR/<stem>.html.
/// 3. The old folder, now in the staging folder, is deleted with it.
///
/// POSIX has no rename of two paths at once, so the folder goes first: the
/// HTML is what readers open, and by the time the new one can be opened,
/// everything it links to (exports under DIR/<stem>/) is already the new
/// run's. Between the two renames (microseconds, no I/O between them) the
/// old HTML stands beside the new folder; a render killed exactly there
/// leaves that pairing until the next render, and the manifest's `run_id`
/// says which run the folder holds. If the HTML rename fails, the folder
/// swap is undone.
///
/// **A user's files in DIR/<stem>/** are kept: entries the previous
/// manifest does not list (see `OutputManifest.isFolioOutput`) are
/// hard-linked into the new folder before the switch (so they never go
/// missing); folders, and anything added during the switch, are moved over
/// just after it. On a name clash the new run's file wins.
///
/// **Two renders at once.** `replace` holds an exclusive lock on
/// DIR/.<stem>.lock (`FileLock`) from staging to cleanup: a second render of
/// the same notebook into the same folder says it is waiting and then
/// waits, and each set is switched whole. Holding the lock also proves that
/// any DIR/.<stem>.tmp-XXXXXX present belongs to a render that was killed,
/// so `replace` removes it first. The lock file is removed on release.
///
/// **Durability.** Files are not `fsync`ed. The set is derived output
/// (rerunning the notebook rebuilds it), and six `fdatasync`s plus the
/// folders' cost 8–32 ms on the project's machines, as much as a whole
/// warm-cache render. Atomicity against readers, concurrent renders, killed
/// processes and full disks does not depend on syncing (ext4 and tmpfs
/// report a full disk at `write`); a power cut right after a render may lose
/// it, and the next render rewrites it. results.sqlite is written the same
/// way (`SQLiteResultStore.writeFresh`).
struct ReportOutputSet {
  let directory: String
  let stem: String

  var htmlPath: String { path("\(stem).html") }
  var folderPath: String { path(stem) }
  var lockPath: String { path(".\(stem).lock") }
  /// File-name prefix of staging folders: `.<stem>.tmp-` + six characters.
  var stagingPrefix: String { ".\(stem).tmp-" }

  /// A staging folder being filled: the new set's paths before the switch.
  struct Staging {
    let root: String
    let stem: String
    var htmlPath: String { (root as NSString).appendingPathComponent("\(stem).html") }
    var folderPath: String { (root as NSString).appendingPathComponent(stem) }
    /// Where the previous DIR/<stem>/ is parked when it cannot be exchanged.
    var parkedPath: String { (root as NSString).appendingPathComponent("\(stem).previous") }
  }

  /// Writes a new set and switches it in: locks, removes stale staging
  /// folders, creates one, calls `write` to fill it, then switches.
  /// - Parameters:
  ///   - runID: the run's identity, recorded in the manifest.
  ///   - waiting: called once if another render holds the lock.
  ///   - write: writes the new set into the staging folder; if it throws,
  ///     nothing is switched and the error is rethrown.
  func replace(runID: String, waiting: () -> Void, write: (Staging) throws -> Void) throws {
    try createDirectory(directory)
    let lock: FileLock
    do { lock = try FileLock.acquire(lockPath, waiting: waiting) } catch {
      throw OutputError.cannotLock(path: error.path, reason: error.reason)
    }
    let outcome = Result { try replaceLocked(runID: runID, write: write) }
    lock.release()
    try outcome.get()
  }

  private func replaceLocked(runID: String, write: (Staging) throws -> Void) throws {
    removeStaleStaging()
    let staging: Staging
    do { staging = Staging(root: try TemporaryDirectory.create(prefix: path(stagingPrefix)), stem: stem) } catch {
      throw OutputError.cannotWrite(path: error.path, reason: error.reason)
    }
    defer { try? FileManager.default.removeItem(atPath: staging.root) }
    try createDirectory(staging.folderPath)
    try write(staging)
    try switchIn(staging, runID: runID)
  }

  private func switchIn(_ staging: Staging, runID: String) throws(OutputError) {
    let written = try entries(of: staging.folderPath).sorted()
    let manifest = OutputManifest(runID: runID, html: "\(stem).html", files: written)
    let manifestPath = (staging.folderPath as NSString).appendingPathComponent(OutputManifest.fileName)
    do { try FileBytes.write(manifest.encoded(), to: manifestPath) } catch {
      throw .cannotWrite(path: (folderPath as NSString).appendingPathComponent(OutputManifest.fileName), reason: error.reason)
    }
    if isDirectory(htmlPath) { throw .cannotWrite(path: htmlPath, reason: "a folder is in the way of the report") }
    let previous = try previousFolder()
    if let previous { linkUserFiles(from: previous.manifest, into: staging.folderPath, skipping: Set(written)) }

    // 1. The folder: exchanged, parked and replaced, or simply moved in.
    let oldFolder: String?
    do throws(PathRename.Failure) {
      if previous == nil {
        try PathRename.move(staging.folderPath, to: folderPath)
        oldFolder = nil
      } else if try PathRename.exchange(staging.folderPath, folderPath) {
        oldFolder = staging.folderPath
      } else {
        try PathRename.move(folderPath, to: staging.parkedPath)
        do { try PathRename.move(staging.folderPath, to: folderPath) } catch {
          try? PathRename.move(staging.parkedPath, to: folderPath)
          throw error
        }
        oldFolder = staging.parkedPath
      }
    } catch {
      throw .cannotWrite(path: folderPath, reason: "cannot switch in the new folder: \(error.reason)")
    }
    // 2. The report; on failure, put the old folder back.
    do { try PathRename.move(staging.htmlPath, to: htmlPath) } catch {
      if let oldFolder { undoSwitch(oldFolder: oldFolder, staging: staging) }
      throw .cannotWrite(path: htmlPath, reason: error.reason)
    }
    if let oldFolder, let previous { moveUserEntries(from: oldFolder, previous: previous.manifest) }
  }

  /// The existing DIR/<stem>/ and its manifest; `nil` when there is none.
  private func previousFolder() throws(OutputError) -> (path: String, manifest: OutputManifest?)? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isFolder) else { return nil }
    guard isFolder.boolValue else { throw .cannotWrite(path: folderPath, reason: "a file is in the way of the results folder") }
    return (folderPath, OutputManifest.read(folder: folderPath))
  }

  /// Hard-links the user's files (and symbolic links) of the previous folder
  /// into the new one, so they are there the moment it is switched in.
  /// Anything that cannot be linked (a folder) is moved after the switch.
  private func linkUserFiles(from previous: OutputManifest?, into newFolder: String, skipping written: Set<String>) {
    for name in (try? entries(of: folderPath)) ?? [] where !written.contains(name) && !OutputManifest.isFolioOutput(name, previous: previous) {
      _ = linkat(AT_FDCWD, (folderPath as NSString).appendingPathComponent(name),
                 AT_FDCWD, (newFolder as NSString).appendingPathComponent(name), 0)
    }
  }

  /// Moves the user's entries that are still only in the old folder (folders,
  /// files created during the switch) into the new DIR/<stem>/.
  private func moveUserEntries(from oldFolder: String, previous: OutputManifest?) {
    for name in (try? entries(of: oldFolder)) ?? [] where !OutputManifest.isFolioOutput(name, previous: previous) {
      let target = (folderPath as NSString).appendingPathComponent(name)
      var info = stat()
      guard lstat(target, &info) != 0 else { continue }  // linked already, or the new run wrote that name
      try? PathRename.move((oldFolder as NSString).appendingPathComponent(name), to: target)
    }
  }

  private func undoSwitch(oldFolder: String, staging: Staging) {
    if oldFolder == staging.folderPath {
      _ = try? PathRename.exchange(staging.folderPath, folderPath)
    } else {
      try? PathRename.move(folderPath, to: staging.folderPath)
      try? PathRename.move(oldFolder, to: folderPath)
    }
  }

  /// Removes DIR/.<stem>.tmp-XXXXXX folders left by renders that were
  /// killed (the caller holds the lock, so no live render owns one).
  private func removeStaleStaging() {
    for name in (try? entries(of: directory)) ?? [] where TemporaryDirectory.isCreated(name, namePrefix: stagingPrefix) {
      try? FileManager.default.removeItem(atPath: path(name))
    }
  }

  private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  private func createDirectory(_ path: String) throws(OutputError) {
    do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
      throw .cannotWrite(path: path, reason: Self.reason(error))
    }
  }

  private func entries(of folder: String) throws(OutputError) -> [String] {
    do { return try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
      throw .cannotWrite(path: folder, reason: Self.reason(error))
    }
  }

  private func isDirectory(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
  }

  /// The system's text for a Foundation file error ("No space left on device").
  static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return ns.localizedDescription
  }
}
