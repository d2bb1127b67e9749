import FolioData
import Foundation

/// Runs cache stores one at a time on a background queue.
///
/// It remembers which object each column already went to, by the identity
/// of its storage (copy-on-write arrays shared between frames), so a block
/// that returns its input unchanged, or adds columns to it, encodes and
/// hashes only what is new.
final class CacheWriter: @unchecked Sendable {
  private let queue = DispatchQueue(label: "folio.block-cache.writer")
  private let group = DispatchGroup()
  private var memo = ObjectMemo()

  func enqueue(_ work: @escaping @Sendable (inout ObjectMemo) -> Void) {
    queue.async(group: group) { [self] in work(&memo) }
  }

  /// Waits for every store so far, then forgets the datasets it kept for
  /// identity checks (so a long-running preview does not hold old renders).
  func wait() {
    group.wait()
    queue.sync { memo = ObjectMemo() }
  }
}

/// Column objects written by this process, by the identity of the
/// columns' storage (copy-on-write arrays that derived frames share).
struct ObjectMemo {
  private var known: [[Int]: (column: Column, ref: ObjectRef)] = [:]

  /// The object this process already wrote for the column's storage, if it is still there.
  func known(_ column: Column, store: ObjectStore) -> ObjectRef? {
    guard let hit = known[Self.identity(column)], CacheFiles.size(store.path(hit.ref.hash)) == hit.ref.size else { return nil }
    CacheFiles.touch(store.path(hit.ref.hash))
    return hit.ref
  }

  /// Remembers the column's object; the column is kept so its storage (and
  /// so its address) stays alive.
  mutating func remember(_ column: Column, _ ref: ObjectRef) {
    known[Self.identity(column)] = (column, ref)
  }

  /// Type, row count and the addresses of the column's arrays.
  private static func identity(_ c: Column) -> [Int] {
    func address<T>(_ a: [T]) -> Int { a.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
    switch c {
    case .number(let v): return [0, v.count, address(v)]
    case .integer(let x): return [1, x.values.count, address(x.values), address(x.missing)]
    case .string(let x): return [2, x.codes.count, address(x.codes), address(x.levels)]
    case .date(let x): return [3, x.days.count, address(x.days), address(x.missing)]
    }
  }
}
