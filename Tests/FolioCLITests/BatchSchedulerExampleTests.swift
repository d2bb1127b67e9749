import Foundation
import FolioTestSupport
import XCTest

/// The scheduler examples in docs/batch run as written: the Slurm array
/// script (its task part with Slurm's variables set, its submit part against
/// a stand-in `sbatch` that records what it was asked) and the shell of the
/// Kubernetes Indexed Job's pods, each with the real `folio`; the shards
/// they render plus `folio index` give the same files, byte for byte, as one
/// `folio render --params-file` process. (Slurm and a Kubernetes cluster
/// themselves are not available here; the manifests' schema was checked
/// with kubernetes-validate, see docs/batch/README.md.)
final class BatchSchedulerExampleTests: XCTestCase {
  static let docs = FolioProcess.packageRoot.appendingPathComponent("docs/batch")

  /// Runs `executable args…` in `dir` with `environment` added to this process's.
  func run(_ executable: String, _ args: [String], in dir: URL, environment: [String: String]) throws -> FolioProcess.Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.currentDirectoryURL = dir
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    final class Box: @unchecked Sendable { var data = Data() }
    let outData = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return .init(status: p.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A batch (ShardedBatchTests' seven runs) and its one-process render in `single/`.
  func batchWithReference() throws -> (dir: URL, expected: [String: Data]) {
    let dir = try BatchFixture.make()
    let single = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "single"], in: dir)
    XCTAssertEqual(single.status, 0, single.stderr)
    return (dir, try BatchFixture.files(under: dir.appendingPathComponent("single")))
  }

  func assertSameFiles(_ folder: URL, _ expected: [String: Data], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let got = try BatchFixture.files(under: folder)
    XCTAssertEqual(got.keys.sorted(), expected.keys.sorted(), what, file: file, line: line)
    for (name, bytes) in expected where got[name] != bytes {
      XCTFail("\(what): \(name) differs from the one-process render", file: file, line: line)
    }
  }

  func testSlurmArrayTasksRenderTheirShardsAndTheIndexMatchesOneProcess() throws {
    let (dir, expected) = try batchWithReference()
    let folio = try FolioProcess.executable().path
    let script = Self.docs.appendingPathComponent("slurm-array.sh").path
    for task in 0..<3 {
      let r = try run("/bin/bash", [script], in: dir, environment: [
        "SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "0",
        "FOLIO": folio, "FOLIO_NOTEBOOK": "nb.md", "FOLIO_PARAMS_FILE": "runs.csv", "FOLIO_OUTPUT": "slurm",
      ])
      XCTAssertEqual(r.status, 0, "task \(task): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("shard \(task)/3:"), r.stderr)
    }
    // What the index job's --wrap runs.
    let index = try FolioProcess.run(["index", "slurm"], in: dir)
    XCTAssertEqual(index.status, 0, index.stderr)
    try assertSameFiles(dir.appendingPathComponent("slurm"), expected, "Slurm array of 3")
  }

  func testSlurmScriptOnALoginNodeSubmitsTheArrayAndAnIndexJobAfterIt() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let bin = dir.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    // A stand-in sbatch: logs its arguments and FOLIO_SHARDS, prints a job id.
    let log = dir.appendingPathComponent("sbatch.log").path
    let sbatch = bin.appendingPathComponent("sbatch")
    try """
      #!/bin/sh
      n=$(cat "\(log)" 2>/dev/null | wc -l)
      printf 'FOLIO_SHARDS=%s' "${FOLIO_SHARDS:-}" >> "\(log)"
      for a in "$@"; do printf ' [%s]' "$a" >> "\(log)"; done
      echo >> "\(log)"
      echo "$((4242 + n));cluster1"
      """.write(to: sbatch, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sbatch.path)
    let script = Self.docs.appendingPathComponent("slurm-array.sh").path
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    var env = ["PATH": path, "FOLIO_NOTEBOOK": "nb.md", "FOLIO_PARAMS_FILE": "runs.csv", "FOLIO_OUTPUT": "out dir", "FOLIO_SHARDS": "5"]
    env["SLURM_ARRAY_TASK_ID"] = ""
    let r = try run("/bin/bash", [script], in: dir, environment: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "submitted shards: job 4242 (tasks 0-4); index: job 4243\n")
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
    XCTAssertEqual(lines, [
      "FOLIO_SHARDS=5 [--parsable] [--array=0-4] [\(script)]",
      "FOLIO_SHARDS=5 [--parsable] [--job-name=folio-batch-index] [--dependency=afterany:4242] [--output=folio-batch-index-%j.log] [--wrap=folio index out\\ dir]",
    ])
    env["FOLIO_SHARDS"] = "0"
    let zero = try run("/bin/bash", [script], in: dir, environment: env)
    XCTAssertEqual(zero.status, 2)
    XCTAssertTrue(zero.stderr.contains("FOLIO_SHARDS must be a whole number ≥ 1, found '0'"), zero.stderr)
  }

