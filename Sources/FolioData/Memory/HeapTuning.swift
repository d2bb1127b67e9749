#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for frames of millions of rows.
///
/// glibc serves every allocation above 128 KB–32 MB with its own `mmap` and
/// returns it with `munmap` on free, so each new column array (40 MB for 5M
/// doubles) is faulted in and zeroed page by page by the kernel, even when
/// an equally large array was just freed: on the 5.2M-row promo-inventory
/// render that was a fifth of all CPU samples (page faults, page clearing,
/// unmapping). Serving blocks up to 1 GB from the heap and keeping freed
/// memory there lets later arrays reuse pages already mapped. Peak memory is
/// unchanged (the live data set is the same; only reuse changes).
public enum HeapTuning {
  /// Keeps large freed blocks in the process for reuse. Call once at startup,
  /// before large allocations; a no-op where glibc's `mallopt` is absent.
  public static func reuseLargeBlocks() {
    #if canImport(Glibc)
    // <malloc.h> is not in the Glibc module: look `mallopt` up at run time.
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    _ = mallopt(mmapThreshold, 1 << 30)
    _ = mallopt(trimThreshold, 1 << 30)
    #endif
  }
}
