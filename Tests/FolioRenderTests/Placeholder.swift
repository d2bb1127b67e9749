import XCTest
final class FolioRenderTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
