import ArgumentParser
import FolioNotebook
import Foundation

/// `folio check NOTEBOOK...`: static validation, compiler-style diagnostics, nothing runs.
///
/// Every problem of a notebook is printed in one run: parsing goes on past
/// invalid YAML, bad headers and unclosed fences (`NotebookParser.parseRecovering`).
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate notebooks without running them; prints file:line:col: error: message.")

  @Argument(help: "Notebook files (.md).")
  var notebooks: [String]

  func run() throws {
    var problems = 0
    for path in notebooks {
      let bytes = try NotebookFile.read(path)
      do {
        let notebook = NotebookParser.parseRecovering(try NotebookSource.decode(bytes, path: path), path: path)
        for d in NotebookChecker.check(notebook) {
          print(d.description)
          problems += 1
        }
      } catch let e as NotebookError {
        print(e.description)
        problems += 1
      }
    }
    if problems > 0 {
      printError("\(problems) error\(problems == 1 ? "" : "s")")
      throw ExitCode(FolioExit.blockFailed)
    }
  }
}

/// Reading a notebook file: a missing or unreadable file is a usage error;
/// its contents are decoded by `NotebookSource`, which locates bad UTF-8.
enum NotebookFile {
  static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError(description: "cannot read notebook '\(path)': no such file or not readable")
    }
    return [UInt8](data)
  }
}
