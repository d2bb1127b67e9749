import XCTest
final class FolioNotebookTestsPlaceholder: XCTestCase { func testPlaceholder() {} }
