import Dispatch

/// `body(0..<n)` run on all cores (`DispatchQueue.concurrentPerform`),
/// results in index order, so the outcome never depends on scheduling.
///
/// For independent pieces of one transform (the columns of a gather, the
/// chunks of a CSV file); `body` must not touch shared mutable state.
func parallelMap<T>(_ n: Int, _ body: (Int) -> T) -> [T] {
  if n <= 1 { return (0..<n).map(body) }
  return inOrderSlots(n, body) { box in
    DispatchQueue.concurrentPerform(iterations: n) { i in box.slots[i] = box.body(i) }
  }
}

/// Runs `schedule` over a fresh slot per index and returns the slots in
/// index order; `schedule` must fill every slot exactly once.
private func inOrderSlots<T>(_ n: Int, _ body: (Int) -> T, _ schedule: (ParallelSlots<T>) -> Void) -> [T] {
  let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
  slots.initialize(repeating: nil)
  defer {
    slots.deinitialize()
    slots.deallocate()
  }
  withoutActuallyEscaping(body) { body in schedule(ParallelSlots(body: body, slots: slots)) }
  return slots.map { $0! }
}

/// The body and result slots shared by the workers; each worker writes only its own slot.
private struct ParallelSlots<T>: @unchecked Sendable {
  let body: (Int) -> T
  let slots: UnsafeMutableBufferPointer<T?>
}

/// `values[indices[k]]` for every k, copied through unchecked buffers (the
/// indices must be valid: they come from the frame's own row numbering).
@inline(__always)
func gathered<T>(_ values: [T], _ indices: [Int]) -> [T] {
  values.withUnsafeBufferPointer { src in
    indices.withUnsafeBufferPointer { idx in
      [T](unsafeUninitializedCapacity: idx.count) { out, count in
        if let o = out.baseAddress, let s = src.baseAddress {
          for k in 0..<idx.count { (o + k).initialize(to: s[idx[k]]) }
        }
        count = idx.count
      }
    }
  }
}

/// `body(0..<n)` on exactly `threads` workers (worker `w` runs `w`,
/// `w + threads`, …), results in index order; `threads` ≤ 1 runs inline.
/// For readers whose tests pin the thread count.
func parallelMap<T>(_ n: Int, threads: Int, _ body: (Int) -> T) -> [T] {
  let workers = min(max(threads, 1), n)
  if workers <= 1 { return (0..<n).map(body) }
  return inOrderSlots(n, body) { box in
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var i = w
      while i < n {
        box.slots[i] = box.body(i)
        i += workers
      }
    }
  }
}
