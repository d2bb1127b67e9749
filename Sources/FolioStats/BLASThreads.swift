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
}
