import Foundation
import FolioNotebook
import FolioTestSupport
import XCTest

/// `folio preview` over HTTP as an attacker would try it: a symlink in the
/// output folder to a file elsewhere, a foreign Host header (DNS rebinding),
/// and the headers every response must carry.
final class PreviewSecurityTests: XCTestCase {
  /// `curl -i` of `path` with an optional Host header: (status, raw headers, body).
  func fetch(_ server: PreviewServer, _ path: String, host: String? = nil, in dir: URL) throws -> (status: Int, headers: String, body: String) {
    let curl = URL(fileURLWithPath: "/usr/bin/curl")
    guard FileManager.default.isExecutableFile(atPath: curl.path) else { throw TestSkip.unavailable("curl is not installed") }
    let url = try XCTUnwrap(URL(string: path, relativeTo: try XCTUnwrap(server.baseURL))).absoluteString
    let args = ["-s", "-i", "--max-time", "10", "--path-as-is"] + (host.map { ["-H", "Host: \($0)"] } ?? []) + [url]
    let out = try FolioProcess.runProcess(curl, args, in: dir).stdout
    let parts = out.components(separatedBy: "\r\n\r\n")
    let headers = parts.first ?? ""
    let status = Int(headers.split(separator: " ").dropFirst().first ?? "") ?? 0
    return (status, headers.lowercased(), parts.dropFirst().joined(separator: "\r\n\r\n"))
  }

  func startServer() throws -> (PreviewServer, URL) {
    let dir = try FolioProcess.temporaryDirectory()
    try "A,B\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "---\ntitle: Safe\n---\n```{data} d\ncsv: d.csv\n```\n".write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    return (try PreviewServer(["nb.md", "--port", "0", "-o", "out"], in: dir), dir)
  }

  func testASymlinkInTheOutputFolderToAFileOutsideIsNotServed() throws {
    let (server, dir) = try startServer()
    defer { server.stop() }
    let folder = dir.appendingPathComponent("out/nb")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "/etc/passwd")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: dir.path)
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("same.json").path, withDestinationPath: "results.json")
    let outside = try fetch(server, "/nb/link", in: dir)
    XCTAssertEqual(outside.status, 404)
    XCTAssertFalse(outside.body.contains("root:"), "no /etc/passwd through a link")
    XCTAssertEqual(try fetch(server, "/nb/up/nb.md", in: dir).status, 404, "no escaping through a linked folder")
    XCTAssertEqual(try fetch(server, "/nb/same.json", in: dir).status, 200, "a link that stays inside the folder is served")
  }

  func testAForeignHostHeaderIsRefusedAndLoopbackNamesAreAnswered() throws {
    let (server, dir) = try startServer()
    defer { server.stop() }
    let port = try XCTUnwrap(server.baseURL?.port)
    let rebinding = try fetch(server, "/", host: "attacker.example:\(port)", in: dir)
    XCTAssertEqual(rebinding.status, 421)
    XCTAssertFalse(rebinding.body.contains("Safe"), "the report is not sent to a foreign origin")
    XCTAssertEqual(try fetch(server, "/", host: "127.0.0.1:\(port + 1)", in: dir).status, 421, "another port is another origin")
    XCTAssertEqual(try fetch(server, "/", host: "localhost:\(port)", in: dir).status, 200)
    XCTAssertEqual(try fetch(server, "/", in: dir).status, 200)
  }

  func testEveryResponseForbidsSniffingAndLoadsNothingFromTheNetwork() throws {
    let (server, dir) = try startServer()
    defer { server.stop() }
    for path in ["/", "/version", "/nb/results.json", "/missing"] {
      let r = try fetch(server, path, in: dir)
      XCTAssertTrue(r.headers.contains("x-content-type-options: nosniff"), "\(path): \(r.headers)")
      XCTAssertTrue(r.headers.contains("content-security-policy: default-src 'none';"), "\(path): \(r.headers)")
      XCTAssertTrue(r.headers.contains("frame-ancestors 'none'"), path)
    }
  }

  /// The served page runs only Folio's reload script: the page's meta policy
  /// and the header both allow it by the SHA-256 of its exact text and allow no
  /// other inline script ('unsafe-inline' is gone from script-src).
  func testPreviewPolicyAllowsTheReloadScriptByItsHashAndNoOtherScript() throws {
    let (server, dir) = try startServer()
    defer { server.stop() }
    let r = try fetch(server, "/", in: dir)
    let open = try XCTUnwrap(r.body.range(of: "<script data-folio-preview data-version=\"1\">"))
    let close = try XCTUnwrap(r.body.range(of: "</script>", range: open.upperBound..<r.body.endIndex))
    let script = String(r.body[open.upperBound..<close.lowerBound])
    let hex = SHA256Digest.hex(of: Array(script.utf8))
    let digest = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
      let start = hex.index(hex.startIndex, offsetBy: i)
      return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
    }
    let source = "'sha256-\(Data(digest).base64EncodedString())'"

    let metaOpen = "<meta http-equiv=\"Content-Security-Policy\" content=\""
    let meta = try XCTUnwrap(r.body.range(of: metaOpen).map { String(r.body[$0.upperBound...].prefix(while: { $0 != "\"" })) })
    let header = try XCTUnwrap(r.headers.split(separator: "\r\n").first { $0.hasPrefix("content-security-policy:") })
    for policy in [meta, String(header)] {
      let scriptSrc = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        .first { $0.lowercased().hasPrefix("script-src") }
      XCTAssertEqual(scriptSrc?.lowercased(), "script-src \(source)".lowercased(), policy)
      XCTAssertFalse(policy.contains("unsafe-inline';") && policy.lowercased().contains("script-src 'unsafe-inline"), policy)
    }
    XCTAssertEqual(r.body.components(separatedBy: "<script").count, 2, "one script on the page")
  }

  /// A hostile path in the URL comes back in a plain-text 404 that the
  /// browser must not sniff as HTML; a hostile notebook name on the preview's
  /// error page is escaped.
  func testHostilePathsAreAnsweredAsTextAndEscapedOnTheErrorPage() throws {
    let (server, dir) = try startServer()
    defer { server.stop() }
    let r = try fetch(server, "/%3Cscript%3Ealert(1)%3C/script%3E", in: dir)
    XCTAssertEqual(r.status, 404)
    XCTAssertTrue(r.headers.contains("content-type: text/plain"), r.headers)
    XCTAssertTrue(r.headers.contains("x-content-type-options: nosniff"), r.headers)

    let name = "x<img src=x onerror=alert(1)>.md"
    try "---\ntitle: Safe\n---\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    let other = try PreviewServer([name, "--port", "0", "-o", "out2"], in: dir)
    defer { other.stop() }
    try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
    XCTAssertEqual(try other.waitForVersion(after: "1"), "2")
    let page = try other.get("/").body
    XCTAssertTrue(page.contains("x&lt;img src=x onerror=alert(1)&gt;.md"), page)
    XCTAssertFalse(page.contains("<img"), page)
  }
}
