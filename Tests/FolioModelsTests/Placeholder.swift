import XCTest
final class FolioModelsTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
