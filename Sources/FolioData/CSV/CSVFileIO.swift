/// Whole-file reads and writes for CSV files, errors as `CSVError`.
enum CSVFileIO {
  /// `FileBytes.withMappedFile` (pages faulted in as read, see `populate`),
  /// with a read failure as a `CSVError` at line 1 of `displayName`.
  static func withMappedFile<R>(
    path: String, displayName: String, _ body: (UnsafeBufferPointer<UInt8>) throws(CSVError) -> R
  ) throws(CSVError) -> R {
    do {
      return try FileBytes.withMappedFile(path, populate: false, body)
    } catch {
      switch error {
      case .body(let e): throw e
      case .cannotRead(let failure):
        throw CSVError(location: SourceLocation(file: displayName, line: 1, column: 1), reason: .cannotRead(failure.reason))
      }
    }
  }

  /// Writes `bytes` to `path`, replacing it.
  static func writeAll(_ bytes: [UInt8], path: String) throws(CSVError) {
    do {
      try FileBytes.write(bytes, to: path)
    } catch {
      throw CSVError(location: SourceLocation(file: path, line: 1, column: 1), reason: .cannotWrite(error.reason))
    }
  }
}
