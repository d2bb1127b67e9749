import Foundation
import PostgresNIO

/// libpq's `sslmode`: whether the connection is encrypted and what is
/// verified about the server.
public enum PostgresSSLMode: String, Sendable, Equatable, CaseIterable {
  /// Never TLS.
  case disable
  /// TLS when the server offers it, plain otherwise (libpq's default).
  /// The certificate is checked against the root CAs when a root file is present.
  case prefer
  /// Always TLS; the certificate is checked against the root CAs only when a
  /// root file is present (as libpq does), so on its own it stops eavesdropping, not impersonation.
  case require
  /// Always TLS, and the server's certificate must be signed by a trusted CA (`sslrootcert`).
  case verifyCA = "verify-ca"
  /// As `verify-ca`, and the certificate must name the host connected to.
  case verifyFull = "verify-full"
}

/// Builds the TLS settings of a connection from a `PostgresAddress`.
enum PostgresTLS {
  /// The TLS setting for `address`.
  /// - Throws: `DatabaseAccessError(.connection)` when a root certificate file
  ///   is needed but absent or unreadable.
  static func configuration(for address: PostgresAddress) throws(DatabaseAccessError) -> PostgresConnection.Configuration.TLS {
    if address.sslMode == .disable { return .disable }
    let defaultRoot = address.defaultRootCert
    let rootPath = address.sslRootCert ?? (FileManager.default.fileExists(atPath: defaultRoot) ? defaultRoot : nil)
    var tls = TLSConfiguration.makeClientConfiguration()
    if let path = rootPath {
      tls.trustRoots = path == "system" ? .default : .certificates(try certificates(at: path))
      tls.certificateVerification = address.sslMode == .verifyFull || path == "system" ? .fullVerification : .noHostnameVerification
    } else if address.sslMode == .verifyCA || address.sslMode == .verifyFull {
      throw DatabaseAccessError(
        .connection,
        "sslmode=\(address.sslMode.rawValue) needs the CA certificate that signed the server's: set sslrootcert=/path/to/root.crt (or PGSSLROOTCERT), or put it in \(defaultRoot)")
    } else {
      tls.certificateVerification = .none
    }
    let context: NIOSSLContext
    do { context = try NIOSSLContext(configuration: tls) } catch {
      throw DatabaseAccessError(.connection, "cannot set up TLS for \(address.redacted): \(error)")
    }
    return address.sslMode == .prefer ? .prefer(context) : .require(context)
  }

  /// The PEM certificates in `path`.
  private static func certificates(at path: String) throws(DatabaseAccessError) -> [NIOSSLCertificate] {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw DatabaseAccessError(.connection, "cannot read the root certificate file sslrootcert='\(path)': no such readable file")
    }
    do {
      let certificates = try NIOSSLCertificate.fromPEMFile(path)
      guard !certificates.isEmpty else { throw DatabaseAccessError(.connection, "") }
      return certificates
    } catch {
      throw DatabaseAccessError(.connection, "the root certificate file sslrootcert='\(path)' holds no PEM certificate")
    }
  }
}
