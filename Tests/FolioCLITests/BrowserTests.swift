import Foundation
import FolioTestSupport
import XCTest

/// The rendered sample report in a real browser: headless Chromium opens it
/// with no console messages and no network requests, and takes a screenshot.
final class BrowserTests: XCTestCase {
  /// Hosts Chromium itself contacts in the background (updates, time); never the page's.
  static let browserOwnHosts = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]

  static func chromium() -> URL? {
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    where FileManager.default.isExecutableFile(atPath: path) {
      return URL(fileURLWithPath: path)
    }
    return nil
  }

  func testSampleReportOpensInHeadlessChromiumWithoutConsoleErrorsOrNetwork() throws {
    guard let chromium = Self.chromium() else {
      let reason = "Chromium is not installed (apt-get install chromium); skipping the real-browser test"
      print("SKIPPED: \(reason)")
      throw TestSkip.unavailable(reason)
    }
    let out = try FolioProcess.temporaryDirectory()
    XCTAssertEqual(try FolioProcess.run(["render", "notebooks/sales-overview.md", "-o", out.path]).status, 0)
    let page = out.appendingPathComponent("sales-overview.html")
    let screenshot = out.appendingPathComponent("sales-overview.png")
    let netLog = out.appendingPathComponent("net.json")
    let profile = out.appendingPathComponent("profile")
    let r = try FolioProcess.runProcess(chromium, [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--disable-default-apps", "--user-data-dir=\(profile.path)",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--enable-logging=stderr", "--v=0", "--log-net-log=\(netLog.path)",
      "--window-size=1280,2000", "--screenshot=\(screenshot.path)", page.absoluteString,
    ], in: out)
    XCTAssertEqual(r.status, 0, r.stderr)

    let consoleLines = r.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    XCTAssertEqual(consoleLines, [], "the page logged to the console")

    let png = try Data(contentsOf: screenshot)
    XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG screenshot")
    XCTAssertGreaterThan(png.count, 20_000, "the screenshot shows a rendered page, not a blank one")

    let log = try String(contentsOf: netLog, encoding: .utf8)
    let urls = Set(log.components(separatedBy: "\"url\":\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
    let pageFetches = urls.filter { url in
      guard url.hasPrefix("http") else { return false }
      let host = URL(string: url)?.host ?? url
      return !Self.browserOwnHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }
    XCTAssertEqual(pageFetches, [], "the report must not fetch anything over the network")
  }
}
