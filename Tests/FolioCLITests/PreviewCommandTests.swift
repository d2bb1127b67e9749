import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `folio preview` end to end: the built binary serves on 127.0.0.1 (port 0),
/// rebuilds after saves of the notebook and of a data file, shows notebook
/// errors as error cells and an unreadable notebook as an error page, and
/// stops on SIGTERM/SIGINT. Loopback only; every wait is bounded.
final class PreviewCommandTests: XCTestCase {
  private func write(_ text: String, _ name: String, in dir: URL) throws {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  private func notebook(title: String, yaml: String = "title: Preview test") -> String {
    """
    ---
    \(yaml)
    ---

    # \(title)

    ```{data} d
    csv: d.csv
    ```

    Rows in d: {{ d.rows }}.

    """
  }

  func testPreviewServesReportThenRebuildsAfterDataAndNotebookSavesAndStopsOnSIGTERM() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "First heading"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "--output", "out"], in: dir)

    let first = try server.get("/")
    XCTAssertEqual(first.status, 200)
    XCTAssertTrue(first.contentType.hasPrefix("text/html"), first.contentType)
    XCTAssertTrue(first.body.contains("First heading"), first.body)
    XCTAssertTrue(first.body.contains("Rows in d: 1."))
    XCTAssertTrue(first.body.contains("<script data-folio-preview data-version=\"1\">"), "reload script injected")
    XCTAssertTrue(first.body.contains("var version = document.currentScript.dataset.version;"))
    let scriptAt = try XCTUnwrap(first.body.range(of: "<script data-folio-preview data-version="))
    let bodyEnd = try XCTUnwrap(first.body.range(of: "</body>", options: .backwards))
    XCTAssertLessThan(scriptAt.lowerBound, bodyEnd.lowerBound, "script sits before </body>")
    XCTAssertEqual(try server.version(), "1")
    // The report on disk is the plain `folio render` output, without the script.
    let onDisk = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertFalse(onDisk.contains("data-folio-preview"))

    // A data file the notebook reads is watched.
    try write("A,B\n1,2\n3,4\n", "d.csv", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "1"), "2")
    XCTAssertTrue(try server.get("/").body.contains("Rows in d: 2."))

    // So is the notebook itself.
    try write(notebook(title: "Second heading"), "nb.md", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "2"), "3")
    let third = try server.get("/").body
    XCTAssertTrue(third.contains("Second heading"))
    XCTAssertFalse(third.contains("First heading"))
    XCTAssertTrue(third.contains("<script data-folio-preview data-version=\"3\">"))

    XCTAssertEqual(server.stop(signal: SIGTERM), 0, "graceful stop exits 0")
    XCTAssertTrue(server.stderr.contains("folio preview: stopped"), server.stderr)
  }

  func testBrokenYAMLShowsErrorCellAndUnreadableNotebookShowsErrorPageWhileServing() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Fine"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    XCTAssertFalse(try server.get("/").body.contains("class=\"error-cell\""))

    // Unclosed flow sequence in the front matter: a YAML error at line 2.
    try write(notebook(title: "Fine", yaml: "title: [unclosed"), "nb.md", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "1"), "2")
    let broken = try server.get("/").body
    XCTAssertTrue(broken.contains("class=\"error-cell\""), broken)
    XCTAssertTrue(broken.contains("invalid YAML"), broken)
    XCTAssertTrue(broken.contains("nb.md:3:1"), "the error names the notebook line and column")
    XCTAssertTrue(broken.contains("<script data-folio-preview data-version=\"2\">"), "an error report still reloads itself")

    // A notebook that cannot be read: an error page; the server keeps running.
    try FileManager.default.removeItem(at: dir.appendingPathComponent("nb.md"))
    XCTAssertEqual(try server.waitForVersion(after: "2"), "3")
    let missing = try server.get("/")
    XCTAssertEqual(missing.status, 200)
    XCTAssertTrue(missing.body.contains("cannot read notebook &#39;nb.md&#39;: no such file or not readable"), missing.body)
    XCTAssertTrue(missing.body.contains("<script data-folio-preview data-version=\"3\">"))

    // Saving it again brings the report back.
    try write(notebook(title: "Restored"), "nb.md", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "3"), "4")
    XCTAssertTrue(try server.get("/").body.contains("Restored"))
    XCTAssertEqual(server.stop(signal: SIGINT), 0, "Ctrl-C stops cleanly")
  }

  func testDeletedDataFileShowsAnErrorCellAndRestoringItRebuilds() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Data"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("d.csv"))
    XCTAssertEqual(try server.waitForVersion(after: "1"), "2")
    let failed = try server.get("/").body
    XCTAssertTrue(failed.contains("class=\"error-cell\""), failed)
    XCTAssertTrue(failed.contains("nb.md:8:6: error: cannot read CSV file &#39;d.csv&#39;"), failed)
    try write("A,B\n1,2\n3,4\n5,6\n", "d.csv", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "2"), "3")
    XCTAssertTrue(try server.get("/").body.contains("Rows in d: 3."))
    server.stop()
  }

  func testAttachmentsAreServedUnderTheStemAndNothingOutsideIt() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Files"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    let results = try server.get("/nb/results.json")
    XCTAssertEqual(results.status, 200)
    XCTAssertEqual(results.contentType, "application/json")
    let onDisk = try String(contentsOf: dir.appendingPathComponent("out/nb/results.json"), encoding: .utf8)
    XCTAssertEqual(results.body, onDisk)
    XCTAssertEqual(try server.get("/nb/%2E%2E/nb.html").status, 404, "no escaping the attachment folder")
    XCTAssertEqual(try server.get("/nb/missing.csv").status, 404)
    XCTAssertEqual(try server.get("/elsewhere").status, 404)
    server.stop()
  }

  func testSavingTheTemplateOrItsStylesheetRebuildsTheReport() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Templated"), "nb.md", in: dir)
    let templates = FolioProcess.packageRoot.appendingPathComponent("templates")
    let mustache = try String(contentsOf: templates.appendingPathComponent("report.mustache"), encoding: .utf8)
    let css = try String(contentsOf: templates.appendingPathComponent("report.css"), encoding: .utf8)
    let marked = { (marker: String) in mustache.replacingOccurrences(of: "</body>", with: "<p>\(marker)</p></body>") }
    try write(marked("template-marker-one"), "t.mustache", in: dir)
    try write(css, "t.css", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out", "--template", "t.mustache"], in: dir)
    XCTAssertTrue(try server.get("/").body.contains("template-marker-one"), server.stderr)

    try write(marked("template-marker-two"), "t.mustache", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "1"), "2")
    let page = try server.get("/").body
    XCTAssertTrue(page.contains("template-marker-two"))
    XCTAssertFalse(page.contains("template-marker-one"))

    try write(css + "\n/* stylesheet-marker */\n", "t.css", in: dir)
    XCTAssertEqual(try server.waitForVersion(after: "2"), "3")
    XCTAssertTrue(try server.get("/").body.contains("stylesheet-marker"), "the stylesheet is inlined anew")
    server.stop()
  }

  func testUnchangedSaveRebuildsWithoutBumpingTheVersion() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Same"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    try write("A,B\n1,2\n", "d.csv", in: dir)  // same bytes, new inode and mtime
    let rebuilt = PreviewServer.waitUntil(timeout: 10) {
      server.stderr.components(separatedBy: "(1 blocks,").count >= 3
    }
    XCTAssertTrue(rebuilt, server.stderr)
    XCTAssertTrue(server.stderr.contains("changed "), server.stderr)
    XCTAssertEqual(try server.version(), "1")
    server.stop()
  }

  func testSecondServerOnATakenPortFailsWithUsageError() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try write("A,B\n1,2\n", "d.csv", in: dir)
    try write(notebook(title: "Port"), "nb.md", in: dir)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    let port = try XCTUnwrap(server.baseURL?.port)
    let second = try FolioProcess.run(["preview", "nb.md", "--port", "\(port)", "-o", "out2"], in: dir)
    XCTAssertEqual(second.status, 2)
    XCTAssertTrue(second.stderr.contains("cannot serve on 127.0.0.1:\(port)"), second.stderr)
    server.stop()
  }

  func testMissingNotebookIsAUsageError() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let r = try FolioProcess.run(["preview", "nope.md", "--port", "0"], in: dir)
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("cannot read notebook 'nope.md': no such file or not readable"), r.stderr)
  }
}

