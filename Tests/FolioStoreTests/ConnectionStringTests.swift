import XCTest

@testable import FolioStore

/// `ConnectionString.redacted`: the one rule that keeps passwords out of
/// pages, files and messages.
final class ConnectionStringTests: XCTestCase {
  func testPasswordIsRemovedFromAURLAnywhereInText() {
    XCTAssertEqual(
      ConnectionString.redacted("source: postgres://user:S3cretPW@host/db"), "source: postgres://user@host/db")
    XCTAssertEqual(
      ConnectionString.redacted(#"{"data":"postgresql://ana:pw@10.0.0.1:5432/m?sslmode=require","n":1}"#),
      #"{"data":"postgresql://ana@10.0.0.1:5432/m?sslmode=require","n":1}"#)
    XCTAssertEqual(
      ConnectionString.redacted("folio render nb.md --param db=postgres://a:b@h/d --param x=1"),
      "folio render nb.md --param db=postgres://a@h/d --param x=1")
  }

  /// Pages hold non-ASCII text around URLs; the scan works on UTF-8 bytes
  /// and must still cut at character boundaries.
  func testURLsBesideNonASCIITextLoseTheirPasswordAndTheTextIsKept() {
    XCTAssertEqual(
      ConnectionString.redacted("Chloé → postgres://ana:Pässwörd@höst/db — é://x :// a:/b ü:"),
      "Chloé → postgres://ana@höst/db — é://x :// a:/b ü:")
    XCTAssertEqual(ConnectionString.redacted("日本https://u:p@h/x日本"), "日本https://u@h/x日本")
  }

  func testPasswordsHoldingPunctuationAreRemovedWhole() {
    // ',' ')' '\'' and '@' may appear in a password; the last '@' before the host ends it.
    XCTAssertEqual(ConnectionString.redacted("postgres://u:a,b)c'd@e@host:1/db, next"), "postgres://u@host:1/db, next")
    XCTAssertEqual(ConnectionString.redacted("{source: postgres://u:p,w@h, x: 1}"), "{source: postgres://u@h, x: 1}")
  }

  func testAnySchemeLosesItsPassword() {
    XCTAssertEqual(ConnectionString.redacted("found 'mysql://ana:secret@h/db'"), "found 'mysql://ana@h/db'")
    XCTAssertEqual(ConnectionString.redacted("https://u:p@example.com/x"), "https://u@example.com/x")
  }

  func testSecretQueryItemsAreDroppedAndOthersKept() {
    XCTAssertEqual(
      ConnectionString.redacted("postgres://u@h/db?sslmode=verify-full&password=hunter2&sslrootcert=/ca.pem"),
      "postgres://u@h/db?sslmode=verify-full&sslrootcert=/ca.pem")
    XCTAssertEqual(ConnectionString.redacted("postgres://u@h/db?PASSWORD=x"), "postgres://u@h/db")
    XCTAssertEqual(
      ConnectionString.redacted("postgres://u@h/db?sslmode=require&amp;password=x"), "postgres://u@h/db?sslmode=require")
    XCTAssertEqual(
      ConnectionString.redacted("postgres://u@h/db?password=x&amp;sslmode=require&amp;a=1"),
      "postgres://u@h/db?sslmode=require&amp;a=1", "HTML-escaped text, secret first")
  }

  func testTextWithoutSecretsIsUnchangedAndRedactionIsIdempotent() {
    for text in ["", "postgres is a database", "postgres://u@h:5432/db", "sqlite:data/a.sqlite", "mailto:a@b.c", "see ://x"] {
      XCTAssertEqual(ConnectionString.redacted(text), text)
    }
    let once = ConnectionString.redacted("a postgres://u:p@h/d?password=q b postgresql://v:w@i/e")
    XCTAssertEqual(once, "a postgres://u@h/d b postgresql://v@i/e")
    XCTAssertEqual(ConnectionString.redacted(once), once)
  }
}
