import ArgumentParser
import Foundation

/// `folio`: renders markdown notebooks into executed, self-contained HTML reports.
struct FolioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "folio",
    abstract: "Render markdown notebooks into executed, self-contained HTML reports.",
    version: folioVersionString,
    subcommands: [RenderCommand.self, CheckCommand.self, PreviewCommand.self, DirectivesCommand.self])
}

/// Process exit codes: 0 all blocks ran, 1 a block or notebook failed, 2 usage error.
enum FolioExit {
  static let success: Int32 = 0
  static let blockFailed: Int32 = 1
  static let usage: Int32 = 2
}

/// A usage problem found after argument parsing (missing notebook, unknown --param).
struct UsageError: Error, CustomStringConvertible {
  var description: String
}

/// Writes a line to standard error.
func printError(_ s: String) {
  FileHandle.standardError.write(Data((s + "\n").utf8))
}
