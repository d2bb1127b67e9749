import ArgumentParser
import FolioNotebook
import Foundation

/// `folio directives`: prints the directive reference generated from the
/// option declarations, or rewrites the README's copy of it.
struct DirectivesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "directives",
    abstract: "Print the directive reference (every directive and option, from their declarations).")

  @Option(help: ArgumentHelp("Rewrite the reference between the markers of this markdown file instead of printing it.", valueName: "README.md"))
  var update: String?

  func run() throws {
    guard let path = update else {
      print(DirectiveReference.markdown(), terminator: "")
      return
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError(description: "--update: cannot read \(path)")
    }
    guard let updated = DirectiveReference.updating(String(decoding: data, as: UTF8.self)) else {
      throw UsageError(description: "--update: \(path) has no '\(DirectiveReference.beginMarker)' … '\(DirectiveReference.endMarker)' markers")
    }
    do { try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
      throw UsageError(description: "--update: cannot write \(path): \(error.localizedDescription)")
    }
  }
}
