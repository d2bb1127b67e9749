import ArgumentParser
import Foundation

/// `folio`: renders markdown notebooks into executed, self-contained HTML reports.
struct FolioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "folio",
    abstract: "Render markdown notebooks into executed, self-contained HTML reports.",
    version: folioVersionString,
    subcommands: [RenderCommand.self, IndexCommand.self, CheckCommand.self, PreviewCommand.self, CacheCommand.self, DirectivesCommand.self])
}

/// Process exit codes, as the README's "Command line" section lists them.
enum FolioExit {
  /// Every block ran and every output was written.
  static let success: Int32 = 0
  /// A block failed (its error cell is in the report), `check` found an
  /// error, or an output could not be written (`OutputError`: a full disk,
  /// a result store that is down; the previous outputs are then intact).
  static let blockFailed: Int32 = 1
  /// The command line is wrong (`UsageError`, argument parsing): an unknown
  /// flag or `--param`, a malformed value, or a path argument (notebook,
  /// `--template`, `--params-file`) that names no readable file.
  static let usage: Int32 = 2
}

/// A problem with the command line found after argument parsing: a notebook
/// or `--template` that does not exist, an unknown or mistyped `--param`.
/// Exit status 2. Failures to write outputs are `OutputError` (exit 1).
struct UsageError: Error, CustomStringConvertible {
  var description: String
}

/// Writes a line to standard error.
func printError(_ s: String) {
  FileHandle.standardError.write(Data((s + "\n").utf8))
}
