#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating a uniquely named folder (`mkdtemp(3)`), mode 0700.
public enum TemporaryDirectory {
  /// Why the folder could not be created.
  public struct Failure: Error, Sendable {
    public var path: String
    public var reason: String
  }

  /// Number of random characters `mkdtemp` puts at the end of the name.
  public static let suffixLength = 6

  /// Creates `<prefix>XXXXXX` (six random letters and digits) and returns its path.
  /// `prefix` is a path; the folder holding it must exist.
  public static func create(prefix: String) throws(Failure) -> String {
    var template = Array((prefix + String(repeating: "X", count: suffixLength)).utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
      buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    guard made != nil else {
      throw Failure(path: prefix + String(repeating: "X", count: suffixLength), reason: String(cString: strerror(errno)))
    }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Whether `name` (a file name, not a path) is one `create(prefix:)` could
  /// have made from a prefix whose last component is `namePrefix`.
  public static func isCreated(_ name: String, namePrefix: String) -> Bool {
    guard name.hasPrefix(namePrefix) else { return false }
    let suffix = name.utf8.dropFirst(namePrefix.utf8.count)
    return suffix.count == suffixLength
      && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
  }
}
