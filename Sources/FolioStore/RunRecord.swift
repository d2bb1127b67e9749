import Crypto
import Foundation

/// The provenance of one render, written as one row of the `folio_runs`
/// table beside the result tables.
///
/// Nothing here depends on the clock: the same notebook, params, seed and
/// Folio version give the same record, and the same `runID`.
public struct RunRecord: Sendable, Equatable {
  /// Name of the runs table in every result store.
  public static let tableName = "folio_runs"

  /// SHA-256 (hex) of notebook SHA-256, params JSON, seed and Folio version,
  /// each on its own line.
  public var runID: String
  public var notebookPath: String
  public var notebookSHA256: String
  /// The params as a JSON object, in declaration order, with connection
  /// strings redacted (`ConnectionString.redacted`).
  public var paramsJSON: String
  public var seed: UInt64
  public var folioVersion: String
  /// Names of the result tables this run wrote, in order.
  public var tableNames: [String]

  public init(
    notebookPath: String, notebookSHA256: String, paramsJSON: String, seed: UInt64, folioVersion: String,
    tableNames: [String] = []
  ) {
    self.notebookPath = notebookPath
    self.notebookSHA256 = notebookSHA256
    let paramsJSON = ConnectionString.redacted(paramsJSON)
    self.paramsJSON = paramsJSON
    self.seed = seed
    self.folioVersion = folioVersion
    self.tableNames = tableNames
    let identity = [notebookSHA256, paramsJSON, String(seed), folioVersion].joined(separator: "\n")
    runID = SHA256.hash(data: Data(identity.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// The seed as stored (SQL has no unsigned 64-bit type): the same bit
  /// pattern as a signed integer, as in results.json.
  public var storedSeed: Int64 { Int64(bitPattern: seed) }

  /// The table names as stored: comma-separated.
  public var storedTableNames: String { tableNames.joined(separator: ",") }
}
