import FolioData

/// One value of a database query result, before the column's type is settled:
/// what SQLite's storage classes and PostgreSQL's types boil down to.
public enum QueryCell: Sendable, Equatable {
  /// SQL NULL; becomes a missing cell.
  case null
  case integer(Int)
  case real(Double)
  case text(String)
  /// A PostgreSQL `date`: days since 1970-01-01.
  case date(Int)
}

/// What went wrong reading or writing a database, without a notebook
/// location (the notebook layer places it at the block's option).
///
/// `message` is meant to be shown as is: it names the database (URL without
/// password, or file path) and carries the database's own message.
public struct DatabaseAccessError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The server or file could not be reached or opened.
    case connection
    /// The database rejected the SQL (syntax, unknown table, type mismatch…).
    case sql
    /// A result value Folio cannot represent, or a value that does not fit a declared type.
    case conversion
    /// A malformed `sqlite:` / `postgres://` address.
    case address
    /// The work did not finish within the timeout.
    case timeout
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
