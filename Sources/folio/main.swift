import ArgumentParser
import FolioData
import FolioStats
import Foundation

// One BLAS thread: the 2-core machine is faster without OpenBLAS's thread
// pool on Folio's small-to-medium matrices, and a fixed summation order keeps
// results byte-identical across machines. The pool started when the library
// loaded, before main; stop it before its idle workers take a core.
BLASThreads.useOneThreadAndStopPool()

// Large column arrays reuse freed heap pages instead of a fresh mmap each
// (page faults were a fifth of a 5M-row render's CPU time).
HeapTuning.reuseLargeBlocks()

// A file-size limit (`ulimit -f`) makes a write fail with EFBIG, reported as
// an output error naming the file, instead of killing folio with SIGXFSZ
// halfway through writing.
signal(SIGXFSZ, SIG_IGN)

// Exit codes are Folio's own (0/1/2), so parse and run by hand instead of
// `FolioCommand.main()`, which exits 64 on usage errors. `folio preview` is
// async (it serves HTTP); the other commands are synchronous.
do {
  var command = try FolioCommand.parseAsRoot()
  if let asyncCommand = command as? AsyncParsableCommand {
    try await runAsync(asyncCommand)
  } else {
    try command.run()
  }
  exit(FolioExit.success)
} catch let code as ExitCode {
  exit(code.rawValue)
} catch let output as OutputError {
  printError("error: \(output.description)")
  exit(FolioExit.blockFailed)
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

/// Runs an async command. In top-level code `try await command.run()` would
/// pick the synchronous `run()` (which prints help), so call it from an async
/// function, where the async overload wins.
func runAsync(_ command: AsyncParsableCommand) async throws {
  var command = command
  try await command.run()
}
