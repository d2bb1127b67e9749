import XCTest
final class FolioCLITestsPlaceholder: XCTestCase { func testPlaceholder() {} }
