#if canImport(Glibc)
import Glibc
#endif
import _FolioLAPACK

/// The number of threads OpenBLAS uses for BLAS and LAPACK calls.
///
/// Folio's products are tall and thin (n × p with p ≪ n), where threading
/// gains little and, on a loaded machine, threads that wait for a core cost
/// far more than they save (the GLM benchmark runs 2.5× slower with the
/// default thread count on 2 busy cores). One thread also fixes the
/// summation order, so results are byte-identical across machines.
public enum BLASThreads {
  /// Threads OpenBLAS will use.
  public static var count: Int { Int(openblas_get_num_threads()) }

  /// Sets the thread count (values below 1 are treated as 1). Process-wide.
  public static func set(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

  /// One thread, and the worker pool that OpenBLAS started when it loaded
  /// stopped.
  ///
  /// `set(1)` alone leaves the idle workers spinning on `sched_yield` for a
  /// while, which takes a whole core from a short run (a third of a
  /// warm-cache render's CPU time on 2 cores). OpenBLAS stops its pool with
  /// `blas_thread_shutdown_`, the exported function its own fork handler
  /// calls; with one thread it never restarts it. The symbol is looked up at
  /// run time, so a BLAS without it only skips this step.
  public static func useOneThreadAndStopPool() {
    set(1)
    #if canImport(Glibc)
    typealias Shutdown = @convention(c) () -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") {
      _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }
    #endif
  }
}
