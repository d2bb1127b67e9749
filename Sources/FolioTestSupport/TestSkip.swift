import Foundation
import XCTest

/// The one way a Folio test gives up because something it needs is missing
/// (a built binary, Chromium, a PostgreSQL server): a skip that says why when
/// run locally, a failure in CI.
///
/// In CI nothing may skip silently: a test that skips there never ran, so a
/// broken setup would pass unnoticed. CI is recognised by `CI` (set by `.ci/run`
/// and by most CI services) or `FOLIO_NO_SKIP`, either set to anything but
/// empty, `0` or `false`.
public enum TestSkip {
  /// Whether missing prerequisites fail instead of skipping.
  public static var isStrict: Bool {
    let env = ProcessInfo.processInfo.environment
    return ["CI", "FOLIO_NO_SKIP"].contains { name in
      guard let value = env[name]?.lowercased() else { return false }
      return !["", "0", "false", "no"].contains(value)
    }
  }

  /// The error to throw when `reason` keeps the test from running: an
  /// `XCTSkip` locally, a ``PrerequisiteMissing`` failure under CI.
  public static func unavailable(_ reason: String) -> any Error {
    isStrict ? PrerequisiteMissing(reason: reason) : XCTSkip(reason)
  }

  /// A prerequisite a test needs is missing where it must not be (CI).
  public struct PrerequisiteMissing: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "test prerequisite missing under CI (tests may not skip there): \(reason)" }
  }
}
