import Foundation
import FolioTestSupport
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `folio preview` with a real browser: headless Chromium opens the served
/// page, the notebook is saved with a new title, and the page reloads itself
/// (Chromium's DevTools HTTP endpoint `/json/list` reports each open page's
/// current title). Loopback only; every wait is bounded.
final class PreviewBrowserTests: XCTestCase {
  func testOpenPageReloadsItselfAfterTheNotebookIsSaved() throws {
    guard let chromium = BrowserTests.chromium() else {
      throw TestSkip.unavailable("Chromium is not installed (apt-get install chromium); skipping the real-browser test")
    }
    let dir = try FolioProcess.temporaryDirectory()
    try "A,B\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let notebook = { (title: String) in
      "---\ntitle: \(title)\n---\n\n```{data} d\ncsv: d.csv\n```\n\nRows in d: {{ d.rows }}.\n"
    }
    try notebook("Browser check one").write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let server = try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir)
    let pageURL = try XCTUnwrap(server.baseURL)

    let profile = dir.appendingPathComponent("profile")
    let browser = Process()
    browser.executableURL = chromium
    browser.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-default-apps",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      "--user-data-dir=\(profile.path)", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
      pageURL.absoluteString,
    ]
    browser.standardOutput = FileHandle.nullDevice
    browser.standardError = FileHandle.nullDevice
    try browser.run()
    defer {
      browser.terminate()
      _ = PreviewServer.waitUntil(timeout: 5) { !browser.isRunning }
      if browser.isRunning { kill(browser.processIdentifier, SIGKILL) }
      server.stop()
    }

    // Chromium writes the DevTools port it picked to DevToolsActivePort.
    var devtoolsPort = ""
    let started = PreviewServer.waitUntil(timeout: 30) {
      let text = (try? String(contentsOf: profile.appendingPathComponent("DevToolsActivePort"), encoding: .utf8)) ?? ""
      devtoolsPort = text.split(separator: "\n").first.map(String.init) ?? ""
      return !devtoolsPort.isEmpty
    }
    XCTAssertTrue(started, "Chromium did not open its DevTools port within 30 s")
    // Read with curl: Foundation's URLSession rejects the DevTools server's
    // headers ("Content-Length:1442", no space after the colon).
    let curl = URL(fileURLWithPath: "/usr/bin/curl")
    guard FileManager.default.isExecutableFile(atPath: curl.path) else { throw TestSkip.unavailable("curl is not installed") }
    let listURL = "http://127.0.0.1:\(devtoolsPort)/json/list"
    let titles = { () -> [String] in
      let list = (try? FolioProcess.runProcess(curl, ["-s", "--max-time", "5", listURL], in: dir).stdout) ?? "[]"
      let pages = (try? JSONSerialization.jsonObject(with: Data(list.utf8))) as? [[String: Any]] ?? []
      return pages.filter { ($0["url"] as? String)?.hasPrefix(pageURL.absoluteString) == true }.compactMap { $0["title"] as? String }
    }

    XCTAssertTrue(PreviewServer.waitUntil(timeout: 20) { titles() == ["Browser check one"] }, "\(titles())")
    try notebook("Browser check two").write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    XCTAssertTrue(PreviewServer.waitUntil(timeout: 10) { titles() == ["Browser check two"] }, "page did not reload: \(titles())")
    XCTAssertEqual(try server.version(), "2")
  }
}