// MARK: - A running `folio preview` process

/// A running `folio preview` process for tests: started on port 0, its URL
/// read from standard output, talked to over loopback only, and stopped by
/// signal. Every wait is bounded.
final class PreviewServer {
  let process = Process()
  private let output = LockedText(), errors = LockedText()
  private(set) var baseURL: URL?

  /// Starts `folio preview args…` in `directory` and waits (at most `timeout`
  /// seconds) for the URL line on standard output.
  init(_ args: [String], in directory: URL, timeout: TimeInterval = 60) throws {
    process.executableURL = try FolioProcess.executable()
    process.arguments = ["preview"] + args
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let output = self.output, errors = self.errors
    out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
    err.fileHandleForReading.readabilityHandler = { errors.append($0.availableData) }
    try process.run()
    let found = Self.waitUntil(timeout: timeout) { output.text.contains("\n") || !self.process.isRunning }
    let line = output.text
    guard found, let range = line.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) else {
      stop()
      // A server that does not start is a failure, never a skip.
      throw PreviewDidNotStart(description: "no URL printed within \(timeout) s; stdout: \(line) stderr: \(errors.text)")
    }
    baseURL = URL(string: String(line[range]))
  }

  var stdout: String { output.text }
  var stderr: String { errors.text }

  /// GETs `path` (relative to the server) and returns the status and body text.
  func get(_ path: String, timeout: TimeInterval = 10) throws -> (status: Int, body: String, contentType: String) {
    let base = try XCTUnwrap(baseURL)
    let url = try XCTUnwrap(URL(string: path, relativeTo: base))
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    request.httpMethod = "GET"
    let done = DispatchSemaphore(value: 0)
    let box = LockedText()
    let head = LockedHead()
    let task = URLSession.shared.dataTask(with: request) { data, response, error in
      head.set(response as? HTTPURLResponse, error)
      if let data { box.append(data) }
      done.signal()
    }
    task.resume()
    guard done.wait(timeout: .now() + timeout + 1) == .success else {
      task.cancel()
      throw PreviewTestError("GET \(path) timed out after \(timeout) s")
    }
    let (status, contentType, failure) = head.get()
    if let failure { throw failure }
    return (status, box.text, contentType)
  }

  /// The current `/version`.
  func version() throws -> String { try get("/version").body }

  /// Polls `/version` every 100 ms until it differs from `old` (at most
  /// `timeout` seconds) and returns the new one.
  func waitForVersion(after old: String, timeout: TimeInterval = 10) throws -> String {
    var current = old
    let changed = Self.waitUntil(timeout: timeout) {
      current = (try? self.version()) ?? old
      return current != old
    }
    guard changed else { throw PreviewTestError("/version stayed \(old) for \(timeout) s; stderr:\n\(stderr)") }
    return current
  }

  /// Sends `signal` and waits (at most `timeout` seconds) for the process to exit.
  @discardableResult
  func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 10) -> Int32? {
    guard process.isRunning else { return process.terminationStatus }
    kill(process.processIdentifier, signal)
    guard Self.waitUntil(timeout: timeout, { !self.process.isRunning }) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    process.waitUntilExit()
    return process.terminationStatus
  }

  deinit { stop(signal: SIGKILL, timeout: 5) }

  /// Checks `condition` every 100 ms until it holds or `timeout` seconds pass.
  static func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return condition()
  }
}

/// Text appended from several threads.
final class LockedText: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
  var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}

/// Status, content type and error of one response, set from URLSession's queue.
final class LockedHead: @unchecked Sendable {
  private let lock = NSLock()
  private var status = 0, contentType = "", error: Error?
  func set(_ response: HTTPURLResponse?, _ error: Error?) {
    lock.lock(); defer { lock.unlock() }
    status = response?.statusCode ?? 0
    contentType = response?.value(forHTTPHeaderField: "Content-Type") ?? ""
    self.error = error
  }
  func get() -> (Int, String, Error?) { lock.lock(); defer { lock.unlock() }; return (status, contentType, error) }
}

struct PreviewTestError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// `folio preview` did not print its URL: the test fails with what it printed.
struct PreviewDidNotStart: Error, CustomStringConvertible {
  var description: String
}
