import XCTest
final class FolioDataTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
