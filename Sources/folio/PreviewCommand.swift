import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `folio preview`: serves one notebook's report on 127.0.0.1 and rebuilds it
/// whenever the notebook, a data file it reads or its template is saved; the
/// page in the browser reloads itself after each rebuild.
///
/// Errors inside the notebook show as the report's error cells; a notebook
/// that cannot be read or a broken template shows an error page. The server
/// keeps running either way and stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
struct PreviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Serve a notebook's report on 127.0.0.1 and rebuild it on every save.")

  @Argument(help: "Notebook file (.md).")
  var notebook: String

  @Option(help: "Port on 127.0.0.1 (0 picks a free one; the URL is printed).")
  var port: Int = 4311

  @Option(name: .shortAndLong, help: "Output folder (default: a folder under the system's temporary folder).")
  var output: String?

  @Option(name: .customLong("param"), help: ArgumentHelp("Override a front-matter parameter, typed as its default.", valueName: "name=value"))
  var params: [String] = []

  @Option(help: "Report template (.mustache) overriding the notebook's and the default.")
  var template: String?

  @Flag(help: "Run every block on every rebuild; neither read nor write the block cache.")
  var noCache = false

  @OptionGroup var cacheOptions: CacheOptions

  func validate() throws {
    for p in params where !p.contains("=") {
      throw ValidationError("--param expects name=value, found '\(p)'")
    }
    guard (0...65535).contains(port) else { throw ValidationError("--port expects 0…65535, found \(port)") }
  }

  func run() async throws {
    guard FileManager.default.isReadableFile(atPath: notebook) else {
      throw UsageError(description: "cannot read notebook '\(notebook)': no such file or not readable")
    }
    let outputDirectory = output ?? Self.defaultOutputDirectory(for: notebook)
    do { try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true) } catch {
      throw OutputError.cannotWrite(path: outputDirectory, reason: ReportOutputSet.reason(error))
    }

    var job = ReportJob(notebookPath: notebook, outputDirectory: outputDirectory)
    job.params = params.map {
      let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
    job.templatePath = template
    job.useCache = !noCache
    job.cacheDirectory = cacheOptions.cache
    job.cacheCap = cacheOptions.cap
    job.showProgress = isatty(STDERR_FILENO) != 0
    let session = PreviewSession(stem: job.stem, outputDirectory: outputDirectory)
    let rebuilder = PreviewRebuilder(builder: PreviewBuilder(job: job, explicitTemplate: template), session: session)
    let watched = await rebuilder.build(watching: WatchedFiles([notebook]))

    var logger = Logger(label: "folio.preview")
    logger.logLevel = .warning
    let requestedPort = port
    let app = Application(
      router: PreviewRoutes.router(session),
      configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "folio"),
      onServerRunning: { channel in
        let boundPort = channel.localAddress?.port ?? requestedPort
        await session.bound(port: boundPort)
        let url = "http://127.0.0.1:\(boundPort)/"
        // Written unbuffered: scripts and tests read the URL from a pipe.
        FileHandle.standardOutput.write(Data("folio preview: serving \(url) (output in \(outputDirectory); Ctrl-C to stop)\n".utf8))
      },
      logger: logger)

    let watcher = Task { await rebuilder.watch(watched) }
    defer { watcher.cancel() }
    do {
      try await app.runService()
    } catch {
      throw UsageError(description: "cannot serve on 127.0.0.1:\(port): \(error)")
    }
    printError("folio preview: stopped")
  }

  /// `<tmp>/folio-preview/<stem>-<hash of the notebook's absolute path>`: the
  /// same folder for the same notebook, so the block cache survives restarts.
  static func defaultOutputDirectory(for notebook: String) -> String {
    let absolute = URL(fileURLWithPath: notebook).standardizedFileURL.path
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, 64 bit
    for byte in absolute.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let stem = ((notebook as NSString).lastPathComponent as NSString).deletingPathExtension
    let name = "\(stem)-\(String(hash, radix: 16))"
    return FileManager.default.temporaryDirectory.appendingPathComponent("folio-preview").appendingPathComponent(name).path
  }
}