  func testGitHubMatrixShardsInSeparateFoldersMergedLikeArtifactsIndexAsOneProcess() throws {
    // docs/batch/github-actions-matrix.yml: each matrix job renders into its
    // own `out/` and uploads it without the block cache; the index job
    // downloads every artifact into one folder and runs `folio index`.
    let (dir, expected) = try batchWithReference()
    let fm = FileManager.default
    let merged = dir.appendingPathComponent("merged")
    try fm.createDirectory(at: merged, withIntermediateDirectories: true)
    for job in 0..<3 {
      let out = "job-\(job)/out"
      let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "--shard", "\(job)/3", "--output", out, "--keep-going"], in: dir)
      XCTAssertEqual(r.status, 0, r.stderr)
      let folder = dir.appendingPathComponent(out)
      try fm.removeItem(at: folder.appendingPathComponent(".folio-cache"))
      for name in try fm.contentsOfDirectory(atPath: folder.path) {
        try fm.copyItem(at: folder.appendingPathComponent(name), to: merged.appendingPathComponent(name))
      }
    }
    let index = try FolioProcess.run(["index", "merged"], in: dir)
    XCTAssertEqual(index.status, 0, index.stderr)
    try assertSameFiles(merged, expected, "3 matrix jobs merged")
  }

  /// The `- |` block under the first `args:` in a manifest, dedented: the shell the pod runs with /bin/sh -c.
  func podShell(_ manifest: String) throws -> String {
    let lines = manifest.components(separatedBy: "\n")
    let argsLine = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "args:" })
    let marker = argsLine + 1
    XCTAssertEqual(lines[marker].trimmingCharacters(in: .whitespaces), "- |")
    let markerIndent = lines[marker].prefix { $0 == " " }.count
    var body: [String] = []
    for line in lines[(marker + 1)...] {
      let indent = line.prefix { $0 == " " }.count
      if !line.trimmingCharacters(in: .whitespaces).isEmpty && indent <= markerIndent { break }
      body.append(line)
    }
    let indent = body.first.map { $0.prefix { $0 == " " }.count } ?? 0
    return body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n")
  }

  /// The value of `key: value` (first occurrence) or of env var `name` in a manifest.
  func field(_ key: String, in manifest: String) -> String? {
    manifest.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key): ") }
      .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(key.count + 2).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
  }

  func envValue(_ name: String, in manifest: String) -> String? {
    let lines = manifest.components(separatedBy: "\n")
    guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "- name: \(name)" }), i + 1 < lines.count else { return nil }
    return field("value", in: lines[i + 1])
  }

  func testKubernetesIndexedJobPodsRenderTheirShardsAndTheIndexJobMatchesOneProcess() throws {
    let (dir, expected) = try batchWithReference()
    let job = try String(contentsOf: Self.docs.appendingPathComponent("kubernetes-indexed-job.yaml"), encoding: .utf8)
    let indexJob = try String(contentsOf: Self.docs.appendingPathComponent("kubernetes-index-job.yaml"), encoding: .utf8)
    XCTAssertEqual(field("completionMode", in: job), "Indexed")
    let shards = try XCTUnwrap(envValue("SHARDS", in: job))
    XCTAssertEqual(field("completions", in: job), shards, "SHARDS must equal completions")
    XCTAssertEqual(field("parallelism", in: job), shards)
    XCTAssertEqual(envValue("OUTPUT", in: job), envValue("OUTPUT", in: indexJob))
    XCTAssertEqual(field("claimName", in: job), field("claimName", in: indexJob), "both Jobs mount the same volume")

    // The pods' shell, with the real folio on PATH and this test's paths.
    let bin = dir.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("folio"), withDestinationURL: try FolioProcess.executable())
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let env = ["PATH": path, "SHARDS": shards, "NOTEBOOK": "nb.md", "PARAMS_FILE": "runs.csv", "OUTPUT": "volume"]
    let n = try XCTUnwrap(Int(shards))
    let shell = try podShell(job)
    for i in 0..<n {
      let r = try run("/bin/sh", ["-c", shell], in: dir, environment: env.merging(["JOB_COMPLETION_INDEX": "\(i)"]) { $1 })
      XCTAssertEqual(r.status, 0, "pod \(i): \(r.stderr)")
    }
    let index = try run("/bin/sh", ["-c", try podShell(indexJob)], in: dir, environment: env)
    XCTAssertEqual(index.status, 0, index.stderr)
    try assertSameFiles(dir.appendingPathComponent("volume"), expected, "Indexed Job of \(n)")

    // A pod whose run has a failing block still succeeds (its report is
    // written); the index lists the failure and exits 1.
    try "region,min_week\nNorth,1\nNowhere,1\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let bad = env.merging(["PARAMS_FILE": "bad.csv", "OUTPUT": "bad", "SHARDS": "1", "JOB_COMPLETION_INDEX": "0"]) { $1 }
    let pod = try run("/bin/sh", ["-c", shell], in: dir, environment: bad)
    XCTAssertEqual(pod.status, 0, pod.stderr)
    XCTAssertTrue(pod.stderr.contains("shard 0/1: a run failed; folio index will list it"), pod.stderr)
    let failedIndex = try run("/bin/sh", ["-c", try podShell(indexJob)], in: dir, environment: bad)
    XCTAssertEqual(failedIndex.status, 1, failedIndex.stderr)
    XCTAssertTrue(failedIndex.stderr.contains("(2 runs, 1 with errors)"), failedIndex.stderr)
  }
}
