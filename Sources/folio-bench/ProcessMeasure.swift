// One child process timed from outside: wall clock from just before
// posix_spawn to just after wait4, and the child's own peak resident set
// (rusage.ru_maxrss from wait4, kilobytes on Linux) and CPU seconds.
import Foundation

/// Wall seconds, CPU seconds (user + system), peak RSS and exit status of
/// one finished child. CPU time is printed too because on a shared machine
/// it moves far less than wall time with the load.
struct ProcessMeasure {
  var seconds: Double
  var cpuSeconds: Double
  var peakMegabytes: Double
  var status: Int32
}

/// Runs `exe args` with stdout and stderr sent to /dev/null and measures it.
/// - Throws: when it cannot start or exits with a non-zero status.
func spawnMeasured(_ exe: URL, _ args: [String], allowFailure: Bool = false) throws -> ProcessMeasure {
  let argv = ([exe.path] + args).map { strdup($0) } + [nil]
  defer { for p in argv { free(p) } }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  let rc = posix_spawn(&pid, exe.path, &actions, nil, argv, environ)
  guard rc == 0 else { throw BenchmarkError("cannot start \(exe.path): error \(rc)") }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  let cpu = secs(usage.ru_utime) + secs(usage.ru_stime)
  let measure = ProcessMeasure(seconds: seconds, cpuSeconds: cpu, peakMegabytes: Double(usage.ru_maxrss) / 1024, status: status)
  if status != 0 && !allowFailure {
    throw BenchmarkError("\(exe.lastPathComponent) \(args.joined(separator: " ")) exited with status \(status)")
  }
  return measure
}

/// The median of `values` (mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
  let s = values.sorted()
  guard !s.isEmpty else { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
