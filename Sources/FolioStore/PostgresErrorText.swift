import Foundation
import PostgresNIO

/// Turns PostgresNIO, NIO and TLS errors into sentences a notebook author can
/// act on ("connection refused at 127.0.0.1:5432", "password authentication
/// failed for user \"ana\"", "the server closed the connection during the
/// query"), never the client library's enum names.
enum PostgresErrorText {
  /// What the connection was doing when the error happened.
  enum Phase {
    case connecting
    case querying
  }

  /// A one-line description of `error` for a connection to `address`.
  static func describe(_ error: any Error, address: PostgresAddress, phase: Phase) -> String {
    if let e = error as? DatabaseAccessError { return e.message }
    if let e = error as? PSQLError { return describe(e, address: address, phase: phase) }
    if let e = error as? PostgresTransactionError {
      if let inner = e.closureError ?? e.beginError ?? e.commitError { return describe(inner, address: address, phase: phase) }
    }
    if let e = error as? NIOConnectionError {
      if let first = e.connectionErrors.first { return describe(first.error, address: address, phase: phase) }
      return "cannot resolve host '\(e.host)': no such host"
    }
    if let e = error as? ChannelError {
      switch e {
      case .connectTimeout:
        return "timed out after \(address.connectTimeout) s connecting to \(address.endpoint) (raise connect_timeout in the address if the server is slow to answer)"
      case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed:
        return closedText(address, phase)
      default:
        return "\(closedText(address, phase)) (\(e))"
      }
    }
    if let e = error as? IOError { return describe(errno: e.errnoCode, address: address, phase: phase) }
    if let e = error as? NIOSSLExtraError, e == .failedToValidateHostname {
      return "the server's TLS certificate does not name the host '\(address.host)' (sslmode=verify-full); connect by a name the certificate lists, or use sslmode=verify-ca"
    }
    if let e = error as? NIOSSLError {
      switch e {
      case .handshakeFailed(let inner):
        let text = "\(inner)"
        if text.localizedCaseInsensitiveContains("CERTIFICATE_VERIFY_FAILED") || text.localizedCaseInsensitiveContains("certificate verify failed") {
          return "the server's TLS certificate is not signed by a CA in sslrootcert='\(address.sslRootCert ?? "~/.postgresql/root.crt")' (certificate verify failed); give the CA that signed the server's certificate"
        }
        return "the TLS handshake with \(address.endpoint) failed (\(text))"
      case .uncleanShutdown:
        return closedText(address, phase)
      default:
        return "TLS error talking to \(address.endpoint) (\(e))"
      }
    }
    return String(describing: error)
  }

  private static func describe(_ e: PSQLError, address: PostgresAddress, phase: Phase) -> String {
    if let message = e.serverInfo?[.message] {
      var text = message
      if let detail = e.serverInfo?[.detail] { text += " (\(detail))" }
      switch e.serverInfo?[.sqlState] {
      case "28P01":
        text += "; check the password given by the address, PGPASSWORD, the password file (PGPASSFILE or ~/.pgpass) or the service file"
      case "57P01", "57P02", "57P03":
        text = "the server shut down \(phase == .querying ? "during the query" : "while connecting") (\(message))"
      default: break
      }
      return text
    }
    switch e.code {
    case .sslUnsupported:
      return "the server at \(address.endpoint) does not accept TLS connections, but sslmode=\(address.sslMode.rawValue) requires TLS; turn ssl on at the server, or use sslmode=prefer on a trusted network"
    case .authMechanismRequiresPassword:
      return "the server asks for a password for user \"\(address.user)\" and none was given; set PGPASSWORD, add a line to the password file (PGPASSFILE or ~/.pgpass) or use a service file, rather than writing it in the notebook"
    case .unsupportedAuthMechanism:
      return "the server asks user \"\(address.user)\" for an authentication method Folio does not support (it supports password, md5 and scram-sha-256)"
    case .saslError:
      return "SCRAM authentication failed for user \"\(address.user)\"; check the password"
    case .queryCancelled:
      return "the query was cancelled"
    case .tooManyParameters:
      return "the query has too many parameters (at most 65,535)"
    case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError:
      if let underlying = e.underlying, !(underlying is PSQLError) {
        let inner = describe(underlying, address: address, phase: phase)
        let closed = closedText(address, phase)
        return inner == closed ? closed : inner
      }
      return closedText(address, phase)
    case .receivedUnencryptedDataAfterSSLRequest, .failedToAddSSLHandler:
      return "the TLS negotiation with \(address.endpoint) failed"
    case .messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag:
      return "the server at \(address.endpoint) sent a message Folio cannot read; is it a PostgreSQL server?"
    default:
      if let underlying = e.underlying { return describe(underlying, address: address, phase: phase) }
      return "the PostgreSQL client failed (\(e.code))"
    }
  }

  private static func describe(errno code: Int32, address: PostgresAddress, phase: Phase) -> String {
    switch code {
    case ECONNREFUSED:
      return "connection refused at \(address.endpoint); is the server running and accepting TCP connections there?"
    case ETIMEDOUT:
      return "timed out connecting to \(address.endpoint)"
    case EHOSTUNREACH, ENETUNREACH:
      return "host \(address.host) is unreachable"
    case ECONNRESET, EPIPE:
      return closedText(address, phase)
    default:
      return "\(String(cString: strerror(code)).lowercased()) (\(address.endpoint))"
    }
  }

  private static func closedText(_ address: PostgresAddress, _ phase: Phase) -> String {
    switch phase {
    case .connecting: return "the server at \(address.endpoint) closed the connection while connecting"
    case .querying: return "the server closed the connection during the query"
    }
  }
}
