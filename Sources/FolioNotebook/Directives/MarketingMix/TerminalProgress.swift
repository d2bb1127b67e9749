import Foundation

/// A one-line progress bar on stderr for long directives, drawn only when
/// stderr is a terminal (never into files, pipes or results), redrawn only
/// when the shown percentage changes.
final class TerminalProgress: @unchecked Sendable {
  private let title: String
  private let enabled: Bool
  private var lastPercent = -1

  init(_ title: String) {
    self.title = title
    self.enabled = isatty(2) != 0
  }

  func update(done: Int, total: Int, detail: String = "") {
    guard enabled, total > 0 else { return }
    let percent = min(100, done * 100 / total)
    guard percent != lastPercent else { return }
    lastPercent = percent
    let width = 30, filled = percent * width / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(done)/\(total) \(detail)\u{1B}[K".utf8))
    if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
