import XCTest
final class FolioStatsTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
