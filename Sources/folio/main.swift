import ArgumentParser
import Foundation

// Exit codes are Folio's own (0/1/2), so parse and run by hand instead of
// `FolioCommand.main()`, which exits 64 on usage errors.
do {
  var command = try FolioCommand.parseAsRoot()
  try command.run()
  exit(FolioExit.success)
} catch let code as ExitCode {
  exit(code.rawValue)
} catch let usage as UsageError {
  printError("error: \(usage.description)")
  exit(FolioExit.usage)
} catch {
  if FolioCommand.exitCode(for: error) == .success {
    print(FolioCommand.fullMessage(for: error))
    exit(FolioExit.success)
  }
  printError(FolioCommand.fullMessage(for: error))
  exit(FolioExit.usage)
}
